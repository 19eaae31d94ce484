export { RequestsTable } from './RequestsTable';
