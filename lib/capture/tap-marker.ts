/**
 * The page-world property the MAIN-world tap sets once installed (page-tap.ts). The page can see
 * it; it says only that the tap is there. The background looks for it (lib/background/watcher.ts)
 * before giving a page that loaded during the install its watcher.
 */
export const TAP_MARKER = '__rapportTapInstalled';

/**
 * The page-world property the tap sets the first time it sees a microphone, a peer connection or a
 * remote audio track. The background reads it once a page that is not a meeting's has its relay
 * (lib/background/watcher.ts): what the tap saw before the relay listened. The page can set it too;
 * all it gets is the watcher a meeting's page has.
 */
export const TAP_SAW_CALL = '__rapportTapSawCall';
