export { RequestsSidebarItem } from './RequestsSidebarItem';
