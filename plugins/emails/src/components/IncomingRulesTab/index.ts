export { IncomingRulesTab } from './IncomingRulesTab';
