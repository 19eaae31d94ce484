import { useApi } from '@backstage/core-plugin-api';
import { useMemo, useState } from 'react';
import { emailsApiRef } from '../../api';
import {
  FormErrors,
  issuesToFormErrors,
  NO_ERRORS,
  saveErrorToFormErrors,
} from '../common/formErrors';
import { draftFromServer, emptyDraft, MailServer, ServerDraft } from './draft';
import { changeField, visibleFields } from './fieldRules';
import { DrawerForm } from './form';
import { labelOf } from './options';
import { saveServer } from './saveServer';
import type { ServerDrawerProps } from './ServerDrawer';

/** The drawer's draft and its field state. */
function useDraft(props: ServerDrawerProps) {
  const { direction } = props;
  const [loaded, setLoaded] = useState(props.server);
  const [draft, setDraft] = useState<ServerDraft>(() =>
    props.server
      ? draftFromServer(props.server, direction)
      : emptyDraft(direction),
  );
  const shown = useMemo(() => visibleFields(draft), [draft]);
  const show = (server: MailServer) => {
    setLoaded(server);
    setDraft(draftFromServer(server, direction));
  };
  return { loaded, draft, setDraft, shown, show };
}

/** The Add/Edit drawer's state: draft, visible fields, errors, save and reload. */
export function useServerForm(props: ServerDrawerProps) {
  const { direction, onSaved } = props;
  const api = useApi(emailsApiRef);
  const { loaded, draft, setDraft, shown, show } = useDraft(props);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  const form: DrawerForm = {
    draft,
    shown,
    errors: errors.fields,
    secretsSet: {
      password: loaded?.passwordSet ?? false,
      clientSecret: loaded?.clientSecretSet ?? false,
    },
    change: (key, value) => setDraft(d => changeField(d, key, value)),
  };

  const save = async () => {
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      const outcome = await saveServer(api, draft, loaded);
      if (outcome.ok) onSaved(outcome.server);
      else setErrors(issuesToFormErrors(outcome.issues, [...shown], labelOf));
    } catch (error) {
      setErrors(saveErrorToFormErrors(error, [...shown], labelOf));
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    if (!loaded) return;
    try {
      show(
        direction === 'incoming'
          ? await api.getIncomingServer(loaded.id)
          : await api.getOutgoingServer(loaded.id),
      );
      setErrors(NO_ERRORS);
    } catch (error) {
      setErrors(saveErrorToFormErrors(error, []));
    }
  };

  return { form, errors, saving, loaded, save, reload };
}
