export { createConfiguration } from './configuration';
export { startInbound } from './inbound';
export { startOutbound } from './outbound';
export { mountRoutes } from './routes';
export type { Extensions, PluginDeps } from './types';
export { oauthRedirectUrl, startOAuth } from './oauth';
export type { OAuth } from './oauth';
