import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import { emailsApiRef } from '../../api';
import {
  FormErrors,
  NO_ERRORS,
  saveErrorToFormErrors,
} from '../common/formErrors';
import { splitList } from '../common/lists';
import { PickedFile } from './readAttachment';
import { TicketReply } from './types';

/** The reply fields, by their API path, that show their errors beneath them. */
export const REPLY_FIELDS = [
  'body',
  'cc',
  'attachments',
  'outgoingServerId',
] as const;

const LABELS: Record<string, string> = {
  body: 'Message',
  cc: 'CC',
  attachments: 'Attachments',
  outgoingServerId: 'Outgoing Email',
};

/** The draft reply of a composer. */
export interface ReplyDraft {
  body: string;
  cc: string;
  files: PickedFile[];
  outgoingServerId: string;
}

const EMPTY: ReplyDraft = { body: '', cc: '', files: [], outgoingServerId: '' };

/** What is sent for a draft: CC split on commas, blank server left out. */
export function toTicketReply(draft: ReplyDraft): TicketReply {
  return {
    body: draft.body,
    cc: splitList(draft.cc),
    attachments: draft.files.map(
      ({ filename, contentType, contentBase64 }) => ({
        filename,
        contentType,
        contentBase64,
      }),
    ),
    ...(draft.outgoingServerId && { outgoingServerId: draft.outgoingServerId }),
  };
}

/** The draft, its errors and Send: on success the draft is cleared and `onSent` called. */
export function useReplyForm(ticketId: string, onSent: () => void) {
  const api = useApi(emailsApiRef);
  const [draft, setDraft] = useState<ReplyDraft>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [sending, setSending] = useState(false);

  const update = (change: Partial<ReplyDraft>) =>
    setDraft(d => ({ ...d, ...change }));

  const send = async () => {
    if (!draft.body.trim()) {
      setErrors({ fields: { body: 'Message is required' } });
      return;
    }
    setSending(true);
    setErrors(NO_ERRORS);
    try {
      await api.replyToTicket(ticketId, toTicketReply(draft));
      setDraft(EMPTY);
      onSent();
    } catch (error) {
      setErrors(
        saveErrorToFormErrors(error, REPLY_FIELDS, f => LABELS[f] ?? f),
      );
    } finally {
      setSending(false);
    }
  };

  return { draft, update, errors, setErrors, sending, send };
}
