import { TestDatabases } from '@backstage/backend-test-utils';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';
import { startPipeline } from './__testUtils__/pipeline';
import { closeUnterminatedMultiparts } from './steps/closeMultiparts';
import { NO_SENDER_REASON } from './steps/sender';
import {
  fixtureCorpus,
  mime4jCorpus,
  pipelineShown,
  scoreCorpus,
} from './steps/__testUtils__/mimeCorpus';

jest.setTimeout(120_000);

// ../shared/corpora beside the repository (see shared/corpora/README.md).
const CORPUS = resolve(__dirname, '../../../../../shared/corpora/james-mime4j');
const FOLDERS = ['testmsgs', 'mimetools-testmsgs'];

/**
 * Where we knowingly store other bytes than mime4j, and exactly how. frag.msg
 * is a fragment: its JPEG's base64 ends on 3 characters without padding;
 * mime4j drops that incomplete quantum, mailparser decodes it to 2 bytes.
 */
const KNOWN_EXTRA_TRAILING_BYTES: Record<string, number> = {
  'mimetools-testmsgs/frag/aprilfools.jpg': 2,
  'mimetools-testmsgs/multi-frag/3d-eye.gif': 2,
};

function isDecodedPart(
  key: string,
  content: Buffer,
  decoded: Buffer[],
): boolean {
  const extra = KNOWN_EXTRA_TRAILING_BYTES[key] ?? 0;
  return decoded.some(
    d =>
      d.length + extra === content.length &&
      content.subarray(0, d.length).equals(d),
  );
}

/**
 * The stored files whose bytes are not one of the corpus's decoded parts.
 * An embedded message (message/rfc822) is kept whole, where mime4j lists the
 * parts inside it: unless it is itself a listed part, its own attachments
 * are compared, recursively.
 */
async function unmatched(
  key: string,
  file: { content: Buffer; contentType: string; filename?: string },
  decoded: Buffer[],
): Promise<string[]> {
  if (isDecodedPart(key, file.content, decoded)) return [];
  if (file.contentType !== 'message/rfc822') return [key];
  const inner = await simpleParser(
    closeUnterminatedMultiparts(file.content).raw,
  );
  const nested = await Promise.all(
    inner.attachments.map(a => unmatched(`${key}/${a.filename}`, a, decoded)),
  );
  return nested.flat();
}

/**
 * Whether the top-level header block names a sender: From, Sender, Reply-To
 * or a non-null Return-Path with an address (steps/sender.ts).
 */
function hasSender(raw: Buffer): boolean {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0];
  return /^(from|sender|reply-to|return-path):[^\n]*@/im.test(head);
}

const NO_SENDER = `quarantined (${NO_SENDER_REASON})`;
const AUTOMATIC =
  /: ignored \((Automatic mail never opens a ticket|Bounce of mail we did not send)/;
const DUPLICATE = /: duplicate \(Same Message-ID as message /;

/** What a message may end as: automatic mail and repeats keep their reasons. */
function expectedOutcome(
  name: string,
  withSender: boolean,
  actual: string,
): string {
  if (AUTOMATIC.test(actual) || DUPLICATE.test(actual)) return actual;
  return withSender ? `${name}: ticketed` : `${name}: ${NO_SENDER}`;
}

function corpusMessages() {
  return FOLDERS.flatMap(folder =>
    readdirSync(join(CORPUS, folder))
      .filter(f => f.endsWith('.msg'))
      .map(f => {
        const name = f.replace(/\.msg$/, '');
        const decoded = readdirSync(join(CORPUS, folder))
          .filter(
            d => d.startsWith(`${name}_decoded_`) && /\.(txt|bin)$/.test(d),
          )
          .map(d => readFileSync(join(CORPUS, folder, d)));
        return {
          name: `${folder}/${name}`,
          raw: readFileSync(join(CORPUS, folder, f)),
          decoded,
        };
      }),
  );
}

describe('the james-mime4j corpus', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('is present beside the repository', () => {
    expect(existsSync(CORPUS)).toBe(true);
    expect(corpusMessages()).toHaveLength(80);
  });

  it('ends every message ticketed or quarantined, and stores attachments byte for byte', async () => {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const results: string[] = [];
    const mismatches: string[] = [];
    for (const message of corpusMessages()) {
      const { outcome } = await deliver(message.raw);
      results.push(
        `${message.name}: ${outcome.status}${
          outcome.reason ? ` (${outcome.reason})` : ''
        }`,
      );
      expect([
        `${message.name}: ticketed`,
        `${message.name}: quarantined`,
        `${message.name}: ignored`,
        `${message.name}: duplicate`,
      ]).toContain(`${message.name}: ${outcome.status}`);
      if (outcome.status !== 'ticketed') continue;
      const [entry] = await stores.tickets.entries(outcome.ticketId!);
      const files =
        (await stores.attachments.forEntries([entry.id])).get(entry.id) ?? [];
      for (const file of files) {
        const stored = await stores.attachments.get(file.id);
        mismatches.push(
          ...(await unmatched(
            `${message.name}/${file.filename}`,
            stored,
            message.decoded,
          )),
        );
      }
    }
    expect(mismatches).toEqual([]);
    // Quarantined only when no header names a sender to make the requester; ignored
    // only as automatic mail (bounces, auto-replies, lists), with that reason;
    // a duplicate only for a Message-ID seen before (the corpus repeats one).
    const expected = corpusMessages().map((m, index) =>
      expectedOutcome(m.name, hasSender(m.raw), results[index]),
    );
    expect(results).toEqual(expected);
    expect(
      results.filter(r => r.includes(': ticketed')).length,
    ).toBeGreaterThan(35);
  });
});

describe('the corpus score', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('finds every expected attachment and body in our fixtures and the james-mime4j corpus', async () => {
    const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
    const result = await scoreCorpus(
      [...fixtureCorpus(), ...mime4jCorpus()],
      pipelineShown(deliver, stores),
    );
    expect(result.misses).toEqual([]);
    expect(result.attachments.expected).toBeGreaterThan(30);
    expect(result.bodies.expected).toBeGreaterThan(60);
    expect(result.attachments.found).toBe(result.attachments.expected);
    expect(result.bodies.found).toBe(result.bodies.expected);
  });
});
