import { DrawerForm } from './form';
import { SelectInput, SwitchInput, TextInput } from './inputs';
import { Choice, FILTER_CHOICES } from './options';
import { Section } from './sections';
import { TechnicianGroupInput } from './TechnicianGroupInput';

const LIST_HELP = 'Comma or newline separated; entries are OR conditions';

/** Technician Group, Category, Company, Outgoing Email Server and fetching. */
export function TicketSection(props: {
  form: DrawerForm;
  outgoingServers: Choice<string>[];
}) {
  const { form } = props;
  return (
    <Section title="Tickets">
      <TechnicianGroupInput form={form} />
      {/* Free text: the catalog has no kind for categories or companies. */}
      <TextInput field="category" form={form} />
      <TextInput field="company" form={form} />
      <SelectInput
        field="outgoingServerId"
        form={form}
        choices={props.outgoingServers}
        helperText="Replies to these tickets are sent through it"
      />
    </Section>
  );
}

/** Real Time Scanning, polling, folders, error threshold, POP3 deletion. */
export function FetchingSection(props: { form: DrawerForm }) {
  const { form } = props;
  if (!form.shown.has('pollIntervalSeconds')) return null;
  return (
    <Section title="Fetching">
      <SwitchInput field="realTime" form={form} />
      <TextInput
        field="pollIntervalSeconds"
        form={form}
        type="number"
        helperText="Catch-up polls when Real Time Scanning is off"
      />
      <TextInput field="folders.inbox" form={form} />
      <TextInput field="folders.success" form={form} />
      <TextInput field="folders.fail" form={form} />
      <TextInput field="folders.exclusion" form={form} />
      <TextInput
        field="errorThreshold"
        form={form}
        type="number"
        helperText="Fetching stops after this many consecutive failed messages"
      />
      <SwitchInput field="deleteAfterFetch" form={form} />
    </Section>
  );
}

/** Filter Type with its Emails, Domains and Keywords. */
export function FilterSection(props: { form: DrawerForm }) {
  const { form } = props;
  return (
    <Section title="Filter">
      <SelectInput
        field="filter.type"
        form={form}
        choices={FILTER_CHOICES}
        helperText="Allow accepts only matching mail; Ignore discards it"
      />
      <TextInput
        field="filter.emails"
        form={form}
        multiline
        helperText={LIST_HELP}
      />
      <TextInput
        field="filter.domains"
        form={form}
        multiline
        helperText={`Without @. ${LIST_HELP}`}
      />
      <TextInput
        field="filter.keywords"
        form={form}
        multiline
        helperText={`Matched against subject and body. ${LIST_HELP}`}
      />
    </Section>
  );
}
