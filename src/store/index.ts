export { ensureDatabaseFolder, openSqliteStore, StoreError } from './sqlite.js';
export type * from './types.js';
export type * from './topic-types.js';
