import { useApi } from '@backstage/core-plugin-api';
import {
  EmailRuleList,
  validateOutgoingRules,
} from '@internal/plugin-emails-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import {
  FormErrors,
  issuesToFormErrors,
  messageOf,
  NO_ERRORS,
  saveErrorToFormErrors,
} from '../common/formErrors';
import { RuleDraft, toRuleDrafts, toRulesBody } from './ruleDraft';
import { ruleErrorFields, ruleFieldLabel } from './ruleErrors';

/**
 * Loads the outgoing email rules and the servers they refer to, keeps the
 * edits and saves the whole list with the version read.
 */
export function useOutgoingRulesForm(onSaved: (list: EmailRuleList) => void) {
  const api = useApi(emailsApiRef);
  const [version, setVersion] = useState(0);
  const [rules, setRules] = useState<RuleDraft[]>();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  const show = (list: EmailRuleList) => {
    setVersion(list.version);
    setRules(toRuleDrafts(list));
  };
  const load = useAsync(async () => {
    const [list, outgoing, incoming] = await Promise.all([
      api.getOutgoingRules(),
      api.listOutgoingServers(),
      api.listIncomingServers(),
    ]);
    show(list);
    return { outgoing, incoming };
  }, [api]);

  const save = async () => {
    if (!rules) return;
    const body = toRulesBody(rules, version);
    const fields = ruleErrorFields(rules);
    const checked = validateOutgoingRules(body);
    if (!checked.ok) {
      setErrors(issuesToFormErrors(checked.issues, fields, ruleFieldLabel));
      return;
    }
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      const saved = await api.saveOutgoingRules(body);
      show(saved);
      onSaved(saved);
    } catch (error) {
      setErrors(saveErrorToFormErrors(error, fields, ruleFieldLabel));
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setErrors(NO_ERRORS);
    try {
      show(await api.getOutgoingRules());
    } catch (error) {
      setErrors({ fields: {}, message: messageOf(error) });
    }
  };

  /**
   * Applies an edit. Errors are keyed by position, so an edit that moves,
   * adds or removes rules or conditions clears them rather than leave them
   * next to the wrong inputs.
   */
  const edit = (
    change: (rules: RuleDraft[]) => RuleDraft[],
    reorders = false,
  ) => {
    setRules(current => current && change(current));
    if (reorders) setErrors(NO_ERRORS);
  };

  return {
    servers: load.value,
    loading: load.loading,
    loadError: load.error,
    rules,
    errors,
    saving,
    save,
    reload,
    edit,
  };
}

/** The state and actions of the Outgoing Email Rules dialog. */
export type OutgoingRulesForm = ReturnType<typeof useOutgoingRulesForm>;
