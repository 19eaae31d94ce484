/**
 * Mail servers of the emails plugin as catalog Resource entities.
 *
 * @packageDocumentation
 */
export { catalogModuleEmails as default } from './module';
export { EmailServerEntityProvider } from './EmailServerEntityProvider';
export * from './serverEntities';
