import { useApi } from '@backstage/core-plugin-api';
import { useMemo, useRef, useState } from 'react';
import { emailsApiRef } from '../../api';
import {
  FormErrors,
  issuesToFormErrors,
  NO_ERRORS,
  saveErrorToFormErrors,
} from '../common/formErrors';
import {
  draftFromServer,
  emptyDraft,
  hasChanges,
  MailServer,
  ServerDraft,
} from './draft';
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
  // A sign-in ends long after the click: read the state as it is by then.
  const latest = useRef({ draft, loaded });
  latest.current = { draft, loaded };
  // What the admin typed since the last save stays; the rest follows the server.
  const adopt = (server: MailServer) => {
    const now = latest.current;
    if (now.loaded && hasChanges(now.draft, now.loaded)) setLoaded(server);
    else show(server);
  };
  return { loaded, draft, setDraft, shown, show, adopt };
}

/** The Add/Edit drawer's state: draft, visible fields, errors, save and reload. */
export function useServerForm(props: ServerDrawerProps) {
  const { direction, onSaved } = props;
  const api = useApi(emailsApiRef);
  const { loaded, draft, setDraft, shown, show, adopt } = useDraft(props);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);

  // The one save path: Save and a sign-in both go through it.
  const persist = async (): Promise<MailServer | undefined> => {
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      const outcome = await saveServer(api, draft, loaded);
      if (outcome.ok) return outcome.server;
      setErrors(issuesToFormErrors(outcome.issues, [...shown], labelOf));
    } catch (error) {
      setErrors(saveErrorToFormErrors(error, [...shown], labelOf));
    } finally {
      setSaving(false);
    }
    return undefined;
  };

  const save = async () => {
    const server = await persist();
    if (server) onSaved(server);
  };

  // A sign-in keeps the drawer open: the saved server is shown for editing.
  const saveForSignIn = async () => {
    if (loaded && !hasChanges(draft, loaded)) return loaded;
    const server = await persist();
    if (server) show(server);
    return server;
  };

  const form: DrawerForm = {
    draft,
    shown,
    errors: errors.fields,
    secretsSet: {
      password: loaded?.passwordSet ?? false,
      clientSecret: loaded?.clientSecretSet ?? false,
    },
    change: (key, value) => setDraft(d => changeField(d, key, value)),
    loaded,
    saveForSignIn,
    adopt,
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
