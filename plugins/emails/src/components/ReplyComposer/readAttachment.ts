import { ReplyAttachment } from './types';

/** A file picked for a reply: what is sent plus its size, for the list. */
export interface PickedFile extends ReplyAttachment {
  sizeBytes: number;
}

/** Reads a picked file as base64 (the data URL without its `data:...;base64,` prefix). */
export function readAttachment(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve({
        filename: file.name,
        contentType: file.type || 'application/octet-stream',
        contentBase64: url.slice(url.indexOf(',') + 1),
        sizeBytes: file.size,
      });
    };
    reader.onerror = () =>
      reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}
