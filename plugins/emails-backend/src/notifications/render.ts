import {
  fillTemplate,
  NotificationTemplate,
} from '@internal/plugin-emails-common';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML; line breaks become `<br>`. */
export function escapeHtml(value: string): string {
  return value
    .replace(/[&<>"']/g, c => HTML_ESCAPES[c])
    .replace(/\r?\n/g, '<br>');
}

/** Plain text as HTML paragraphs, for templates without an HTML body. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .filter(p => p.trim())
    .map(p => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

/** A notification ready to compose: one-line subject, text and HTML bodies. */
export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

/**
 * Fills a template. Values never add lines to the subject, and are escaped in
 * the HTML body, so a ticket title cannot inject headers or markup.
 */
export function renderNotification(
  template: NotificationTemplate,
  values: Record<string, string | undefined>,
): RenderedNotification {
  const oneLine = (v: string) => v.replace(/[\r\n\0]+/g, ' ');
  const subject = oneLine(fillTemplate(template.subject, values, oneLine))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 250);
  const text = fillTemplate(template.text, values).replace(/\n{3,}/g, '\n\n');
  const html = template.html
    ? fillTemplate(template.html, values, escapeHtml)
    : textToHtml(text);
  return { subject, text, html };
}
