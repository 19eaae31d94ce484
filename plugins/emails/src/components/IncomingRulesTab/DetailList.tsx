// Moved to common/DetailList.tsx, where the message drawer's trace uses it too.
export { DetailList } from '../common/DetailList';
