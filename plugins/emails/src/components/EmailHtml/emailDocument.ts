/** The frame's own look: readable defaults the mail's styles may override. */
const FRAME_STYLE =
  'body{margin:8px;font-family:sans-serif;font-size:14px;overflow-wrap:anywhere}' +
  'img{max-width:100%;height:auto}';

/**
 * The Content Security Policy of an email frame: nothing loads but inline
 * styles and data: images (the inline cid: images arrive as data: URLs),
 * plus http(s) images once the user chose to show remote images.
 */
export function frameCsp(allowRemoteImages: boolean): string {
  const images = allowRemoteImages ? 'data: cid: https: http:' : 'data: cid:';
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'`;
}

/**
 * The whole document of an email frame around sanitised body markup. Links
 * open in a new tab; remote images, if shown, get no referrer.
 */
export function emailDocument(
  sanitizedBody: string,
  allowRemoteImages: boolean,
): string {
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${frameCsp(
      allowRemoteImages,
    )}">`,
    '<meta name="referrer" content="no-referrer">',
    '<base target="_blank">',
    `<style>${FRAME_STYLE}</style>`,
    `</head><body>${sanitizedBody}</body></html>`,
  ].join('');
}

/**
 * A first guess at the frame's height, before (or without) a measurement of
 * its stand-in (see frameHeight.ts): about 20 px a line plus the margins.
 */
export function estimateFrameHeight(sanitizedBody: string): number {
  const blocks = (sanitizedBody.match(/<(p|br|div|tr|li|h\d)\b/gi) ?? [])
    .length;
  const images = (sanitizedBody.match(/<img\b/gi) ?? []).length;
  const text = sanitizedBody.replace(/<[^>]*>/g, '').length;
  const lines = Math.max(blocks, Math.ceil(text / 90), 1);
  return Math.min(16 + lines * 20 + images * 160, 640);
}
