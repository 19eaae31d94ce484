import { SidebarItem } from '@backstage/core-components';
import { IconComponent, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { emailsTicketReadPermission } from '@internal/plugin-emails-common';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { requestsRouteRef } from '../../routes';

/** The sidebar item of the Requests page; hidden from users who may not read tickets. */
export function RequestsSidebarItem(props: { icon?: IconComponent }) {
  const link = useRouteRef(requestsRouteRef);
  const { allowed } = usePermission({
    permission: emailsTicketReadPermission,
  });
  if (!allowed) return null;
  return (
    <SidebarItem
      icon={props.icon ?? AssignmentIcon}
      to={link()}
      text="Requests"
    />
  );
}
