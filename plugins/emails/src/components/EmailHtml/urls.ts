/** How the images of one email body may load. */
export interface ImagePolicy {
  /** Load http(s) images; off by default, as they tell the sender the mail was read. */
  allowRemote: boolean;
  /** Data URLs of the entry's inline images, by normalised Content-ID. */
  inline: ReadonlyMap<string, string>;
}

/** What becomes of one image source. */
export interface ImageDecision {
  /** The source to use; none drops it. */
  src?: string;
  /** True when a remote image was held back. */
  blocked: boolean;
}

const SAFE_DATA_IMAGE =
  /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=]*$/i;
const REMOTE = /^(https?:)?\/\//i;
const SAFE_LINK = /^(https?:|mailto:|tel:|#)/i;

/** Browsers ignore whitespace and control characters in URLs (`java\tscript:`); so do we. */
export function stripControls(url: string): string {
  // eslint-disable-next-line no-control-regex
  return url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
}

/** A Content-ID as both `cid:` URLs and attachments name it: no brackets, lower case. */
export function normalizeContentId(id: string): string {
  return id.trim().replace(/^</, '').replace(/>$/, '').toLowerCase();
}

function contentIdOf(cidUrl: string): string {
  const id = cidUrl.slice('cid:'.length);
  try {
    return normalizeContentId(decodeURIComponent(id));
  } catch {
    return normalizeContentId(id);
  }
}

/** Resolves `cid:` to the inline image, keeps raster data: images, holds back remote ones. */
export function resolveImageSource(
  raw: string,
  policy: ImagePolicy,
): ImageDecision {
  const url = stripControls(raw);
  if (/^cid:/i.test(url)) {
    return { src: policy.inline.get(contentIdOf(url)), blocked: false };
  }
  if (SAFE_DATA_IMAGE.test(url)) return { src: url, blocked: false };
  if (REMOTE.test(url)) {
    return policy.allowRemote
      ? { src: url, blocked: false }
      : { blocked: true };
  }
  return { blocked: false };
}

/** A link target people may follow (http, https, mailto, tel, #anchor); none otherwise. */
export function safeHref(raw: string): string | undefined {
  const url = stripControls(raw);
  return SAFE_LINK.test(url) ? url : undefined;
}
