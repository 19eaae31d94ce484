import { SidebarItem } from '@backstage/core-components';
import { IconComponent, useRouteRef } from '@backstage/core-plugin-api';
import AssignmentIcon from '@material-ui/icons/Assignment';
import { requestsRouteRef } from '../../routes';

/**
 * The sidebar item of the Requests page, for every signed-in user: reading
 * tickets is decided per ticket (a technician reads those of their groups),
 * so the page itself shows each user what they may read.
 */
export function RequestsSidebarItem(props: { icon?: IconComponent }) {
  const link = useRouteRef(requestsRouteRef);
  return (
    <SidebarItem
      icon={props.icon ?? AssignmentIcon}
      to={link()}
      text="Requests"
    />
  );
}
