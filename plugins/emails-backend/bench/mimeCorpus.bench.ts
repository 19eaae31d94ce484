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
import { report } from './support/figures';

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

/** Pipeline and mailparser-alone counts side by side, one figure each. */
function figures(corpus: string, pipeline: CorpusScore, baseline: CorpusScore) {
  const figure = (name: string, of: 'attachments' | 'bodies') =>
    report({
      figure: `${name} ${corpus}`,
      value: pipeline[of].found,
      unit: `of ${pipeline[of].expected}`,
      baseline: baseline[of].found,
      baselineOf: baseline[of].expected,
      better: 'higher',
    });
  figure('attachments found', 'attachments');
  figure('bodies found', 'bodies');
}

describe('MIME corpus score', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('counts attachments and bodies found of those expected', async () => {
    const corpora = {
      'repo fixtures': fixtureCorpus(),
      'shared/corpora/james-mime4j': mime4jCorpus(),
    };
    expect(corpora['repo fixtures'].length).toBeGreaterThan(0);
    const misses: string[] = [];
    for (const [corpus, messages] of Object.entries(corpora)) {
      const { deliver, stores } = await startPipeline(databases, 'SQLITE_3');
      const pipeline = await scoreCorpus(
        messages,
        pipelineShown(deliver, stores),
      );
      // Over the same messages the pipeline ticketed, so the ratios compare.
      const ticketed = messages.filter(
        m => !pipeline.skippedNames.includes(m.name),
      );
      const baseline = await scoreCorpus(ticketed, mailparserAlone);
      figures(corpus, pipeline, baseline);
      report({
        figure: `messages without a ticket ${corpus}`,
        value: pipeline.notTicketed,
        unit: `of ${messages.length}`,
      });
      misses.push(...pipeline.misses.map(miss => `  missed: ${miss}`));
    }
    process.stdout.write(`${misses.join('\n')}\n`);
  });
});
