import {
  IncomingEmailRuleList,
  IncomingServer,
  validateIncomingRules,
} from '@internal/plugin-emails-common';
import { FormErrors } from '../common/formErrors';
import {
  checkRuleList,
  useVersionedRuleList,
  VersionedRuleListKind,
} from '../common/useVersionedRuleList';
import {
  IncomingRuleDraft,
  toIncomingRuleDrafts,
  toIncomingRulesBody,
} from './incomingRuleDraft';
import {
  incomingRuleErrorFields,
  incomingRuleFieldLabel,
} from './incomingRuleErrors';

/** The incoming email rules as the versioned rule list edits them. */
const INCOMING_RULES: VersionedRuleListKind<
  IncomingEmailRuleList,
  IncomingRuleDraft,
  ReturnType<typeof toIncomingRulesBody>,
  IncomingServer[]
> = {
  read: api => api.getIncomingRules(),
  write: (api, body) => api.saveIncomingRules(body),
  related: api => api.listIncomingServers(),
  toDrafts: toIncomingRuleDrafts,
  toBody: toIncomingRulesBody,
  validate: validateIncomingRules,
  errorFields: incomingRuleErrorFields,
  fieldLabel: incomingRuleFieldLabel,
};

/** Checks a list as the backend would; errors keyed by API path. */
export function checkIncomingRules(
  rules: IncomingRuleDraft[],
  version: number,
): FormErrors {
  return checkRuleList(INCOMING_RULES, rules, version);
}

/**
 * Loads the incoming email rules and the incoming servers they refer to,
 * keeps the edits, knows whether any are unsaved and saves the whole list
 * with the version read.
 */
export function useIncomingRulesForm(onSaved: () => void) {
  return useVersionedRuleList(INCOMING_RULES, onSaved);
}

/** The state and actions of the Rules tab. */
export type IncomingRulesForm = ReturnType<typeof useIncomingRulesForm>;
