import { EmailsApi } from '../../api';

/** What a technician's reply sends: `POST /tickets/:id/replies`. */
export type TicketReply = Parameters<EmailsApi['replyToTicket']>[1];

/** A file attached to a reply, its bytes as base64. */
export type ReplyAttachment = TicketReply['attachments'][number];
