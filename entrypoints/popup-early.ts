import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startEarlyWeekRead } from '../lib/db/early-week';

// A classic script the popup's HTML runs before its module bundle: opening IndexedDB and reading
// this week overlap the bundle's loading (lib/db/early-week.ts).
export default defineUnlistedScript(() => startEarlyWeekRead());
