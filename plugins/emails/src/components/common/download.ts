/**
 * Saves bytes as a file download. The blob is re-typed as octet-stream so no
 * browser renders it, whatever type the server or the sender claimed.
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(
    new Blob([blob], { type: 'application/octet-stream' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name made of the safe characters of `text`, with `extension`. */
export function fileNameFor(text: string, extension: string): string {
  const base = text
    .replace(/[^\w .-]+/g, '_')
    .trim()
    .slice(0, 80);
  return `${base || 'download'}.${extension}`;
}
