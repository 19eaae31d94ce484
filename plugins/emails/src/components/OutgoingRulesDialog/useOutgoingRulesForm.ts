import {
  EmailRuleList,
  IncomingServer,
  OutgoingServer,
  validateOutgoingRules,
} from '@internal/plugin-emails-common';
import {
  useVersionedRuleList,
  VersionedRuleListKind,
} from '../common/useVersionedRuleList';
import { RuleDraft, toRuleDrafts, toRulesBody } from './ruleDraft';
import { ruleErrorFields, ruleFieldLabel } from './ruleErrors';

/** The outgoing email rules as the versioned rule list edits them. */
const OUTGOING_RULES: VersionedRuleListKind<
  EmailRuleList,
  RuleDraft,
  ReturnType<typeof toRulesBody>,
  { outgoing: OutgoingServer[]; incoming: IncomingServer[] }
> = {
  read: api => api.getOutgoingRules(),
  write: (api, body) => api.saveOutgoingRules(body),
  related: async api => {
    const [outgoing, incoming] = await Promise.all([
      api.listOutgoingServers(),
      api.listIncomingServers(),
    ]);
    return { outgoing, incoming };
  },
  toDrafts: toRuleDrafts,
  toBody: toRulesBody,
  validate: validateOutgoingRules,
  errorFields: ruleErrorFields,
  fieldLabel: ruleFieldLabel,
};

/**
 * Loads the outgoing email rules and the servers they refer to, keeps the
 * edits and saves the whole list with the version read.
 */
export function useOutgoingRulesForm(onSaved: (list: EmailRuleList) => void) {
  return useVersionedRuleList(OUTGOING_RULES, onSaved);
}

/** The state and actions of the Outgoing Email Rules dialog. */
export type OutgoingRulesForm = ReturnType<typeof useOutgoingRulesForm>;
