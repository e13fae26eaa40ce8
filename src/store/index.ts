export { openSqliteStore, StoreError } from './sqlite.js';
export type * from './types.js';
