export { OutgoingRulesDialog } from './OutgoingRulesDialog';
