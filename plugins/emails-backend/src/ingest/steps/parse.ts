import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import { StopProcessing } from '../trace';
import { closeUnterminatedMultiparts } from './closeMultiparts';
import { recoverParts } from './recoverParts';
import { repairMimeStructure } from './repairMime';

/** Limits for untrusted mail. */
export interface ParseLimits {
  maxMessageBytes: number;
  /** HTML bodies longer than this are not parsed into HTML (the text part stays). */
  maxHtmlBytes: number;
}

/** The default limits besides the Email Preference's message size. */
export const MAX_HTML_BYTES = 2 * 1024 * 1024;

/** A parsed message and what was repaired to read it. */
export type ParsedMessage = ParsedMail & {
  /** Unterminated multiparts closed (steps/closeMultiparts.ts). */
  repairs: number;
  /** Other repairs made before parsing (steps/repairMime.ts), by kind. */
  mimeRepairs: string[];
};

/**
 * Parses raw mail with explicit limits; mail that cannot be parsed is
 * quarantined, never retried. Malformed structure is repaired first and
 * legacy encodings decoded after (uuencode, BinHex, UTF-7).
 */
export async function parseMessage(
  raw: Buffer,
  limits: ParseLimits,
): Promise<ParsedMessage> {
  if (raw.length > limits.maxMessageBytes) {
    throw new StopProcessing(
      'quarantined',
      `Message is ${mb(raw.length)} MB, over the ${mb(
        limits.maxMessageBytes,
      )} MB limit (Email Preference > limits.maxMessageSizeMb)`,
    );
  }
  const structure = repairMimeStructure(raw);
  const repaired = closeUnterminatedMultiparts(structure.raw);
  try {
    const mail = await simpleParser(repaired.raw, {
      skipTextToHtml: true,
      skipImageLinks: true,
      maxHtmlLengthToParse: limits.maxHtmlBytes,
    });
    return Object.assign(await recoverParts(mail, limits.maxHtmlBytes), {
      repairs: repaired.closed,
      mimeRepairs: structure.repairs,
    });
  } catch (error) {
    // mailparser refuses header blocks over 1 MiB and more than 1000 parts.
    throw new StopProcessing(
      'quarantined',
      `Message cannot be parsed: ${(error as Error).message}`,
    );
  }
}

/** The plain addresses of a parsed address header, lower-cased. */
export function addressesOf(
  field: AddressObject | AddressObject[] | undefined,
): { address: string; name?: string }[] {
  let objects: AddressObject[] = [];
  if (Array.isArray(field)) objects = field;
  else if (field) objects = [field];
  return objects
    .flatMap(o => o.value)
    .flatMap(a => (a.group ? a.group : [a]))
    .filter(a => !!a.address)
    .map(a => ({
      address: a.address!.trim().toLocaleLowerCase('en-US'),
      name: a.name || undefined,
    }));
}

function mb(bytes: number) {
  return (bytes / (1024 * 1024)).toFixed(1);
}
