/** The notifications the channel sends by itself, each with an editable template. */
export type NotificationKind = 'acknowledgement' | 'ticketClosed';

/** A notification's template: `{{placeholder}}`s are filled in; values are escaped in HTML. */
export interface NotificationTemplate {
  /** One line; must contain `{{reference}}` so replies thread by subject too. */
  subject: string;
  text: string;
  /** HTML body; without one, the HTML part is made from the text. */
  html?: string;
}

/** What each template may use. */
export const NOTIFICATION_PLACEHOLDERS: Record<NotificationKind, string[]> = {
  acknowledgement: [
    'reference',
    'title',
    'requesterName',
    'requesterEmail',
    'mailboxName',
  ],
  ticketClosed: [
    'reference',
    'title',
    'requesterName',
    'requesterEmail',
    'mailboxName',
    'resolution',
    'technicianName',
  ],
};

/** The templates a new installation starts with. */
export const DEFAULT_NOTIFICATION_TEMPLATES: Record<
  NotificationKind,
  NotificationTemplate
> = {
  acknowledgement: {
    subject: 'Re: {{reference}} {{title}}',
    text: [
      'Hello {{requesterName}},',
      '',
      'We received your request and opened {{reference}}: "{{title}}".',
      'Reply to this email to add to it; keep {{reference}} in the subject.',
      '',
      '{{mailboxName}}',
    ].join('\n'),
    html: [
      '<p>Hello {{requesterName}},</p>',
      '<p>We received your request and opened <strong>{{reference}}</strong>: &ldquo;{{title}}&rdquo;.</p>',
      '<p>Reply to this email to add to it; keep {{reference}} in the subject.</p>',
      '<p>{{mailboxName}}</p>',
    ].join('\n'),
  },
  ticketClosed: {
    subject: 'Re: {{reference}} {{title}} (closed)',
    text: [
      'Hello {{requesterName}},',
      '',
      '{{technicianName}} closed your request {{reference}}: "{{title}}".',
      '',
      '{{resolution}}',
      '',
      'If it is not solved, reply to this email and we will look at it again.',
      '',
      '{{mailboxName}}',
    ].join('\n'),
    html: [
      '<p>Hello {{requesterName}},</p>',
      '<p>{{technicianName}} closed your request <strong>{{reference}}</strong>: &ldquo;{{title}}&rdquo;.</p>',
      '<blockquote>{{resolution}}</blockquote>',
      '<p>If it is not solved, reply to this email and we will look at it again.</p>',
      '<p>{{mailboxName}}</p>',
    ].join('\n'),
  },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** The placeholder names a template text uses. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map(m => m[1]);
}

/**
 * Fills a template. `escape` is applied to every value (HTML escaping for
 * the HTML body); a placeholder without a value becomes empty.
 */
export function fillTemplate(
  template: string,
  values: Record<string, string | undefined>,
  escape: (value: string) => string = v => v,
): string {
  return template.replace(PLACEHOLDER, (_m, name: string) =>
    escape(values[name] ?? ''),
  );
}
