import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { emailsApiRef } from '../../api';
import { fileNameFor, saveBlob } from '../common/download';
import { messageOf } from '../common/formErrors';
import { INBOUND_STATUS_LABELS } from '../MessageStatusChip';

/** Download original and Replay of one message, with their outcome. */
export function useMessageActions(messageId: string, onReplayed: () => void) {
  const api = useApi(emailsApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const downloadOriginal = () =>
    run(async () => {
      const raw = await api.getMessageRaw(messageId);
      saveBlob(raw, fileNameFor(`message-${messageId}`, 'eml'));
    });

  const replay = () =>
    run(async () => {
      const result = await api.replayMessage(messageId);
      const status = INBOUND_STATUS_LABELS[result.status] ?? result.status;
      // The backend says in words what the replay did to the ticket, as the
      // note it wrote into the conversation says it.
      setNotice(
        result.replay
          ? `Replayed: ${status}. ${result.replay.summary}`
          : `Replayed: ${status}`,
      );
      onReplayed();
    });

  return { busy, error, notice, downloadOriginal, replay };
}
