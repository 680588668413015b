/** The IndexedDB database's name; in a module of its own so lib/db/early-week.ts can use it without loading Dexie. */
export const DB_NAME = 'rapport';
