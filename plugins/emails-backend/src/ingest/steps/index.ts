import { EmailsProcessor } from '@internal/plugin-emails-node';
import { RegexLimits } from '../../rules';
import { UserLookup } from '../NewTicketStep';
import { IngestStep } from '../pipeline/context';
import { acknowledgeStep } from './acknowledgeStep';
import { attachmentsStep } from './attachmentsStep';
import { ClassifyContext } from './classify';
import { classifyStep } from './classifyStep';
import { droppedNoteStep } from './droppedNoteStep';
import { duplicateStep } from './duplicateStep';
import { filterStep } from './filterStep';
import { parseStep } from './parseStep';
import { processorsStep } from './processorsStep';
import { IncomingRulesSource, rulesStep } from './rulesStep';
import { threadStep } from './threadStep';
import { ReplyDeps, ticketStep } from './ticketStep';

export type { IncomingRulesSource } from './rulesStep';

/** What the steps need from the plugin. */
export interface StepDeps extends ReplyDeps {
  processors: EmailsProcessor[];
  findUser: UserLookup;
  classify: Omit<ClassifyContext, 'ownAddresses' | 'serverKeywords'>;
  /** Every mailbox address and alias (kept briefly by the service). */
  ownAddresses?: () => Promise<Set<string>>;
  /** The incoming email rules in order; none without it. */
  incomingRules?: IncomingRulesSource;
  regexLimits?: RegexLimits;
}

/** The inbound pipeline after recording, in order (docs/pipeline.md). */
export function ingestSteps(deps: StepDeps): IngestStep[] {
  return [
    parseStep,
    classifyStep(deps),
    duplicateStep(deps),
    filterStep,
    processorsStep(deps.processors),
    rulesStep(deps),
    threadStep(deps),
    attachmentsStep,
    ticketStep(deps),
    acknowledgeStep,
    droppedNoteStep,
  ];
}
