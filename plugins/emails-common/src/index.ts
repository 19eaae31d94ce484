/**
 * Types, permissions and protocol defaults shared by the emails frontend and backend.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './ticketConditions';
export * from './permissionPolicy';
export * from './types';
export * from './defaults';
export * from './oauthDefaults';
export * from './validation';
export * from './events';
export * from './inbound';
export * from './tickets';
export * from './outbound';
export * from './rules';
export * from './simulation';
export * from './notifications';
export * from './formatting';
export * from './subjectReference';
export * from './activity';
