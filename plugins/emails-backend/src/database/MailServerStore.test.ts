import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { MailServerInput, MailServerStore } from './MailServerStore';
import {
  emailsTestDatabaseIds,
  migratedKnex,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const input = (name: string, over: Partial<MailServerInput> = {}) =>
  ({
    name,
    email: `${name}@example.com`,
    protocol: 'imap',
    enabled: true,
    primary: false,
    settings: { host: 'mail.example.com', port: 993, security: 'ssl' },
    ...over,
  } as MailServerInput);

describe('MailServerStore', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function stores(databaseId: any) {
    const knex = await migratedKnex(databases, databaseId);
    return {
      incoming: new MailServerStore(knex, 'incoming'),
      outgoing: new MailServerStore(knex, 'outgoing'),
    };
  }

  it.each(databases.eachSupportedId())(
    'creates, reads, updates and deletes on %p',
    async databaseId => {
      const { incoming, outgoing } = await stores(databaseId);
      const smtp = await outgoing.create(input('smtp', { protocol: 'smtp' }));
      const created = await incoming.create(
        input('support', {
          technicianGroup: 'group:default/it-support',
          outgoingServerId: smtp.id,
          secrets: 'ciphertext',
        }),
        'user:default/alice',
      );
      expect(created).toMatchObject({
        name: 'support',
        version: 1,
        enabled: true,
        primary: false,
        technicianGroup: 'group:default/it-support',
        outgoingServerId: smtp.id,
        settings: { host: 'mail.example.com', port: 993, security: 'ssl' },
        secrets: 'ciphertext',
        createdBy: 'user:default/alice',
      });
      expect(await incoming.get(created.id)).toEqual(created);

      const updated = await incoming.update(
        created.id,
        1,
        input('support', { enabled: false, settings: { port: 143 } }),
        'user:default/bob',
      );
      expect(updated).toMatchObject({
        version: 2,
        enabled: false,
        settings: { port: 143 },
        updatedBy: 'user:default/bob',
        createdBy: 'user:default/alice',
      });
      expect(updated.secrets).toBeUndefined();

      // Deleting the outgoing server unlinks it instead of failing.
      await outgoing.delete(smtp.id);
      expect((await incoming.get(created.id)).outgoingServerId).toBeUndefined();

      await incoming.delete(created.id);
      await expect(incoming.get(created.id)).rejects.toThrow(NotFoundError);
      await expect(incoming.delete(created.id)).rejects.toThrow(NotFoundError);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a stale version and a taken name on %p',
    async databaseId => {
      const { incoming } = await stores(databaseId);
      const a = await incoming.create(input('a'));
      await incoming.create(input('b'));
      await incoming.update(a.id, 1, input('a', { enabled: false }));
      await expect(incoming.update(a.id, 1, input('a'))).rejects.toThrow(
        ConflictError,
      );
      await expect(incoming.create(input('b'))).rejects.toThrow(
        'An incoming server named "b" already exists',
      );
      await expect(incoming.update(a.id, 2, input('b'))).rejects.toThrow(
        ConflictError,
      );
      await expect(incoming.update('missing', 1, input('x'))).rejects.toThrow(
        NotFoundError,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps at most one primary per direction on %p',
    async databaseId => {
      const { incoming, outgoing } = await stores(databaseId);
      const first = await incoming.create(input('first', { primary: true }));
      const out = await outgoing.create(input('out', { primary: true }));
      const second = await incoming.create(input('second', { primary: true }));
      expect((await incoming.get(first.id)).primary).toBe(false);
      expect((await incoming.get(second.id)).primary).toBe(true);
      // The other direction keeps its own primary.
      expect((await outgoing.get(out.id)).primary).toBe(true);

      await incoming.update(first.id, 2, input('first', { primary: true }));
      const primaries = (await incoming.list()).filter(s => s.primary);
      expect(primaries.map(s => s.name)).toEqual(['first']);
    },
  );
});
