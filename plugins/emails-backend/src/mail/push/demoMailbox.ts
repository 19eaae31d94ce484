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

/** Creates it with the group; without when the catalog does not know the group (yet). */
async function create(
  servers: Pick<MailServerService, 'create'>,
  body: Record<string, unknown>,
  group: string | undefined,
) {
  const context = { actor: DEMO_SETUP_ACTOR };
  try {
    await servers.create({ ...body, technicianGroup: group }, context);
  } catch (error) {
    const refusedGroup =
      (error as Error)?.name === 'InputError' &&
      /technicianGroup/.test((error as Error).message);
    if (!group || !refusedGroup) throw error;
    await servers.create(body, context);
  }
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
  servers: Pick<MailServerService, 'list' | 'create'>;
  logger: LoggerService;
}): Promise<DemoMailboxResult> {
  const { email, servers, logger } = options;
  const group = options.admins.find(ref => ref.startsWith('group:'));
  try {
    if (await hasMailbox(servers, email)) return 'exists';
    await create(
      servers,
      { name: 'Demo mailbox', email, protocol: 'smtp-push' },
      group,
    );
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
