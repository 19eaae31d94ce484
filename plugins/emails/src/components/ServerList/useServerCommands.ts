import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { emailsApiRef } from '../../api';
import { messageOf } from '../common/formErrors';
import { MailServer } from '../ServerDrawer';

/**
 * Sync now and Resume of incoming servers. Both change the server's health,
 * so `reload` runs after each; a failure goes to `onError`.
 */
export function useServerCommands(
  reload: () => void,
  onError: (message: string | undefined) => void,
) {
  const api = useApi(emailsApiRef);
  const alertApi = useApi(alertApiRef);
  const run = async (command: () => Promise<void>, done: string) => {
    onError(undefined);
    try {
      await command();
      alertApi.post({
        message: done,
        severity: 'success',
        display: 'transient',
      });
    } catch (error) {
      onError(messageOf(error));
    }
    reload();
  };
  return {
    sync: (server: MailServer) =>
      run(() => api.syncServer(server.id), `Sync started: ${server.name}`),
    resume: (server: MailServer) =>
      run(() => api.resumeServer(server.id), `Resumed: ${server.name}`),
  };
}
