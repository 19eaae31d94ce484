import { LoggerService } from '@backstage/backend-plugin-api';
import { IncomingServer } from '@internal/plugin-emails-common';
import { MailServerService } from '../../servers/MailServerService';

/** The actor the configuration audit shows for the demo mailbox. */
export const DEMO_SETUP_ACTOR = 'emails-demo-setup';

/** What {@link ensureDemoMailbox} did. */
export type DemoMailboxResult = 'exists' | 'created' | 'skipped';

async function hasMailbox(
  servers: Pick<MailServerService, 'list'>,
  email: string,
): Promise<boolean> {
  const wanted = email.toLowerCase();
  const all = (await servers.list()) as IncomingServer[];
  return all.some(s => s.email.toLowerCase() === wanted);
}

// The API view carries read-only fields a write refuses.
const READ_ONLY = [
  'health',
  'id',
  'createdAt',
  'updatedAt',
  'passwordSet',
  'clientSecretSet',
  'importProgress',
  'pausedReason',
  'oauthConsent',
];

function editableSettings(server: IncomingServer): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(server).filter(([key]) => !READ_ONLY.includes(key)),
  );
}

const refusedGroup = (error: unknown) =>
  (error as Error)?.name === 'InputError' &&
  /technicianGroup/.test((error as Error).message);

/** Creates it with the group; without when the catalog does not know the group (yet). */
async function create(
  servers: Pick<MailServerService, 'create'>,
  body: Record<string, unknown>,
  group: string | undefined,
): Promise<{ id: string; grouped: boolean }> {
  const context = { actor: DEMO_SETUP_ACTOR };
  try {
    const made = await servers.create(
      { ...body, technicianGroup: group },
      context,
    );
    return { id: made.id, grouped: !!group };
  } catch (error) {
    if (!group || !refusedGroup(error)) throw error;
    const made = await servers.create(body, context);
    return { id: made.id, grouped: false };
  }
}

/**
 * At startup the catalog may not have read the admin group yet: the mailbox
 * is made without it (mail must not bounce meanwhile), and the group is set,
 * audited, once the catalog knows it. Bounded; timers never hold the process.
 */
function assignGroupLater(
  servers: Pick<MailServerService, 'get' | 'update'>,
  id: string,
  group: string,
  logger: LoggerService,
  retry: { attempts: number; intervalMs: number },
): Promise<boolean> {
  return new Promise(resolve => {
    let left = retry.attempts;
    const attempt = async (): Promise<void> => {
      try {
        const server = (await servers.get(id)) as IncomingServer;
        if (!server.technicianGroup) {
          const settings = editableSettings(server);
          await servers.update(
            id,
            { ...settings, technicianGroup: group },
            { actor: DEMO_SETUP_ACTOR },
          );
          logger.info(`The demo mailbox now belongs to ${group}`);
        }
        resolve(true);
      } catch (error) {
        if (!refusedGroup(error) || --left <= 0) {
          logger.warn(
            `The demo mailbox stays without a technician group: ${error}`,
          );
          resolve(false);
        } else {
          setTimeout(attempt, retry.intervalMs).unref();
        }
      }
    };
    setTimeout(attempt, retry.intervalMs).unref();
  });
}

/**
 * Creates the local portal's demo mailbox (protocol smtp-push) when no
 * incoming server has its address, through MailServerService so the
 * configuration audit records it. The technician group is the first group
 * of `emails.admins` when the catalog has it, otherwise none. Never throws:
 * a demo must not stop the backend.
 */
export async function ensureDemoMailbox(options: {
  email: string;
  admins: string[];
  servers: Pick<MailServerService, 'list' | 'create' | 'get' | 'update'>;
  logger: LoggerService;
  /** How often to try setting the group later (default 24 times, every 5 s). */
  groupRetry?: { attempts: number; intervalMs: number };
  /** Called when the later group assignment ends (for tests). */
  onGroupSettled?: (assigned: boolean) => void;
}): Promise<DemoMailboxResult> {
  const { email, servers, logger } = options;
  const group = options.admins.find(ref => ref.startsWith('group:'));
  try {
    if (await hasMailbox(servers, email)) return 'exists';
    const made = await create(
      servers,
      { name: 'Demo mailbox', email, protocol: 'smtp-push' },
      group,
    );
    if (group && !made.grouped) {
      const retry = options.groupRetry ?? { attempts: 24, intervalMs: 5_000 };
      assignGroupLater(servers, made.id, group, logger, retry).then(
        options.onGroupSettled,
      );
    }
  } catch (error) {
    // Another replica may have created it meanwhile.
    if (await hasMailbox(servers, email).catch(() => false)) return 'exists';
    logger.warn(`The demo mailbox ${email} was not created: ${error}`);
    return 'skipped';
  }
  logger.info(
    `Created the demo mailbox ${email} (smtp-push); mail sent to it becomes tickets`,
  );
  return 'created';
}
