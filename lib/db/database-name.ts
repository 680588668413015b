/** The IndexedDB database's name, in a module of its own so lib/db/week-raw.ts can use it without loading Dexie. */
export const DB_NAME = 'rapport';

/**
 * The version IndexedDB holds for the schema's latest Dexie version (Dexie multiplies by ten).
 * tests/db/week-raw.test.ts checks it against RapportDb, so a new schema version cannot forget it.
 */
export const IDB_VERSION = 20;
