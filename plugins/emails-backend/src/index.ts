/**
 * The emails backend plugin: mail servers, inbound pipeline, outbound queue.
 *
 * @packageDocumentation
 */
export { emailsPlugin as default } from './plugin';
