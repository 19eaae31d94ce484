export { ServerList } from './ServerList';
