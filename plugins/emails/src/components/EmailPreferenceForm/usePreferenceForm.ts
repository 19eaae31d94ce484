import { useApi } from '@backstage/core-plugin-api';
import { validateEmailPreferences } from '@internal/plugin-emails-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emailsApiRef } from '../../api';
import { VersionedPreferences } from '../../api/EmailsApi';
import {
  FormErrors,
  issuesToFormErrors,
  NO_ERRORS,
  saveErrorToFormErrors,
} from '../common/formErrors';
import { preferenceLabelOf } from './labels';
import {
  PREFERENCE_FIELDS,
  PreferenceDraft,
  toPreferenceBody,
  toPreferenceDraft,
  withPreferenceDefaults,
} from './preferenceDraft';

/** Loads the Email Preference, keeps the edits and saves them. */
export function usePreferenceForm() {
  const api = useApi(emailsApiRef);
  const [loaded, setLoaded] = useState<VersionedPreferences>();
  const [draft, setDraft] = useState<PreferenceDraft>();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const show = (stored: VersionedPreferences) => {
    const prefs = withPreferenceDefaults(stored);
    setLoaded(prefs);
    setDraft(toPreferenceDraft(prefs));
  };
  const load = useAsync(async () => show(await api.getPreferences()), [api]);

  const save = async () => {
    if (!loaded || !draft) return;
    const body = toPreferenceBody(draft, loaded);
    const checked = validateEmailPreferences(body);
    if (!checked.ok) {
      setErrors(
        issuesToFormErrors(
          checked.issues,
          PREFERENCE_FIELDS,
          preferenceLabelOf,
        ),
      );
      return;
    }
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      show(await api.updatePreferences(body));
      setSaved(true);
    } catch (error) {
      setErrors(
        saveErrorToFormErrors(error, PREFERENCE_FIELDS, preferenceLabelOf),
      );
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setErrors(NO_ERRORS);
    show(await api.getPreferences());
  };

  const change = <K extends keyof PreferenceDraft>(
    key: K,
    value: PreferenceDraft[K],
  ) => {
    setSaved(false);
    setDraft(d => (d ? { ...d, [key]: value } : d));
  };

  // Edited since the last load or save: the save bar sticks and leaving asks.
  const dirty = useMemo(
    () =>
      !!loaded &&
      !!draft &&
      JSON.stringify(draft) !== JSON.stringify(toPreferenceDraft(loaded)),
    [loaded, draft],
  );

  return { load, draft, dirty, errors, saving, saved, save, reload, change };
}
