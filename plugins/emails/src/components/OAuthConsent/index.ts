export { CardSignIn } from './CardSignIn';
export { OAuthConsentFacts } from './OAuthConsentFacts';
export { OAuthSignInButton } from './OAuthSignInButton';
export type { OAuthSignInButtonProps } from './OAuthSignInButton';
export { signInLabel } from './consent';
