import { startEmailsBackend } from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const smtp = (name: string, over: object = {}) => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
  protocol: 'smtp',
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  authNeeded: false,
  ...over,
});

const pop3 = (name: string, over: object = {}) => ({
  name,
  email: `${name.toLowerCase()}@example.com`,
  protocol: 'pop3',
  host: 'pop.example.com',
  port: 995,
  security: 'ssl',
  authType: 'basic',
  username: 'support',
  password: 'pw',
  technicianGroup: 'group:default/it-support',
  ...over,
});

// Mail without a preferred server goes through the primary: losing it left
// every acknowledgement waiting with "no primary outgoing server".
describe('the primary server', () => {
  let backend: Awaited<ReturnType<typeof startEmailsBackend>>;

  beforeAll(async () => {
    backend = await startEmailsBackend();
  });

  it.each([
    ['outgoing', smtp],
    ['incoming', pop3],
  ] as const)(
    'is kept while other %s servers exist, and may go last',
    async (direction, server) => {
      const { call } = backend;
      const path = `/servers/${direction}`;
      const primary = (
        await call('admin', 'post', path, server('Main', { primary: true }))
      ).body;
      const other = (await call('admin', 'post', path, server('Spare'))).body;
      const { version } = primary;

      const deleted = await call('admin', 'delete', `${path}/${primary.id}`);
      expect(deleted.status).toBe(409);
      expect(deleted.body.error.message).toContain(
        'make another server primary first',
      );
      const edit = server('Main', { version });
      for (const change of [
        { primary: true, enabled: false },
        { primary: false },
      ]) {
        const res = await call('admin', 'put', `${path}/${primary.id}`, {
          ...edit,
          ...change,
        });
        expect(res.status).toBe(409);
        expect(res.body.error.message).toContain(
          `"Main": it is the primary ${direction} server`,
        );
      }
      const list = (await call('admin', 'get', path)).body;
      expect(list.filter((s: any) => s.primary).map((s: any) => s.id)).toEqual([
        primary.id,
      ]);

      // Handing primary over first makes both changes possible.
      expect(
        (
          await call('admin', 'put', `${path}/${other.id}`, {
            ...server('Spare', { primary: true }),
            version: other.version,
          })
        ).status,
      ).toBe(200);
      expect(
        (await call('admin', 'delete', `${path}/${primary.id}`)).status,
      ).toBe(204);
      // The last server is no one's fallback: it may be deleted.
      expect(
        (await call('admin', 'delete', `${path}/${other.id}`)).status,
      ).toBe(204);
    },
  );
});
