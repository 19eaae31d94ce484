import { useApi } from '@backstage/core-plugin-api';
import {
  ConnectionTestResult,
  MailDirection,
} from '@internal/plugin-emails-common';
import { useCallback, useRef, useState } from 'react';
import { emailsApiRef } from '../../api';
import { messageOf } from '../common/formErrors';
import { applyStage, finishRows, initialRows, StageRow } from './stages';

/** Runs Test Connection and follows its stages as the backend reports them. */
export function useConnectionTest(direction: MailDirection, serverId: string) {
  const api = useApi(emailsApiRef);
  const [rows, setRows] = useState<StageRow[]>(() => initialRows(false));
  const [result, setResult] = useState<ConnectionTestResult>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  // Only the latest run may update the rows.
  const runId = useRef(0);

  const run = useCallback(
    async (to?: string) => {
      const id = ++runId.current;
      const current = () => id === runId.current;
      setRows(initialRows(true));
      setResult(undefined);
      setError(undefined);
      setRunning(true);
      try {
        const answer = await api.testServer(direction, serverId, {
          to: to || undefined,
          onStage: stage => current() && setRows(r => applyStage(r, stage)),
        });
        if (!current()) return;
        setRows(r => finishRows(r, answer));
        setResult(answer);
      } catch (e) {
        if (!current()) return;
        setRows(r => finishRows(r, { ok: false, stages: [] }));
        setError(messageOf(e));
      } finally {
        if (current()) setRunning(false);
      }
    },
    [api, direction, serverId],
  );

  return { rows, result, error, running, run };
}
