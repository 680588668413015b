// Unit tests run against fake-indexeddb (real IndexedDB semantics in memory); the E2E suite uses
// the real browser's IndexedDB.
import 'fake-indexeddb/auto';
