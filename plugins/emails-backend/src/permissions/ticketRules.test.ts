import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  createEmailsTicketConditionalDecision,
  emailsTicketConditions,
  emailsTicketReadPermission,
  Ticket,
} from '@internal/plugin-emails-common';
import { technicianGroupParamsSchema } from './groupsParams';
import {
  isInTechnicianGroup,
  ticketPermissionResourceRef,
  ticketPermissionRules,
} from './ticketRules';

const ticket = (technicianGroup?: string) =>
  ({ id: '1', technicianGroup } as Ticket);

describe('the ticket permission rules', () => {
  it('are what emails-common hands host policies', () => {
    const { conditions, createConditionalDecision } = createConditionExports({
      resourceRef: ticketPermissionResourceRef,
      rules: ticketPermissionRules,
    });
    const params = { groups: ['group:default/it-support'] };
    expect(emailsTicketConditions.isInTechnicianGroup(params)).toEqual(
      conditions.isInTechnicianGroup(params),
    );
    const condition = conditions.isInTechnicianGroup(params);
    expect(
      createEmailsTicketConditionalDecision(
        emailsTicketReadPermission,
        condition,
      ),
    ).toEqual(createConditionalDecision(emailsTicketReadPermission, condition));
  });

  it('match a ticket of one of the groups, without case, and never one without a group', () => {
    const groups = ['user:default/tom', 'group:default/IT-Support'];
    expect(
      isInTechnicianGroup.apply(ticket('group:default/it-support'), { groups }),
    ).toBe(true);
    expect(
      isInTechnicianGroup.apply(ticket('group:default/sales'), { groups }),
    ).toBe(false);
    expect(isInTechnicianGroup.apply(ticket(undefined), { groups })).toBe(
      false,
    );
    expect(isInTechnicianGroup.toQuery({ groups })).toEqual({
      technicianGroups: groups,
    });
  });

  it('refuse parameters that are not a list of group refs, naming the field', () => {
    const validate = technicianGroupParamsSchema['~standard'].validate;
    expect(validate({ groups: ['group:default/a'] })).toEqual({
      value: { groups: ['group:default/a'] },
    });
    for (const bad of [
      undefined,
      {},
      { groups: 'group:default/a' },
      { groups: [1] },
    ]) {
      expect(validate(bad)).toEqual({
        issues: [
          { message: 'groups must be a list of group refs', path: ['groups'] },
        ],
      });
    }
  });
});
