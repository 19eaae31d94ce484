import {
  EMAILS_PERMISSION_PREFIX,
  EMAILS_TICKET_RESOURCE_TYPE,
  emailsPermissions,
  emailsTicketReadPermission,
} from './permissions';

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

describe('emailsTicketReadPermission', () => {
  it('is a resource permission on tickets, so policies may allow some tickets only', () => {
    expect(emailsTicketReadPermission).toMatchObject({
      type: 'resource',
      resourceType: EMAILS_TICKET_RESOURCE_TYPE,
    });
  });
});
