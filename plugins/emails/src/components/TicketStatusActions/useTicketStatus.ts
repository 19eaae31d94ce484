import { useApi } from '@backstage/core-plugin-api';
import { TicketCloseInput } from '@internal/plugin-emails-common';
import { useState } from 'react';
import { CloseNotification, emailsApiRef } from '../../api';
import {
  FormErrors,
  messageOf,
  NO_ERRORS,
  saveErrorToFormErrors,
  statusOf,
} from '../common/formErrors';

/** The close fields, by their API path, that show their errors beneath them. */
export const CLOSE_FIELDS = ['resolution', 'notifyRequester'] as const;

const LABELS: Record<string, string> = {
  resolution: 'Resolution',
  notifyRequester: 'Notify the requester',
};

/** What the page tells after a close or reopen. */
export interface StatusNotice {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

/** What became of the requester's notification, in words. */
export function describeCloseNotification(n: CloseNotification): string {
  return n.queued
    ? `The requester was notified (${n.to})`
    : `Not notified: ${n.reason}`;
}

function closedNotice(
  n: CloseNotification,
  wanted: boolean | undefined,
): StatusNotice {
  let severity: StatusNotice['severity'] = 'success';
  // A notification that was asked for but not sent deserves a second look.
  if (!n.queued) severity = wanted ? 'warning' : 'info';
  return { severity, text: `Request closed. ${describeCloseNotification(n)}.` };
}

/**
 * Close and Reopen of one ticket with their outcome. A 409 means someone
 * changed the status first: it is told and the ticket read again.
 */
export function useTicketStatus(ticketId: string, onChanged: () => void) {
  const api = useApi(emailsApiRef);
  const [busy, setBusy] = useState(false);
  const [closeErrors, setCloseErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<StatusNotice>();

  /** Closes the ticket; false when the dialog should stay open to show errors. */
  const close = async (input: TicketCloseInput): Promise<boolean> => {
    setBusy(true);
    setCloseErrors(NO_ERRORS);
    setNotice(undefined);
    try {
      const result = await api.closeTicket(ticketId, input);
      setNotice(closedNotice(result.notification, input.notifyRequester));
      onChanged();
      return true;
    } catch (error) {
      if (statusOf(error) === 409) {
        setNotice({ severity: 'error', text: messageOf(error) });
        onChanged();
        return true;
      }
      setCloseErrors(
        saveErrorToFormErrors(error, CLOSE_FIELDS, f => LABELS[f] ?? f),
      );
      return false;
    } finally {
      setBusy(false);
    }
  };

  const reopen = async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      await api.reopenTicket(ticketId);
      setNotice({ severity: 'success', text: 'Request reopened.' });
      onChanged();
    } catch (error) {
      setNotice({ severity: 'error', text: messageOf(error) });
      if (statusOf(error) === 409) onChanged();
    } finally {
      setBusy(false);
    }
  };

  const clearCloseErrors = () => setCloseErrors(NO_ERRORS);

  return { busy, closeErrors, clearCloseErrors, notice, close, reopen };
}
