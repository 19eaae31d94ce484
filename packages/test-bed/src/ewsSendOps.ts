import type { EwsFolder, EwsMailbox } from './ewsMailbox';
import {
  failure,
  idXml,
  ResponseMessage,
  responseXml,
  success,
} from './ewsSoap';
import { accessError, EwsContext, isFailure, resolveFolder } from './ewsState';
import { attr, child, elements, textOf } from './ewsXml';

const BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The MIME bytes of a `t:Message`, or the failure Exchange answers. */
function mimeOf(element: Element): Buffer | ResponseMessage {
  const mime = child(element, 'MimeContent');
  if (element.localName !== 'Message' || !mime) {
    return failure(
      'ErrorInvalidRequest',
      'The request is invalid: the stand-in creates only messages given as MimeContent.',
    );
  }
  const text = textOf(mime).replace(/\s+/g, '');
  if (!text || !BASE64.test(text)) {
    return failure(
      'ErrorMimeContentInvalidBase64String',
      'Invalid base64 string for MIME content.',
    );
  }
  return Buffer.from(text, 'base64');
}

type Target = { mailbox: EwsMailbox; folder: EwsFolder };

/** Where a copy goes: SavedItemFolderId, else Sent Items (SendAndSaveCopy) or Drafts (SaveOnly) of the caller. */
function targetOf(
  ctx: EwsContext,
  disposition: string,
): Target | ResponseMessage | undefined {
  const saved = elements(child(ctx.op, 'SavedItemFolderId'))[0];
  if (saved) return resolveFolder(ctx, saved);
  if (disposition === 'SendOnly') return undefined;
  const denied = accessError(ctx, ctx.user);
  if (denied) return denied;
  const mailbox = ctx.state.mailbox(ctx.user);
  const folder = mailbox.distinguished(
    disposition === 'SaveOnly' ? 'drafts' : 'sentitems',
  )!;
  return { mailbox, folder };
}

/**
 * CreateItem of messages given as MimeContent: SendOnly and SendAndSaveCopy
 * record the message on the peer (`sent`) and the latter keeps a copy in
 * the SavedItemFolderId (Sent Items by default); SaveOnly stores it.
 */
export function createItem(ctx: EwsContext): string {
  const disposition = attr(ctx.op, 'MessageDisposition') ?? 'SaveOnly';
  const target = targetOf(ctx, disposition);
  const messages = elements(child(ctx.op, 'Items')).map(
    (element): ResponseMessage => {
      if (isFailure(target)) return target;
      const raw = mimeOf(element);
      if (isFailure(raw)) return raw;
      if (disposition === 'SaveOnly') {
        const item = target!.mailbox.addItem(target!.folder.id, raw, {
          isRead: true,
          newMail: false,
        });
        return success(
          `<m:Items><t:Message>${idXml(
            'ItemId',
            item.id,
            item.changeKey,
          )}</t:Message></m:Items>`,
        );
      }
      const mailbox = target?.mailbox.address ?? ctx.user;
      const denied = accessError(ctx, mailbox);
      if (denied) return denied;
      if (ctx.state.sendDenied.has(mailbox)) {
        return failure(
          'ErrorSendAsDenied',
          'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
        );
      }
      ctx.state.sent.push({
        mailbox,
        raw,
        account: ctx.account,
        disposition:
          disposition === 'SendOnly' ? 'SendOnly' : 'SendAndSaveCopy',
        impersonated: ctx.impersonated,
      });
      if (target) {
        target.mailbox.addItem(target.folder.id, raw, {
          isRead: true,
          newMail: false,
        });
      }
      return success('<m:Items/>');
    },
  );
  return responseXml('CreateItem', messages);
}
