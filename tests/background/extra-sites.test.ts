import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getSettings } from '../../lib/db/settings';
import { disableSite, enableSite, originPattern } from '../../lib/background/extra-sites';
import { useFreshDb } from '../db/helpers';

useFreshDb();

type Script = { id: string; matches: string[]; js: string[]; world?: string; runAt?: string };
let registered: Script[];
let granted: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  registered = [];
  granted = true;
  // The fake browser has no scripting or permission prompt: stand-ins that record what was asked.
  Object.assign(fakeBrowser, {
    scripting: {
      getRegisteredContentScripts: async () => registered,
      registerContentScripts: async (scripts: Script[]) => void registered.push(...scripts),
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => void (registered = registered.filter((s) => !ids.includes(s.id))),
    },
  });
  // Typed as the callback overload (void); the promise form is the one the code uses.
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((() => Promise.resolve(granted)) as () => never);
  vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true as never);
});

describe('other call sites, enabled by hand', () => {
  it('only https pages can be enabled', () => {
    expect(originPattern('https://call.example.org/room/1?x=1')).toBe('https://call.example.org/*');
    expect(originPattern('http://call.example.org/')).toBeNull();
    expect(originPattern('chrome://settings')).toBeNull();
  });

  it('asks for this one origin, then registers the tap (MAIN world, document_start) and the companion there', async () => {
    expect(await enableSite('https://call.example.org/room/1')).toBe(true);
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://call.example.org/*'] });
    expect(registered.map((s) => [s.js[0], s.world ?? 'ISOLATED', s.runAt, s.matches[0]])).toEqual([
      ['content-scripts/call-tap.js', 'MAIN', 'document_start', 'https://call.example.org/*'],
      ['content-scripts/call.js', 'ISOLATED', 'document_idle', 'https://call.example.org/*'],
    ]);
    expect((await getSettings()).extraOrigins).toEqual(['https://call.example.org/*']);
    // Enabling twice registers nothing twice.
    await enableSite('https://call.example.org/other');
    expect(registered).toHaveLength(2);
  });

  it('a declined prompt changes nothing', async () => {
    granted = false;
    expect(await enableSite('https://call.example.org/')).toBe(false);
    expect(registered).toEqual([]);
    expect((await getSettings()).extraOrigins).toEqual([]);
  });

  it('disabling unregisters the scripts, gives the access back and forgets the site', async () => {
    await enableSite('https://call.example.org/');
    await disableSite('https://call.example.org/*');
    expect(registered).toEqual([]);
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://call.example.org/*'] });
    expect((await getSettings()).extraOrigins).toEqual([]);
  });
});
