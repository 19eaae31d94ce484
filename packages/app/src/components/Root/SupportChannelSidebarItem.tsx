import {
  SidebarItem,
  SidebarSubmenu,
  SidebarSubmenuItem,
} from '@backstage/core-components';
import SupportIcon from '@material-ui/icons/HeadsetMic';
import EmailIcon from '@material-ui/icons/Email';

/** Admin > Support Channel: a sidebar item whose submenu leads to each channel. */
// The item reads "Support" because the collapsed-width sidebar cuts longer
// labels ("Support Chan…"); the submenu it opens carries the full name.
export const SupportChannelSidebarItem = () => (
  <SidebarItem icon={SupportIcon} text="Support">
    <SidebarSubmenu title="Support Channel">
      <SidebarSubmenuItem title="Emails" to="/emails" icon={EmailIcon} />
    </SidebarSubmenu>
  </SidebarItem>
);
