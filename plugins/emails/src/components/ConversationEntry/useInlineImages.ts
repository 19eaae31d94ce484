import { useApi } from '@backstage/core-plugin-api';
import { TicketAttachment, TicketEntry } from '@internal/plugin-emails-common';
import useAsync from 'react-use/esm/useAsync';
import { EmailsApi, emailsApiRef } from '../../api';
import { normalizeContentId } from '../EmailHtml';

const RASTER_IMAGE = /^image\/(png|gif|jpe?g|webp|bmp)$/i;

/** True for an attachment the HTML may show inline: a raster image with a Content-ID. */
export function isInlineImage(attachment: TicketAttachment): boolean {
  return (
    attachment.inline &&
    !!attachment.contentId &&
    RASTER_IMAGE.test(attachment.contentType)
  );
}

/** The entry's HTML, new part and quoted history, lower-cased for `cid:` look-ups. */
export function entryHtml(entry: TicketEntry): string {
  return `${entry.html ?? ''}\n${entry.quotedHtml ?? ''}`.toLowerCase();
}

/** `contentType` is one of RASTER_IMAGE, so it is safe in the URL. */
async function asDataUrl(blob: Blob, contentType: string): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // In chunks: spreading a large image into one call overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:${contentType};base64,${btoa(binary)}`;
}

async function fetchImage(api: EmailsApi, attachment: TicketAttachment) {
  try {
    const blob = await api.getAttachment(attachment.id);
    const url = await asDataUrl(blob, attachment.contentType.toLowerCase());
    return [normalizeContentId(attachment.contentId!), url] as const;
  } catch {
    return undefined; // a missing image leaves an empty frame, not a broken entry
  }
}

/**
 * The entry's inline images (of its new part and quoted history) as data:
 * URLs by Content-ID. Data URLs, not object URLs: the sandboxed frame has an
 * opaque origin, which may not load the page's blob: URLs, and its CSP
 * allows data: images only.
 */
export function useInlineImages(entry: TicketEntry) {
  const api = useApi(emailsApiRef);
  return useAsync(async (): Promise<ReadonlyMap<string, string>> => {
    if (!entryHtml(entry).includes('cid:')) return new Map();
    const images = entry.attachments.filter(isInlineImage);
    const pairs = await Promise.all(images.map(a => fetchImage(api, a)));
    return new Map(pairs.filter(<T>(p: T | undefined): p is T => !!p));
  }, [api, entry]);
}
