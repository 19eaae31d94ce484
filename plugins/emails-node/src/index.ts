/**
 * Extension points of the emails backend, for modules of the host helpdesk.
 *
 * @packageDocumentation
 */
export * from './extensions';
export * from './ticketing';
export * from './processing';
export * from './InMemoryTicketing';
export * from './service';
