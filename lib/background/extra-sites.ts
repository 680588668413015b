import { browser } from 'wxt/browser';
import { getSettings, saveSettings } from '../db/settings';

/**
 * Other call sites the user enables by hand: Rapport asks for access to that one origin at the
 * moment of use (an optional host permission), then registers its two content scripts there.
 * Nothing runs on a site the user did not pick.
 */

/** The match pattern of an origin (`https://call.example.org/*`), or null for non-web pages. */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return null;
    return `${u.origin}/*`;
  } catch {
    return null;
  }
}

const scriptIds = (pattern: string) => ({ tap: `rapport-tap ${pattern}`, companion: `rapport-companion ${pattern}` });

/**
 * Asks for access to the tab's origin and starts following calls there. Must run in a click
 * handler (the permission prompt needs a user gesture). Returns false when the user declined.
 */
export async function enableSite(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  if (!pattern) throw new Error('Rapport can follow calls only on https:// pages.');
  const granted = await browser.permissions.request({ origins: [pattern] });
  if (!granted) return false;
  await registerSiteScripts(pattern);
  const settings = await getSettings();
  if (!settings.extraOrigins.includes(pattern)) await saveSettings({ extraOrigins: [...settings.extraOrigins, pattern] });
  return true;
}

/** Registers the page tap (MAIN world, document_start) and the companion for one origin. */
export async function registerSiteScripts(pattern: string): Promise<void> {
  const ids = scriptIds(pattern);
  const existing = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const scripts = [
    {
      id: ids.tap,
      matches: [pattern],
      js: ['content-scripts/call-tap.js'],
      runAt: 'document_start' as const,
      world: 'MAIN' as const,
      persistAcrossSessions: true,
    },
    {
      id: ids.companion,
      matches: [pattern],
      js: ['content-scripts/call.js'],
      runAt: 'document_idle' as const,
      persistAcrossSessions: true,
    },
  ].filter((s) => !existing.has(s.id));
  if (scripts.length > 0) await browser.scripting.registerContentScripts(scripts);
}

/** Stops following calls on an origin and gives its access back. */
export async function disableSite(pattern: string): Promise<void> {
  const ids = scriptIds(pattern);
  if (browser.scripting) {
    const existing = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
    const remove = [ids.tap, ids.companion].filter((id) => existing.has(id));
    if (remove.length > 0) await browser.scripting.unregisterContentScripts({ ids: remove });
  }
  await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  const settings = await getSettings();
  await saveSettings({ extraOrigins: settings.extraOrigins.filter((o) => o !== pattern) });
}

/** When the user revokes a site's access in the browser, forget the site too. */
export function setupExtraSiteCleanup(): void {
  browser.permissions.onRemoved.addListener((removed) => {
    for (const pattern of removed.origins ?? []) void disableSite(pattern).catch(() => undefined);
  });
}
