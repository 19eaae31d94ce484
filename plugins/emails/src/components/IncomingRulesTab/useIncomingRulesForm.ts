import { useApi } from '@backstage/core-plugin-api';
import {
  IncomingEmailRuleList,
  validateIncomingRules,
} from '@internal/plugin-emails-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import {
  FormErrors,
  issuesToFormErrors,
  messageOf,
  NO_ERRORS,
  saveErrorToFormErrors,
} from '../common/formErrors';
import {
  IncomingRuleDraft,
  toIncomingRuleDrafts,
  toIncomingRulesBody,
} from './incomingRuleDraft';
import {
  incomingRuleErrorFields,
  incomingRuleFieldLabel,
} from './incomingRuleErrors';

/** Checks a list as the backend would; errors keyed by API path. */
export function checkIncomingRules(
  rules: IncomingRuleDraft[],
  version: number,
): FormErrors {
  const checked = validateIncomingRules(toIncomingRulesBody(rules, version));
  return checked.ok
    ? NO_ERRORS
    : issuesToFormErrors(
        checked.issues,
        incomingRuleErrorFields(rules),
        incomingRuleFieldLabel,
      );
}

/**
 * Loads the incoming email rules and the incoming servers they refer to,
 * keeps the edits, knows whether any are unsaved and saves the whole list
 * with the version read.
 */
export function useIncomingRulesForm(onSaved: () => void) {
  const api = useApi(emailsApiRef);
  const [version, setVersion] = useState(0);
  const [rules, setRules] = useState<IncomingRuleDraft[]>();
  const [saved, setSaved] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  const show = (list: IncomingEmailRuleList) => {
    const drafts = toIncomingRuleDrafts(list);
    setVersion(list.version);
    setRules(drafts);
    setSaved(JSON.stringify(toIncomingRulesBody(drafts, list.version)));
  };
  const load = useAsync(async () => {
    const [list, incoming] = await Promise.all([
      api.getIncomingRules(),
      api.listIncomingServers(),
    ]);
    show(list);
    return incoming;
  }, [api]);

  const dirty = useMemo(
    () =>
      !!rules && JSON.stringify(toIncomingRulesBody(rules, version)) !== saved,
    [rules, version, saved],
  );

  const save = async () => {
    if (!rules) return;
    const checked = checkIncomingRules(rules, version);
    setErrors(checked);
    if (Object.keys(checked.fields).length || checked.message) return;
    setSaving(true);
    try {
      show(await api.saveIncomingRules(toIncomingRulesBody(rules, version)));
      onSaved();
    } catch (error) {
      setErrors(
        saveErrorToFormErrors(
          error,
          incomingRuleErrorFields(rules),
          incomingRuleFieldLabel,
        ),
      );
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setErrors(NO_ERRORS);
    try {
      show(await api.getIncomingRules());
    } catch (error) {
      setErrors({ fields: {}, message: messageOf(error) });
    }
  };

  /** Applies an edit; errors are keyed by position, so a reordering edit clears them. */
  const edit = (
    change: (list: IncomingRuleDraft[]) => IncomingRuleDraft[],
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
    version,
    errors,
    saving,
    dirty,
    save,
    reload,
    edit,
  };
}

/** The state and actions of the Rules tab. */
export type IncomingRulesForm = ReturnType<typeof useIncomingRulesForm>;
