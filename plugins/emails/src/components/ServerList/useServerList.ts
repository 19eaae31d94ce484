import { useApi } from '@backstage/core-plugin-api';
import { MailDirection } from '@internal/plugin-emails-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EmailsApi, emailsApiRef } from '../../api';
import { IncomingServerDraft, OutgoingServerDraft } from '../../api/EmailsApi';
import { saveErrorToFormErrors } from '../common/formErrors';
import { MailServer } from '../ServerDrawer';
import { enableToggleBody } from './serverSettings';
import { useServerCommands } from './useServerCommands';

function update(
  api: EmailsApi,
  direction: MailDirection,
  id: string,
  body: IncomingServerDraft | OutgoingServerDraft,
) {
  return direction === 'incoming'
    ? api.updateIncomingServer(id, body as IncomingServerDraft)
    : api.updateOutgoingServer(id, body as OutgoingServerDraft);
}

/** The servers of one direction, with the list-level actions (enable, delete). */
export function useServerList(direction: MailDirection) {
  const api = useApi(emailsApiRef);
  const [actionError, setActionError] = useState<string>();
  const servers = useAsyncRetry(
    (): Promise<MailServer[]> =>
      direction === 'incoming'
        ? api.listIncomingServers()
        : api.listOutgoingServers(),
    [api, direction],
  );

  const toggleEnabled = async (server: MailServer) => {
    setActionError(undefined);
    try {
      await update(
        api,
        direction,
        server.id,
        enableToggleBody(server, direction),
      );
    } catch (error) {
      setActionError(saveErrorToFormErrors(error, []).message);
    }
    servers.retry();
  };

  const remove = async (server: MailServer) => {
    if (direction === 'incoming') {
      await api.deleteIncomingServer(server.id);
    } else {
      await api.deleteOutgoingServer(server.id);
    }
    servers.retry();
  };

  return {
    servers,
    actionError,
    clearActionError: () => setActionError(undefined),
    toggleEnabled,
    remove,
    ...useServerCommands(servers.retry, setActionError),
  };
}
