export { EmailPreferenceForm } from './EmailPreferenceForm';
