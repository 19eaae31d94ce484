export * from './fixtures';
export * from './messages';
export * from './oauth';
export * from './permissions';
export * from './render';
export * from './rules';
export * from './tickets';
