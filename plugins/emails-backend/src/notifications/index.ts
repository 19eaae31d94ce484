export { Acknowledgements } from './Acknowledgements';
export type { AcknowledgedTicket } from './Acknowledgements';
export { ClosedNotifications } from './ClosedNotifications';
export { notificationBlocked } from './recipients';
export { escapeHtml, renderNotification, textToHtml } from './render';
export type { RenderedNotification } from './render';
