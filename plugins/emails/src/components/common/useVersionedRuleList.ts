import { useApi } from '@backstage/core-plugin-api';
import { Validated } from '@internal/plugin-emails-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { EmailsApi, emailsApiRef } from '../../api';
import {
  FormErrors,
  issuesToFormErrors,
  messageOf,
  NO_ERRORS,
  saveErrorToFormErrors,
} from './formErrors';

/**
 * One kind of rule list (incoming, outgoing): how it is read and written,
 * what the editor shows beside it, and how its drafts become the body a
 * save sends and are checked as the backend would.
 */
export interface VersionedRuleListKind<
  List extends { version: number },
  Draft,
  Body,
  Related,
> {
  read(api: EmailsApi): Promise<List>;
  write(api: EmailsApi, body: Body): Promise<List>;
  /** Loaded once beside the list, e.g. the servers its rules refer to. */
  related(api: EmailsApi): Promise<Related>;
  toDrafts(list: List): Draft[];
  toBody(drafts: Draft[], version: number): Body;
  /** Validates a body as the backend does (the shared validation). */
  validate(body: Body): Validated<unknown>;
  /** The API paths of the drafts' fields, for placing a 400's errors. */
  errorFields(drafts: Draft[]): string[];
  fieldLabel(path: string): string;
}

/** Checks drafts as the backend would; errors keyed by API path, NO_ERRORS when it would accept them. */
export function checkRuleList<Draft, Body>(
  kind: Pick<
    VersionedRuleListKind<never, Draft, Body, unknown>,
    'toBody' | 'validate' | 'errorFields' | 'fieldLabel'
  >,
  drafts: Draft[],
  version: number,
): FormErrors {
  const checked = kind.validate(kind.toBody(drafts, version));
  return checked.ok
    ? NO_ERRORS
    : issuesToFormErrors(
        checked.issues,
        kind.errorFields(drafts),
        kind.fieldLabel,
      );
}

const hasErrors = (errors: FormErrors) =>
  Object.keys(errors.fields).length > 0 || !!errors.message;

/**
 * Loads a rule list and what it refers to, keeps the edits, knows whether
 * any are unsaved and saves the whole list with the version read, so a save
 * over someone else's answers 409 instead of losing their rules.
 */
export function useVersionedRuleList<
  List extends { version: number },
  Draft,
  Body,
  Related,
>(
  kind: VersionedRuleListKind<List, Draft, Body, Related>,
  onSaved: (list: List) => void,
) {
  const api = useApi(emailsApiRef);
  const [version, setVersion] = useState(0);
  const [rules, setRules] = useState<Draft[]>();
  const [saved, setSaved] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  const show = (list: List) => {
    const drafts = kind.toDrafts(list);
    setVersion(list.version);
    setRules(drafts);
    setSaved(JSON.stringify(kind.toBody(drafts, list.version)));
  };
  const load = useAsync(async () => {
    const [list, related] = await Promise.all([
      kind.read(api),
      kind.related(api),
    ]);
    show(list);
    return related;
    // The kind is a module constant; the api is what may change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const dirty = useMemo(
    () => !!rules && JSON.stringify(kind.toBody(rules, version)) !== saved,
    [kind, rules, version, saved],
  );

  const save = async () => {
    if (!rules) return;
    const checked = checkRuleList(kind, rules, version);
    setErrors(checked);
    if (hasErrors(checked)) return;
    setSaving(true);
    try {
      const list = await kind.write(api, kind.toBody(rules, version));
      show(list);
      onSaved(list);
    } catch (error) {
      setErrors(
        saveErrorToFormErrors(error, kind.errorFields(rules), kind.fieldLabel),
      );
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setErrors(NO_ERRORS);
    try {
      show(await kind.read(api));
    } catch (error) {
      setErrors({ fields: {}, message: messageOf(error) });
    }
  };

  /**
   * Applies an edit. Errors are keyed by position, so an edit that moves,
   * adds or removes rules or conditions clears them rather than leave them
   * next to the wrong inputs.
   */
  const edit = (change: (list: Draft[]) => Draft[], reorders = false) => {
    setRules(current => current && change(current));
    if (reorders) setErrors(NO_ERRORS);
  };

  return {
    /** What `kind.related` answered, once loaded. */
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
