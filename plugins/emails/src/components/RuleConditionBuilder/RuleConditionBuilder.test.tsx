import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { incomingServer } from '../__testUtils__';
import { ConditionDraft, toConditionBody } from './conditionDraft';
import { RuleConditionBuilder } from './RuleConditionBuilder';
import { ConditionVocabulary, INCOMING_CONDITIONS } from './vocabularies';

/** The builder with its state, reporting each change as the PUT would send it. */
function Harness(props: {
  vocabulary: ConditionVocabulary;
  initial: ConditionDraft[];
  errors?: Record<string, string>;
  onBody(body: unknown): void;
}) {
  const [conditions, setConditions] = useState(props.initial);
  const [match, setMatch] = useState<'all' | 'any'>('all');
  return (
    <RuleConditionBuilder
      vocabulary={props.vocabulary}
      idPrefix="r"
      match={match}
      onMatchChange={setMatch}
      conditions={conditions}
      onChange={next => {
        setConditions(next);
        props.onBody(next.map(toConditionBody));
      }}
      errors={props.errors ?? {}}
      path="rules.0"
      incoming={[incomingServer()]}
    />
  );
}

const subject = (): ConditionDraft => ({
  key: 'c1',
  field: 'subject',
  operator: 'contains',
  values: ['VPN'],
});

async function renderBuilder(
  initial: ConditionDraft[] = [subject()],
  errors?: Record<string, string>,
) {
  const onBody = jest.fn();
  await renderInTestApp(
    <Harness
      vocabulary={INCOMING_CONDITIONS}
      initial={initial}
      errors={errors}
      onBody={onBody}
    />,
  );
  const row = () => screen.getByRole('group', { name: 'Condition 1' });
  const lastBody = () => onBody.mock.calls[onBody.mock.calls.length - 1][0];
  return { row, lastBody };
}

const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map(o => o.textContent);

describe('RuleConditionBuilder (incoming)', () => {
  it('offers every incoming field and only is / is not for yes-or-no fields', async () => {
    const { row, lastBody } = await renderBuilder();
    expect(options(within(row()).getByLabelText('Field'))).toEqual([
      'Mailbox (incoming server)',
      'From',
      'To',
      'Cc',
      'Subject',
      'Body',
      'Header',
      'Has attachment',
      'Attachment name',
      'Sender domain',
      'Sender authentication',
      'Automatic mail',
    ]);
    expect(options(within(row()).getByLabelText('Operator'))).toContain(
      'matches regular expression',
    );
    await userEvent.selectOptions(
      within(row()).getByLabelText('Field'),
      'hasAttachment',
    );
    expect(options(within(row()).getByLabelText('Operator'))).toEqual([
      'is',
      'is not',
    ]);
    await userEvent.selectOptions(
      within(row()).getByLabelText('Value'),
      'false',
    );
    expect(lastBody()).toEqual([
      { field: 'hasAttachment', operator: 'is', values: ['false'] },
    ]);
  });

  it('asks a header condition for the header name', async () => {
    const { row, lastBody } = await renderBuilder();
    await userEvent.selectOptions(
      within(row()).getByLabelText('Field'),
      'header',
    );
    // Typed values stay when only the field changes.
    await userEvent.type(
      within(row()).getByLabelText('Header name'),
      'X-Priority',
    );
    expect(lastBody()).toEqual([
      {
        field: 'header',
        header: 'X-Priority',
        operator: 'contains',
        values: ['VPN'],
      },
    ]);
  });

  it('asks an authentication condition for its check and picks results', async () => {
    const { row, lastBody } = await renderBuilder();
    await userEvent.selectOptions(
      within(row()).getByLabelText('Field'),
      'authentication',
    );
    await userEvent.selectOptions(
      within(row()).getByLabelText('Check'),
      'dmarc',
    );
    await userEvent.selectOptions(
      within(row()).getByLabelText('Operator'),
      'is',
    );
    await userEvent.click(within(row()).getByLabelText('Results'));
    await userEvent.click(screen.getByRole('option', { name: 'fail' }));
    expect(lastBody()).toEqual([
      {
        field: 'authentication',
        method: 'dmarc',
        operator: 'is',
        values: ['fail'],
      },
    ]);
  });

  it('takes an in-list condition one entry per line', async () => {
    const { row, lastBody } = await renderBuilder([
      { key: 'c1', field: 'from', operator: 'inList', values: [] },
    ]);
    fireEvent.change(within(row()).getByLabelText('List'), {
      target: { value: 'jane@example.com\n@example.org\n\njane@example.com\n' },
    });
    expect(lastBody()[0].values).toEqual(['jane@example.com', '@example.org']);
    expect(row()).toHaveTextContent('One entry per line (2 entries)');
  });

  it('marks a regular expression that does not compile as it is added', async () => {
    const { row } = await renderBuilder([
      { key: 'c1', field: 'subject', operator: 'matchesRegex', values: [] },
    ]);
    await userEvent.type(
      within(row()).getByLabelText('Patterns'),
      '^ok${Enter}',
    );
    expect(row()).not.toHaveTextContent('must be a valid regular expression');
    await userEvent.type(
      within(row()).getByLabelText('Patterns'),
      'urgent (now{Enter}',
    );
    expect(row()).toHaveTextContent(
      'Pattern 2 (urgent (now) must be a valid regular expression',
    );
    expect(
      within(row()).getByRole('button', { name: 'urgent (now' }),
    ).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows an error of the backend at the condition it names', async () => {
    const { row } = await renderBuilder([subject()], {
      'rules.0.conditions.0.values': 'Values (entry 1) must be shorter',
      'rules.0.conditions': 'Conditions must have at most 20 conditions',
    });
    expect(row()).toHaveTextContent('Values (entry 1) must be shorter');
    expect(
      screen.getByText('Conditions must have at most 20 conditions'),
    ).toBeInTheDocument();
  });

  it('adds and removes conditions and switches match all / any', async () => {
    const { lastBody } = await renderBuilder();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add condition' }),
    );
    expect(lastBody()).toHaveLength(2);
    expect(lastBody()[1]).toEqual({
      field: 'mailbox',
      operator: 'is',
      values: [],
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove condition 1' }),
    );
    expect(lastBody()).toEqual([
      { field: 'mailbox', operator: 'is', values: [] },
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Match'), 'any');
    expect(screen.getByLabelText('Match')).toHaveValue('any');
  });
});
