import type { ServerResponse } from 'node:http';
import { GraphMailbox, INBOX_ID } from './graphMailbox';

/** One request to a mailbox of the stand-in, authenticated already. */
export interface MailboxRequest {
  method: string;
  /** The path after `/v1.0/users/{mailbox}`. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
  mailbox: GraphMailbox;
  /** `<endpoint>/v1.0/users/{mailbox}`, for next and delta links. */
  base: string;
  pageSize: number;
}

/** Writes Graph's error body. */
export function graphError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function folderId(mailbox: GraphMailbox, segment: string): string | undefined {
  if (segment.toLowerCase() === 'inbox') return INBOX_ID;
  return mailbox.folders.has(segment) ? segment : undefined;
}

interface Page {
  since?: number;
  offset: number;
  at: number;
}

function delta(req: MailboxRequest, res: ServerResponse, segment: string) {
  const folder = folderId(req.mailbox, segment);
  if (!folder) {
    graphError(
      res,
      404,
      'ErrorItemNotFound',
      'The specified folder could not be found.',
    );
    return;
  }
  let page: Page = { offset: 0, at: req.mailbox.position };
  const deltaToken = req.query.get('$deltatoken');
  const skipToken = req.query.get('$skiptoken');
  if (skipToken)
    page = JSON.parse(Buffer.from(skipToken, 'base64url').toString());
  else if (deltaToken) page.since = Number(deltaToken);
  if (page.since !== undefined && page.since < req.mailbox.expiredBefore) {
    graphError(
      res,
      410,
      'SyncStateNotFound',
      'The sync state generation is not found: resync without a delta token.',
    );
    return;
  }
  const items = req.mailbox.changesSince(folder, page.since);
  const value = items.slice(page.offset, page.offset + req.pageSize);
  const link = `${req.base}/mailFolders/${segment}/messages/delta`;
  const more = page.offset + req.pageSize < items.length;
  const next: Page = { ...page, offset: page.offset + req.pageSize };
  json(res, 200, {
    value,
    ...(more
      ? {
          '@odata.nextLink': `${link}?$skiptoken=${Buffer.from(
            JSON.stringify(next),
          ).toString('base64url')}`,
        }
      : { '@odata.deltaLink': `${link}?$deltatoken=${page.at}` }),
  });
}

function messageCall(
  req: MailboxRequest,
  res: ServerResponse,
  id: string,
  rest: string,
) {
  const found = req.mailbox.messages.get(id);
  if (!found) {
    graphError(
      res,
      404,
      'ErrorItemNotFound',
      'The specified object was not found in the store.',
    );
    return;
  }
  if (req.method === 'GET' && rest === '/$value') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(found.raw);
  } else if (req.method === 'POST' && rest === '/move') {
    const { destinationId } = JSON.parse(req.body.toString() || '{}');
    const destination = folderId(req.mailbox, String(destinationId ?? ''));
    const moved = destination && req.mailbox.move(id, destination);
    if (!moved) {
      graphError(res, 400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
      return;
    }
    json(res, 201, { id: moved.id, parentFolderId: moved.folderId });
  } else if (req.method === 'PATCH' && rest === '') {
    const patch = JSON.parse(req.body.toString() || '{}');
    if (typeof patch.isRead === 'boolean') found.isRead = patch.isRead;
    json(res, 200, { id, isRead: found.isRead });
  } else {
    graphError(res, 405, 'ErrorInvalidRequest', 'Unsupported request.');
  }
}

function folders(req: MailboxRequest, res: ServerResponse) {
  if (req.method === 'POST') {
    const { displayName } = JSON.parse(req.body.toString() || '{}');
    if (req.mailbox.folderNamed(String(displayName))) {
      graphError(
        res,
        409,
        'ErrorFolderExists',
        'A folder with the specified name already exists.',
      );
      return;
    }
    json(res, 201, {
      id: req.mailbox.createFolder(String(displayName)),
      displayName,
    });
    return;
  }
  const wanted = /^displayName eq '(.*)'$/.exec(
    req.query.get('$filter') ?? '',
  )?.[1];
  const value = [...req.mailbox.folders.entries()]
    .filter(
      ([, name]) => wanted === undefined || name === wanted.replace(/''/g, "'"),
    )
    .map(([id, displayName]) => ({ id, displayName }));
  json(res, 200, { value });
}

/** Answers the mailbox calls the channel makes, in Graph's documented shapes. */
export function routeMailbox(
  req: MailboxRequest,
  res: ServerResponse,
): boolean {
  const deltaPath = /^\/mailFolders\/([^/]+)\/messages\/delta$/.exec(req.path);
  if (req.method === 'GET' && deltaPath) {
    delta(req, res, deltaPath[1]);
    return true;
  }
  const inbox = /^\/mailFolders\/inbox$/i.exec(req.path);
  if (req.method === 'GET' && inbox) {
    const count = [...req.mailbox.messages.values()].filter(
      m => m.folderId === INBOX_ID,
    ).length;
    json(res, 200, {
      id: INBOX_ID,
      displayName: 'Inbox',
      totalItemCount: count,
      unreadItemCount: 0,
    });
    return true;
  }
  if (req.path === '/mailFolders') {
    folders(req, res);
    return true;
  }
  const item = /^\/messages\/([^/]+)(\/\$value|\/move)?$/.exec(req.path);
  if (item) {
    messageCall(req, res, decodeURIComponent(item[1]), item[2] ?? '');
    return true;
  }
  return false;
}
