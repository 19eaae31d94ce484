import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { ConfigAuditRecorder } from '../audit/ConfigAuditRecorder';
import { createStores } from '../database';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { RuleService } from './RuleService';

jest.setTimeout(60_000);

const context = { actor: 'user:default/alice' };
const printers = {
  name: 'Printers',
  conditions: [{ field: 'subject', operator: 'contains', values: ['printer'] }],
  actions: [{ type: 'category', value: 'Hardware' }],
};

describe('RuleService, incoming email rules stored as a versioned document', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  async function setUp(databaseId: any) {
    const knex = await databases.init(databaseId);
    const stores = await createStores({ getClient: async () => knex } as any);
    const audit = new ConfigAuditRecorder(
      stores.configAudit,
      mockServices.auditor.mock(),
    );
    return { knex, stores, rules: new RuleService({ stores, audit }) };
  }

  it.each(databases.eachSupportedId())(
    'saves, versions and audits the list apart from the outgoing rules on %p',
    async databaseId => {
      const { knex, stores, rules } = await setUp(databaseId);
      expect(await rules.incoming()).toEqual({ rules: [], version: 0 });
      const saved = await rules.putIncoming(
        { version: 0, rules: [printers] },
        context,
      );
      expect(saved.version).toBe(1);
      expect(saved.rules[0]).toMatchObject({ name: 'Printers', enabled: true });
      expect(await rules.incoming()).toEqual(saved);
      expect((await rules.outgoing()).version).toBe(0);
      const row = await knex('preferences')
        .where({ name: 'incoming-email-rules' })
        .first();
      expect(JSON.parse(row.value)[0].id).toBe(saved.rules[0].id);

      await expect(
        rules.putIncoming({ version: 0, rules: [] }, context),
      ).rejects.toThrow(ConflictError);
      await expect(
        rules.putIncoming(
          { version: 1, rules: [{ ...printers, actions: [] }] },
          context,
        ),
      ).rejects.toThrow(InputError);
      const entries = await stores.configAudit.list({
        target: 'incoming-rules',
      });
      expect(entries.map(e => [e.actor, e.targetName])).toEqual([
        ['user:default/alice', 'Incoming Email Rules'],
      ]);
      expect(entries[0].changes.map(c => c.field)).toContain(
        'Printers.actions',
      );
      expect(await rules.incoming()).toEqual(saved);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets only one of two saves of the same version win on %p',
    async databaseId => {
      const { stores, rules } = await setUp(databaseId);
      const results = await Promise.allSettled([
        rules.putIncoming({ version: 0, rules: [printers] }, context),
        rules.putIncoming(
          { version: 0, rules: [{ ...printers, name: 'Other' }] },
          context,
        ),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const lost = results.find(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConflictError);
      // The loser's audit entry went with its transaction.
      expect(
        await stores.configAudit.list({ target: 'incoming-rules' }),
      ).toHaveLength(1);
      expect((await rules.incoming()).version).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'names the incoming rules that refer to a mailbox on %p',
    async databaseId => {
      const { rules } = await setUp(databaseId);
      await rules.putIncoming(
        {
          version: 0,
          rules: [
            printers,
            {
              ...printers,
              name: 'Help desk',
              conditions: [
                {
                  field: 'mailbox',
                  operator: 'contains',
                  values: ['HELP@example.com'],
                },
              ],
            },
          ],
        },
        context,
      );
      expect(
        await rules.incomingRulesNamingMailbox('id-1', 'help@example.com'),
      ).toEqual(['Help desk']);
      expect(
        await rules.rulesNamingMailbox('id-1', 'help@example.com'),
      ).toEqual([]);
    },
  );
});
