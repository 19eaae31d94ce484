import { checkRuleList } from './useVersionedRuleList';

// A rule list kind that only checks names, to see the issues land where the
// form shows them.
const kind = {
  toBody: (drafts: { name: string }[], version: number) => ({
    version,
    rules: drafts,
  }),
  validate: (body: { rules: { name: string }[] }) => {
    const issues = body.rules.flatMap((r, i) =>
      r.name ? [] : [{ field: `rules.${i}.name`, message: 'is required' }],
    );
    return issues.length
      ? { ok: false as const, issues }
      : { ok: true as const, value: body };
  },
  errorFields: (drafts: { name: string }[]) =>
    drafts.map((_, i) => `rules.${i}.name`),
  fieldLabel: (path: string) => (path.endsWith('.name') ? 'Rule Name' : path),
};

describe('checkRuleList', () => {
  it('answers no errors for a list the backend would accept', () => {
    expect(checkRuleList(kind, [{ name: 'Printers' }], 3)).toEqual({
      fields: {},
    });
  });

  it('puts each issue under the field of its rule, by position', () => {
    expect(
      checkRuleList(kind, [{ name: 'Printers' }, { name: '' }], 3),
    ).toEqual({ fields: { 'rules.1.name': 'Rule Name is required' } });
  });
});
