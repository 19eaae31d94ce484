import { useApi } from '@backstage/core-plugin-api';
import { TicketDetail } from '@internal/plugin-emails-common';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emailsApiRef } from '../../api';

/** How often a request is read again while some of its mail is on its way. */
export const DELIVERY_POLL_MS = 2_000;
/** How long it is read again for, after which the page waits for a reload. */
export const DELIVERY_POLL_LIMIT_MS = 120_000;

function hasMailOnItsWay(ticket?: TicketDetail): boolean {
  return (ticket?.mail ?? []).some(
    m => m.status === 'queued' || m.status === 'sending',
  );
}

/**
 * A request read with its conversation; `retry` reads it again. While mail
 * of the request is queued or sending (a reply just sent), it is read again
 * every 2 s, for at most 2 minutes, so "Queued" turns into Sent or Failed
 * without a reload.
 */
export function useTicket(ticketId: string) {
  const api = useApi(emailsApiRef);
  const ticket = useAsyncRetry(() => api.getTicket(ticketId), [api, ticketId]);
  const { value, retry } = ticket;
  const waitingSince = useRef<number>();
  useEffect(() => {
    if (!hasMailOnItsWay(value)) {
      waitingSince.current = undefined;
      return undefined;
    }
    waitingSince.current ??= Date.now();
    if (Date.now() - waitingSince.current >= DELIVERY_POLL_LIMIT_MS) {
      return undefined;
    }
    const timer = setTimeout(retry, DELIVERY_POLL_MS);
    return () => clearTimeout(timer);
  }, [value, retry]);
  return ticket;
}
