import { Box, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import {
  PreferenceForm,
  PreferenceRadios,
  PreferenceSwitch,
  PreferenceText,
  RecipientTypes,
} from './inputs';

/** A titled group of settings. */
export function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mb={3} aria-label={props.title}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      <Box display="flex" flexDirection="column" alignItems="flex-start">
        {props.children}
      </Box>
    </Box>
  );
}

/** Email to Ticket and who becomes requester or CC (seed 002). */
export function RequestSection(props: { form: PreferenceForm }) {
  const { form } = props;
  return (
    <Section title="Email to Ticket">
      <PreferenceSwitch field="emailToTicket" form={form} />
      <PreferenceSwitch field="allowGuestRequests" form={form} />
      <RecipientTypes form={form} />
      <PreferenceSwitch field="useReplyToAsRequester" form={form} />
      <PreferenceSwitch
        field="forwardedByTechnicianUsesOriginalSender"
        form={form}
      />
      <PreferenceSwitch field="allowUserToSelectOutgoing" form={form} />
    </Section>
  );
}

/** What a reply to a closed request or from another technician does (seed 002). */
export function ReplySection(props: { form: PreferenceForm }) {
  const { form } = props;
  return (
    <Section title="Replies">
      <PreferenceRadios
        field="closedRequestReply.action"
        form={form}
        choices={[
          { value: 'add', label: 'Add reply to request' },
          { value: 'reopen', label: 'Reopen request and add reply to request' },
          { value: 'new', label: 'Create new request' },
        ]}
      />
      {form.draft['closedRequestReply.action'] === 'reopen' && (
        <PreferenceText
          field="closedRequestReply.graceDays"
          form={form}
          type="number"
          helperText="Within the grace period the request reopens; after it a new request is created"
        />
      )}
      <PreferenceRadios
        field="otherTechnicianReply"
        form={form}
        choices={[
          { value: 'collaboration', label: 'Add reply mail as collaboration' },
          { value: 'reply', label: 'Add reply mail as reply' },
        ]}
      />
      <PreferenceRadios
        field="outsideConversationReply"
        form={form}
        choices={[
          {
            value: 'note',
            label:
              'Add as an internal note for a technician to publish or dismiss',
          },
          { value: 'reply', label: 'Add as a reply' },
          { value: 'new-ticket', label: 'Open a new request for them' },
        ]}
        helperText="Someone who is neither requester, CC user nor technician but answers our mail, e.g. an acknowledgement the requester forwarded"
      />
      <PreferenceText
        field="subjectReferenceFormat"
        form={form}
        helperText="How subjects name a ticket; {number} is the ticket number"
      />
    </Section>
  );
}

/** Limits for inbound mail. */
export function LimitsSection(props: { form: PreferenceForm }) {
  const { form } = props;
  return (
    <Section title="Limits">
      <PreferenceText
        field="limits.maxMessageSizeMb"
        form={form}
        type="number"
      />
      <PreferenceText
        field="limits.maxAttachmentSizeMb"
        form={form}
        type="number"
      />
      <PreferenceText
        field="limits.maxInlineImageSizeMb"
        form={form}
        type="number"
      />
      <PreferenceText
        field="limits.blockedExtensions"
        form={form}
        multiline
        helperText="Attachments with these extensions are dropped; comma or newline separated"
      />
    </Section>
  );
}

/** Loop protection and duplicate detection. */
export function LoopProtectionSection(props: { form: PreferenceForm }) {
  const { form } = props;
  return (
    <Section title="Loop protection">
      <PreferenceSwitch field="loopProtection.excludeAutoReplies" form={form} />
      <PreferenceText
        field="loopProtection.autoRepliesPerRecipientPerHour"
        form={form}
        type="number"
      />
      <PreferenceText
        field="loopProtection.autoRepliesPerTicketPerHour"
        form={form}
        type="number"
      />
      <PreferenceText
        field="loopProtection.duplicateWindowHours"
        form={form}
        type="number"
      />
    </Section>
  );
}
