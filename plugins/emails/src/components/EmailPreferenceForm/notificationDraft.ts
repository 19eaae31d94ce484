import {
  EmailPreferences,
  NotificationKind,
  NotificationTemplate,
} from '@internal/plugin-emails-common';

/** The notifications whose templates the form edits, in the form's order. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'acknowledgement',
  'ticketClosed',
];

/** The part of a template a field edits. */
export type TemplatePart = keyof NotificationTemplate;

/** A template field, named by its API path. */
export type TemplateField =
  `notifications.templates.${NotificationKind}.${TemplatePart}`;

/** The API path of a template's part. */
export function templateField(
  kind: NotificationKind,
  part: TemplatePart,
): TemplateField {
  return `notifications.templates.${kind}.${part}`;
}

/** Every template field. */
export const TEMPLATE_FIELDS: readonly TemplateField[] =
  NOTIFICATION_KINDS.flatMap(kind =>
    (['subject', 'text', 'html'] as const).map(part =>
      templateField(kind, part),
    ),
  );

/** The form's template fields for a template; no HTML shows as empty. */
export function templateToDraft(
  kind: NotificationKind,
  template: NotificationTemplate,
): Record<TemplateField, string> {
  return {
    [templateField(kind, 'subject')]: template.subject,
    [templateField(kind, 'text')]: template.text,
    [templateField(kind, 'html')]: template.html ?? '',
  } as Record<TemplateField, string>;
}

/** The form's fields of every template. */
export function templatesToDraft(
  templates: EmailPreferences['notifications']['templates'],
): Record<TemplateField, string> {
  return Object.assign(
    {},
    ...NOTIFICATION_KINDS.map(kind => templateToDraft(kind, templates[kind])),
  );
}

/** The templates as saved: an empty HTML is left out, so the backend makes it from the text. */
export function draftToTemplates(
  draft: Record<TemplateField, string>,
): EmailPreferences['notifications']['templates'] {
  const read = (kind: NotificationKind): NotificationTemplate => {
    const html = draft[templateField(kind, 'html')];
    return {
      subject: draft[templateField(kind, 'subject')].trim(),
      text: draft[templateField(kind, 'text')],
      ...(html.trim() && { html }),
    };
  };
  return {
    acknowledgement: read('acknowledgement'),
    ticketClosed: read('ticketClosed'),
  };
}
