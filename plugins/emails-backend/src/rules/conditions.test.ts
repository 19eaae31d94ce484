import { IncomingRuleOperator } from '@internal/plugin-emails-common';
import { explainCondition, RuleConditionLike } from './evaluate';
import { incomingRuleFacts, IncomingMessageFacts } from './incomingFacts';

const message: IncomingMessageFacts = {
  mailbox: { id: 'mbx-1', email: 'support@helpdesk.example' },
  from: 'Jane.Doe@Customer.example',
  to: ['support@helpdesk.example', 'sales@helpdesk.example'],
  cc: ['boss@customer.example'],
  subject: 'Urgent: printer on fire',
  body: 'The printer in room 4 is on fire. Please help.',
  headers: { 'X-Priority': '1 (Highest)', received: ['from a', 'from b'] },
  attachmentNames: ['photo.JPG', 'log.txt'],
  authentication: { spf: 'pass', dkim: 'none', dmarc: 'fail' },
  automatic: false,
};
const facts = incomingRuleFacts(message);
const bare = incomingRuleFacts({
  to: [],
  cc: [],
  headers: {},
  attachmentNames: [],
  authentication: {},
  automatic: true,
});

type Hits = Partial<Record<IncomingRuleOperator, string>>;

/** Per field, a value each operator matches on `message`. */
const TABLE: [string, Partial<RuleConditionLike>, Hits][] = [
  [
    'mailbox',
    { field: 'mailbox' },
    {
      is: 'SUPPORT@helpdesk.example',
      contains: 'helpdesk',
      startsWith: 'mbx',
      endsWith: '.example',
      inList: '@helpdesk.example',
      matchesRegex: '^mbx-\\d$',
    },
  ],
  [
    'from',
    { field: 'from' },
    {
      is: 'jane.doe@customer.example',
      contains: 'doe@',
      startsWith: 'jane',
      endsWith: 'customer.example',
      inList: '@customer.example',
      matchesRegex: '^jane\\.doe@',
    },
  ],
  [
    'to',
    { field: 'to' },
    {
      is: 'sales@helpdesk.example',
      contains: 'sales',
      startsWith: 'sales@',
      endsWith: '@helpdesk.example',
      inList: 'helpdesk.example',
      matchesRegex: '^sales@',
    },
  ],
  [
    'cc',
    { field: 'cc' },
    {
      is: 'boss@customer.example',
      contains: 'boss',
      startsWith: 'boss',
      endsWith: 'example',
      inList: 'BOSS@customer.example',
      matchesRegex: 'boss@.*',
    },
  ],
  [
    'subject',
    { field: 'subject' },
    {
      is: 'urgent: printer on fire',
      contains: 'PRINTER',
      startsWith: 'urgent',
      endsWith: 'fire',
      inList: 'Urgent: printer on fire',
      matchesRegex: '^urgent:\\s+\\w+',
    },
  ],
  [
    'body',
    { field: 'body' },
    {
      is: message.body,
      contains: 'room 4',
      startsWith: 'the printer',
      endsWith: 'help.',
      inList: message.body,
      matchesRegex: 'room \\d+',
    },
  ],
  [
    'header',
    { field: 'header', header: 'x-PRIORITY' },
    {
      is: '1 (highest)',
      contains: 'highest',
      startsWith: '1',
      endsWith: ')',
      inList: '1 (Highest)',
      matchesRegex: '^1\\b',
    },
  ],
  [
    'attachmentName',
    { field: 'attachmentName' },
    {
      is: 'photo.jpg',
      contains: 'photo',
      startsWith: 'log',
      endsWith: '.txt',
      inList: 'LOG.TXT',
      matchesRegex: '\\.jpe?g$',
    },
  ],
  [
    'senderDomain',
    { field: 'senderDomain' },
    {
      is: 'customer.example',
      contains: 'customer',
      startsWith: 'cust',
      endsWith: '.example',
      inList: 'customer.example',
      matchesRegex: '^customer\\.',
    },
  ],
  [
    'authentication',
    { field: 'authentication', method: 'dmarc' },
    {
      is: 'fail',
      contains: 'ai',
      startsWith: 'f',
      endsWith: 'il',
      inList: 'fail',
      matchesRegex: '^fail$',
    },
  ],
  ['hasAttachment', { field: 'hasAttachment' }, { is: 'true' }],
  ['automatic', { field: 'automatic' }, { is: 'false' }],
];

// A negative operator holds exactly when its positive one does not.
const NEGATION: Partial<Record<IncomingRuleOperator, IncomingRuleOperator>> = {
  is: 'isNot',
  contains: 'notContains',
};

const cases = TABLE.flatMap(([name, spec, hits]) =>
  Object.entries(hits).flatMap(([operator, hit]) => {
    const op = operator as IncomingRuleOperator;
    const miss = op === 'matchesRegex' ? '^zzz' : 'zzz-nowhere';
    const rows: [string, IncomingRuleOperator, string, boolean][] = [
      [name, op, hit!, true],
      [name, op, miss, false],
    ];
    const negative = NEGATION[op];
    if (negative) {
      rows.push([name, negative, hit!, false], [name, negative, miss, true]);
    }
    return rows.map(([n, o, value, holds]) => ({ n, spec, o, value, holds }));
  }),
);

describe('incoming rule conditions, every field by every operator', () => {
  it('covers every field and every operator', () => {
    expect(new Set(cases.map(c => c.n)).size).toBe(12);
    expect(new Set(cases.map(c => c.o))).toEqual(
      new Set([
        'is',
        'isNot',
        'contains',
        'notContains',
        'startsWith',
        'endsWith',
        'inList',
        'matchesRegex',
      ]),
    );
  });

  it.each(cases.map(c => [c.n, c.o, c.value, c.holds, c.spec] as const))(
    '%s %s %p holds: %p',
    (_name, operator, value, holds, spec) => {
      const condition = {
        ...spec,
        operator,
        values: [value],
      } as RuleConditionLike;
      const result = explainCondition(condition, facts);
      expect(result.holds).toBe(holds);
      expect(result.explanation).toMatch(holds ? /: matched/ : /: not matched/);
    },
  );

  it.each(TABLE.filter(([n]) => n !== 'automatic' && n !== 'hasAttachment'))(
    'a message without %s matches only the negative operators',
    (_name, spec) => {
      const holds = (operator: IncomingRuleOperator) =>
        explainCondition(
          { ...spec, operator, values: ['x'] } as RuleConditionLike,
          bare,
        );
      expect(holds('contains')).toEqual({
        holds: false,
        explanation: expect.stringMatching(/not matched: the field is empty$/),
      });
      expect(holds('matchesRegex').holds).toBe(false);
      expect(holds('notContains').holds).toBe(true);
      expect(holds('isNot').holds).toBe(true);
    },
  );

  it('reads yes/no facts of a message without attachments that is automatic', () => {
    const yes = (field: string, value: string) =>
      explainCondition({ field, operator: 'is', values: [value] }, bare).holds;
    expect([yes('hasAttachment', 'false'), yes('automatic', 'true')]).toEqual([
      true,
      true,
    ]);
    expect([yes('hasAttachment', 'true'), yes('automatic', 'false')]).toEqual([
      false,
      false,
    ]);
  });

  it('says which value matched, for the simulator trace', () => {
    const explain = (operator: IncomingRuleOperator, values: string[]) =>
      explainCondition({ field: 'subject', operator, values }, facts)
        .explanation;
    expect(explain('contains', ['urgent'])).toBe(
      "subject contains 'urgent': matched 'Urgent: printer on fire'",
    );
    expect(explain('contains', ['flood', 'storm'])).toBe(
      "subject contains 'flood', 'storm': not matched",
    );
    expect(explain('notContains', ['fire'])).toBe(
      "subject notContains 'fire': not matched, found 'Urgent: printer on fire'",
    );
    expect(
      explainCondition(
        {
          field: 'header',
          header: 'X-Priority',
          operator: 'is',
          values: ['5'],
        },
        facts,
      ).explanation,
    ).toBe("header X-Priority is '5': not matched");
    // Every value of a repeated header is looked at.
    expect(
      explainCondition(
        {
          field: 'header',
          header: 'Received',
          operator: 'is',
          values: ['from b'],
        },
        facts,
      ).holds,
    ).toBe(true);
  });

  it('tells inList entries for an address from a domain, without matching a part', () => {
    const inList = (values: string[]) =>
      explainCondition({ field: 'from', operator: 'inList', values }, facts)
        .holds;
    expect(inList(['someone@customer.example', 'customer.example'])).toBe(true);
    expect(inList(['doe@customer.example'])).toBe(false);
    expect(inList(['@example'])).toBe(false);
  });
});
