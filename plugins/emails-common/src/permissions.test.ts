import { emailsPermissions, EMAILS_PERMISSION_PREFIX } from './permissions';

describe('emailsPermissions', () => {
  it('are all named under the emails prefix, once each', () => {
    const names = emailsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of emailsPermissions) {
      expect(p.name.startsWith(EMAILS_PERMISSION_PREFIX)).toBe(true);
    }
  });

  it('marks only the read capabilities as read actions', () => {
    const reads = emailsPermissions
      .filter(p => p.attributes.action === 'read')
      .map(p => p.name)
      .sort();
    expect(reads).toEqual([
      'emails.audit.read',
      'emails.server.read',
      'emails.ticket.read',
    ]);
  });
});
