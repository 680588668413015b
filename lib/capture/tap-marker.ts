/**
 * The page-world property the MAIN-world tap sets once installed (page-tap.ts). The page can see
 * it; it says only that the tap is there. The background looks for it (lib/background/watcher.ts)
 * before giving a page that loaded during the install its watcher.
 */
export const TAP_MARKER = '__rapportTapInstalled';
