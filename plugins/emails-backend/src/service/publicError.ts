// What an API error body may say. Library errors carry what no client should
// see: knex puts the SQL with its bound values into the message, Node's file
// errors the absolute path, every error a stack. Errors this plugin throws on
// purpose (@backstage/errors) say what is wrong and keep their message.
import { isError } from '@backstage/errors';
import os from 'node:os';
import path from 'node:path';

/** Error names Backstage answers with their own status (as its error handler does). */
const KNOWN_STATUS: Record<string, number> = {
  NotModifiedError: 304,
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** An error as an API body may show it. */
export interface PublicError {
  statusCode: number;
  name: string;
  message: string;
}

/** The HTTP status of an error: its own `statusCode`/`status`, else its known name, else 500. */
export function statusOf(error: unknown): number {
  const e = (error ?? {}) as Record<string, unknown>;
  for (const code of [e.statusCode, e.status]) {
    if (Number.isInteger(code) && Number(code) >= 100 && Number(code) <= 599)
      return Number(code);
  }
  return KNOWN_STATUS[String(e.name)] ?? 500;
}

/**
 * The error for the response body: a client error (4xx) or a deliberate
 * server error keeps its name and message without paths or stack frames;
 * anything else (a library failing) is named by its class and code only and
 * points to the backend log entry `logId`.
 */
export function publicError(error: unknown, logId: string): PublicError {
  const statusCode = statusOf(error);
  const name =
    isError(error) && /^\w{1,60}$/.test(error.name) ? error.name : 'Error';
  if (statusCode < 500) {
    return { statusCode, name, message: withoutInternals(messageOf(error)) };
  }
  if (name in KNOWN_STATUS) {
    // "; caused by ..." is the wrapped library error's own message.
    const message = messageOf(error).split('; caused by ')[0];
    return { statusCode, name, message: withoutInternals(message) };
  }
  const code = (error as { code?: unknown })?.code;
  const what =
    typeof code === 'string' && /^[\w.-]{1,40}$/.test(code)
      ? `${name} ${code}`
      : name;
  return {
    statusCode,
    name: 'Error',
    message: `Internal error (${what}); the backend log has the details under logId=${logId}`,
  };
}

function messageOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

// First folders of absolute paths on the machines a backend runs on, plus
// those of this process's working, home and temporary directories.
const ROOTS = new Set([
  ...'app bin boot builds data dev etc home lib media mnt nix opt private proc root run snap srv sys tmp Users usr var work workspace'.split(
    ' ',
  ),
  ...[process.cwd(), os.homedir(), os.tmpdir()].map(dir => dir.split('/')[1]),
]);
const PATH_CHARS = String.raw`[^\s'"\x60(),;:\]]`;
const UNIX_PATH = new RegExp(
  String.raw`(^|[\s'"\x60(=\[,])(/(?:${PATH_CHARS}+/)*${PATH_CHARS}*)`,
  'g',
);
const WINDOWS_PATH = new RegExp(String.raw`\b[A-Za-z]:\\${PATH_CHARS}*`, 'g');
const FILE_URL = new RegExp(String.raw`file://${PATH_CHARS}*`, 'g');
const MODULE_PATH = new RegExp(
  String.raw`${PATH_CHARS}*node_modules[/\\]${PATH_CHARS}*`,
  'g',
);
const STACK_FRAME = /^\s*at .*$\n?/gm;

function hidden(file: string): string {
  return `.../${path.basename(file.replace(/\\/g, '/'))}`;
}

/** The text without stack frames and without where files live (the file's name stays). */
export function withoutInternals(text: string): string {
  return text
    .replace(STACK_FRAME, '')
    .replace(FILE_URL, hidden)
    .replace(MODULE_PATH, hidden)
    .replace(WINDOWS_PATH, hidden)
    .replace(UNIX_PATH, (match, lead: string, file: string) =>
      ROOTS.has(file.split('/')[1]) ? `${lead}${hidden(file)}` : match,
    )
    .trim();
}
