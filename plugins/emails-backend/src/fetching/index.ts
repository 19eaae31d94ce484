/**
 * Fetching mail from incoming IMAP servers on the scheduler (README.md).
 */
export { startMailboxTasks } from './mailboxTasks';
export type {
  MailboxTasks,
  MailboxTasksOptions,
  SyncNowResult,
} from './mailboxTasks';
export { fetchTaskId } from './FetchTaskSet';
export { MailboxRunner } from './MailboxRunner';
export type { MailboxRunnerOptions, RunResult } from './MailboxRunner';
