import { TestDatabases } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { emailsTestDatabaseIds } from '../__testUtils__/testDatabases';
import { mail, startPipeline } from '../ingest/__testUtils__/pipeline';
import { isInTechnicianGroup } from '../permissions';
import { NO_TICKETS, TicketAccess } from './ticketAccess';

jest.setTimeout(60_000);

const IT = { technicianGroups: ['group:default/IT-Support'] };
const SALES = { technicianGroups: ['group:default/sales'] };
const NOISE = {
  type: 'ignore',
  emails: ['noise@example.com'],
  domains: [],
  keywords: [],
};

const withFile = (subject: string) =>
  mail(
    {
      From: 'Rita <rita@example.com>',
      Subject: subject,
      'Message-ID': `<${subject.replace(/\W/g, '')}@example.com>`,
      'Content-Type': 'multipart/mixed; boundary="b"',
    },
    `--b\r\nContent-Type: text/plain\r\n\r\n${subject}\r\n--b\r\nContent-Type: text/plain; name="notes.txt"\r\nContent-Disposition: attachment; filename="notes.txt"\r\n\r\nnotes\r\n--b--\r\n`,
  );
const noise = (subject: string) =>
  mail({ From: 'noise@example.com', Subject: subject }, 'spam');

describe('ticket access in the stores', () => {
  const databases = TestDatabases.create({ ids: emailsTestDatabaseIds() });

  /** Mail to it-support, sales and an unassigned mailbox; noise is ignored on the first two. */
  async function setup(databaseId: any) {
    const pipeline = await startPipeline(databases, databaseId, {
      serverSettings: { filter: NOISE },
    });
    const { stores, ingest } = pipeline;
    const mailbox = (name: string, technicianGroup?: string) =>
      stores.incomingServers.create({
        name,
        email: `${name}@example.com`,
        protocol: 'imap',
        enabled: true,
        primary: false,
        technicianGroup,
        settings: { filter: NOISE },
      });
    const sales = await mailbox('sales', 'group:default/sales');
    const unassigned = await mailbox('unassigned');
    let n = 0;
    const deliverTo = async (serverId: string, raw: string) => {
      const { id } = await ingest.record(
        { serverId, sourceId: `access:${++n}` },
        Buffer.from(raw),
      );
      return ingest.process(id);
    };
    const it = await deliverTo(pipeline.server.id, withFile('Printer'));
    const sold = await deliverTo(sales.id, withFile('Quote'));
    const loose = await deliverTo(unassigned.id, withFile('Lost'));
    const itNoise = await deliverTo(pipeline.server.id, noise('Win'));
    const salesNoise = await deliverTo(sales.id, noise('Prize'));
    expect([it, sold, loose, itNoise, salesNoise].map(o => o.status)).toEqual([
      'ticketed',
      'ticketed',
      'ticketed',
      'ignored',
      'ignored',
    ]);
    const fileOf = async (ticketId: string) => {
      const [entry] = await stores.tickets.entries(ticketId);
      const files = await stores.attachments.forEntries([entry.id]);
      return files.get(entry.id)![0].id;
    };
    return {
      stores,
      messages: { it, sold, loose, itNoise, salesNoise },
      tickets: {
        it: it.ticketId!,
        sold: sold.ticketId!,
        loose: loose.ticketId!,
      },
      files: {
        it: await fileOf(it.ticketId!),
        sold: await fileOf(sold.ticketId!),
      },
    };
  }

  it.each(databases.eachSupportedId())(
    'lists and finds only the tickets, messages and attachments of the groups on %p',
    async databaseId => {
      const { stores, messages, tickets, files } = await setup(databaseId);
      const ticketIds = async (access: TicketAccess) =>
        (await stores.tickets.list({ access })).items.map(t => t.id).sort();
      const messageIds = async (access: TicketAccess) =>
        (await stores.inboundMessages.list({ access })).items
          .map(m => m.id)
          .sort();
      const visible = (load: Promise<unknown>) =>
        load.then(
          () => true,
          error => {
            if (error instanceof NotFoundError) return false;
            throw error;
          },
        );

      expect(await ticketIds('all')).toEqual(
        [tickets.it, tickets.sold, tickets.loose].sort(),
      );
      expect(await ticketIds(IT)).toEqual([tickets.it]);
      expect(await ticketIds(SALES)).toEqual([tickets.sold]);
      expect(await ticketIds(NO_TICKETS)).toEqual([]);
      expect(await visible(stores.tickets.get(tickets.sold, IT))).toBe(false);
      expect(await visible(stores.tickets.get(tickets.it, IT))).toBe(true);

      // A message of a ticket follows the ticket; an ignored one its mailbox.
      expect(await messageIds(IT)).toEqual(
        [messages.it.id, messages.itNoise.id].sort(),
      );
      expect(await messageIds(SALES)).toEqual(
        [messages.sold.id, messages.salesNoise.id].sort(),
      );
      expect(await messageIds(NO_TICKETS)).toEqual([]);
      expect(await messageIds('all')).toHaveLength(5);
      for (const load of [
        (access: TicketAccess) =>
          stores.inboundMessages.get(messages.salesNoise.id, access),
        (access: TicketAccess) =>
          stores.inboundMessages.raw(messages.sold.id, access),
        (access: TicketAccess) => stores.attachments.get(files.sold, access),
      ]) {
        expect(await visible(load(IT))).toBe(false);
        expect(await visible(load(SALES))).toBe(true);
        expect(await visible(load('all'))).toBe(true);
      }
      expect(await visible(stores.attachments.get(files.it, IT))).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'combines conditions as the policy does, a ticket without a group included in a NOT, on %p',
    async databaseId => {
      const { stores, tickets, messages } = await setup(databaseId);
      const ticketIds = async (access: TicketAccess) =>
        (await stores.tickets.list({ access })).items.map(t => t.id).sort();

      expect(await ticketIds({ not: IT })).toEqual(
        [tickets.sold, tickets.loose].sort(),
      );
      expect(await ticketIds({ anyOf: [IT, SALES] })).toEqual(
        [tickets.it, tickets.sold].sort(),
      );
      expect(await ticketIds({ allOf: [IT, SALES] })).toEqual([]);
      expect(await ticketIds({ allOf: [IT, { not: SALES }] })).toEqual([
        tickets.it,
      ]);
      const notIt = (
        await stores.inboundMessages.list({ access: { not: IT } })
      ).items.map(m => m.id);
      expect(notIt.sort()).toEqual(
        [messages.sold.id, messages.loose.id, messages.salesNoise.id].sort(),
      );

      // The rule's apply (single tickets) agrees with its query (lists).
      for (const id of Object.values(tickets)) {
        const ticket = await stores.tickets.get(id);
        for (const groups of [IT, SALES]) {
          const applied = isInTechnicianGroup.apply(ticket, {
            groups: groups.technicianGroups,
          });
          expect([id, applied]).toEqual([
            id,
            (await ticketIds(groups)).includes(id),
          ]);
        }
      }
    },
  );
});
