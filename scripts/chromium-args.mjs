// The Chromium flags every Rapport launch shares (E2E fixture, npm start, bench:live), in one
// place: the background-networking flags keep Chromium off this machine's closed network, and
// the extension flags load the build with tab capture allowed without a gesture.

/**
 * @param {{ extensionDir: string, extensionId: string, micWav?: string | null, loopMic?: boolean, sandbox?: boolean, gpu?: boolean }} o
 * @returns {string[]}
 */
export function chromiumArgs({ extensionDir, extensionId, micWav = null, loopMic = false, sandbox = false, gpu = false }) {
  return [
    ...(sandbox ? [] : ['--no-sandbox']),
    ...(gpu ? [] : ['--disable-gpu']),
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--allowlisted-extension-id=${extensionId}`,
    ...(micWav ? ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${micWav}${loopMic ? '' : '%noloop'}`] : []),
  ];
}
