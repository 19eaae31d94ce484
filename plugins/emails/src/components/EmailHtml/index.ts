export { EmailHtmlFrame } from './EmailHtmlFrame';
export type { EmailHtmlFrameProps } from './EmailHtmlFrame';
export { normalizeContentId } from './urls';
