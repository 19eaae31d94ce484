import {
  DEFAULT_NOTIFICATION_TEMPLATES,
  NOTIFICATION_PLACEHOLDERS,
  NotificationKind,
} from '@internal/plugin-emails-common';
import {
  Box,
  Button,
  FormControl,
  FormLabel,
  Typography,
} from '@material-ui/core';
import {
  PreferenceForm,
  PreferenceRadios,
  PreferenceSwitch,
  PreferenceText,
} from './inputs';
import { NOTIFICATION_LABELS } from './labels';
import {
  NOTIFICATION_KINDS,
  templateField,
  templateToDraft,
} from './notificationDraft';
import { Section } from './sections';

const placeholderList = (kind: NotificationKind) =>
  NOTIFICATION_PLACEHOLDERS[kind].map(p => `{{${p}}}`).join(', ');

/** One notification's subject, text and HTML, with its placeholders and Reset to default. */
function TemplateEditor(props: {
  kind: NotificationKind;
  form: PreferenceForm;
}) {
  const { kind, form } = props;
  const reset = () => {
    const defaults = templateToDraft(
      kind,
      DEFAULT_NOTIFICATION_TEMPLATES[kind],
    );
    for (const [field, value] of Object.entries(defaults)) {
      form.change(field as keyof typeof defaults, value);
    }
  };
  return (
    <FormControl component="fieldset" margin="normal" fullWidth>
      <FormLabel component="legend">{NOTIFICATION_LABELS[kind]}</FormLabel>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        Placeholders: {placeholderList(kind)}
      </Typography>
      <PreferenceText
        field={templateField(kind, 'subject')}
        form={form}
        helperText="One line; must contain {{reference}}"
      />
      <PreferenceText
        field={templateField(kind, 'text')}
        form={form}
        multiline
        minRows={4}
      />
      <PreferenceText
        field={templateField(kind, 'html')}
        form={form}
        multiline
        minRows={4}
        helperText="Optional: without it the HTML part is made from the text. Values are HTML-escaped."
      />
      {!form.readOnly && (
        <Box>
          <Button size="small" onClick={reset}>
            Reset to default
          </Button>
        </Box>
      )}
    </FormControl>
  );
}

/** The mail the channel sends by itself: which, and their templates. */
export function NotificationsSection(props: { form: PreferenceForm }) {
  const { form } = props;
  return (
    <Section title="Notifications">
      <PreferenceSwitch
        field="notifications.acknowledgeNewTickets"
        form={form}
      />
      {form.draft['notifications.acknowledgeNewTickets'] && (
        <PreferenceRadios
          field="notifications.acknowledgeSenders"
          form={form}
          choices={[
            {
              value: 'verified',
              label: 'Verified senders and catalog users',
            },
            { value: 'all', label: 'All senders' },
          ]}
          helperText="Verified: the sender's domain passed DMARC or SPF aligned with it, as your mail server recorded. Acknowledging all senders also answers spam with forged senders, so innocent people get our mail."
        />
      )}
      <PreferenceSwitch field="notifications.notifyOnClose" form={form} />
      {NOTIFICATION_KINDS.map(kind => (
        <TemplateEditor key={kind} kind={kind} form={form} />
      ))}
    </Section>
  );
}
