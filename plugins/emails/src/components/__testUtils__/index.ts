export * from './fixtures';
export * from './permissions';
export * from './render';
