import { changeCondition, ConditionDraft, valueKind } from './conditionDraft';
import { INCOMING_CONDITIONS, OUTGOING_CONDITIONS } from './vocabularies';

const typed: ConditionDraft = {
  key: 'c',
  field: 'subject',
  operator: 'contains',
  values: ['VPN'],
};

describe('changeCondition', () => {
  it('gives an operator the new field does not take its default', () => {
    const next = changeCondition(INCOMING_CONDITIONS, typed, {
      field: 'automatic',
    });
    expect(next).toMatchObject({ operator: 'is', values: ['true'] });
  });

  it('keeps typed values across text, list and regex operators', () => {
    for (const operator of ['inList', 'matchesRegex', 'endsWith']) {
      expect(
        changeCondition(INCOMING_CONDITIONS, typed, { operator }).values,
      ).toEqual(['VPN']);
    }
  });

  it('adds and drops the header name and the check with their fields', () => {
    const header = changeCondition(INCOMING_CONDITIONS, typed, {
      field: 'header',
    });
    expect(header.header).toBe('');
    const auth = changeCondition(INCOMING_CONDITIONS, header, {
      field: 'authentication',
    });
    expect(auth).not.toHaveProperty('header');
    expect(auth.method).toBe('spf');
    const back = changeCondition(INCOMING_CONDITIONS, auth, {
      field: 'subject',
    });
    expect(back).not.toHaveProperty('method');
  });

  it('drops authentication results typed as text once they are picked', () => {
    const auth: ConditionDraft = {
      key: 'c',
      field: 'authentication',
      method: 'spf',
      operator: 'contains',
      values: ['pa'],
    };
    expect(
      changeCondition(INCOMING_CONDITIONS, auth, { operator: 'is' }).values,
    ).toEqual([]);
  });

  it('keeps outgoing mailbox picks to is and is not', () => {
    expect(valueKind({ field: 'mailbox', operator: 'isNot' })).toBe('mailbox');
    expect(valueKind({ field: 'mailbox', operator: 'contains' })).toBe('text');
    expect(OUTGOING_CONDITIONS.operators('mailbox')).not.toContain('inList');
  });
});
