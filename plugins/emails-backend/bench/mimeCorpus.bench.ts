import { TestDatabases } from '@backstage/backend-test-utils';
import { simpleParser } from 'mailparser';
import { startPipeline } from '../src/ingest/__testUtils__/pipeline';
import {
  CorpusScore,
  fixtureCorpus,
  mime4jCorpus,
  pipelineShown,
  scoreCorpus,
  Shown,
} from '../src/ingest/steps/__testUtils__/mimeCorpus';

// Figures, not assertions: run with `npm run bench` (see docs/testing.md).
jest.setTimeout(300_000);

/** mailparser alone, as the parse step was before its repairs: the baseline. */
const mailparserAlone: Shown = async raw => {
  const mail = await simpleParser(raw);
  return {
    files: mail.attachments,
    texts: [mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''],
  };
};

function figures(corpus: string, score: CorpusScore, parser: string) {
  const line = (figure: string, counts: { found: number; expected: number }) =>
    JSON.stringify({
      figure,
      corpus,
      parser,
      value: counts.found,
      expected: counts.expected,
      ratio: counts.expected
        ? Number((counts.found / counts.expected).toFixed(3))
        : 1,
    });
  return [
    line('attachments found', score.attachments),
    line('bodies found', score.bodies),
  ];
}

describe('MIME corpus score', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('counts attachments and bodies found of those expected', async () => {
    const corpora = {
      'repo fixtures': fixtureCorpus(),
      'shared/corpora/james-mime4j': mime4jCorpus(),
    };
    expect(corpora['repo fixtures'].length).toBeGreaterThan(0);
    const lines: string[] = [''];
    for (const [corpus, messages] of Object.entries(corpora)) {
      const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
      const pipeline = await scoreCorpus(
        messages,
        pipelineShown(deliver, stores),
      );
      lines.push(...figures(corpus, pipeline, 'pipeline'));
      // Over the same messages the pipeline ticketed, so the ratios compare.
      const ticketed = messages.filter(
        m => !pipeline.skippedNames.includes(m.name),
      );
      const baseline = await scoreCorpus(ticketed, mailparserAlone);
      lines.push(...figures(corpus, baseline, 'mailparser alone'));
      lines.push(
        JSON.stringify({
          figure: 'messages without a ticket',
          corpus,
          value: pipeline.notTicketed,
          expected: messages.length,
        }),
      );
      for (const miss of pipeline.misses) lines.push(`  missed: ${miss}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });
});
