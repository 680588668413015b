import { browser } from 'wxt/browser';
import type { Reply } from '../messaging/reply';
import { ENGINE_CHUNK_PATH, ENGINE_GLOBAL, type CallEngineModule } from './live-engine';

/** Loads the engine chunk into this isolated world; resolves the module it leaves on the global. */
export type EngineModuleLoader = () => Promise<CallEngineModule>;

function fromGlobal(): CallEngineModule | null {
  const m = (globalThis as unknown as Record<string, unknown>)[ENGINE_GLOBAL] as CallEngineModule | undefined;
  return m && typeof m.createMeter === 'function' ? m : null;
}

/**
 * The engine chunk, loaded once per page and only when asked (a call is starting). On the call
 * sites in the manifest it is a web-accessible resource, imported directly. On a site the user
 * enabled by hand it is not web-accessible (its `matches` name only the call sites), so the
 * background injects it into this frame with `scripting.executeScript`, which that site's
 * permission already allows.
 */
export function createEngineModuleLoader(
  importChunk: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ url),
  askBackground: () => Promise<unknown> = () => browser.runtime.sendMessage({ type: 'cs:engine.inject' }),
  url: () => string = () => browser.runtime.getURL(ENGINE_CHUNK_PATH),
): EngineModuleLoader {
  let loading: Promise<CallEngineModule> | null = null;
  async function load(): Promise<CallEngineModule> {
    const ready = fromGlobal();
    if (ready) return ready;
    let importError: unknown = null;
    try {
      await importChunk(url());
    } catch (error) {
      importError = error;
    }
    const imported = fromGlobal();
    if (imported) return imported;
    const reply = (await askBackground().catch(() => null)) as Reply<null> | null;
    const injected = fromGlobal();
    if (injected) return injected;
    const why = reply && !reply.ok ? reply.error : importError instanceof Error ? importError.message : 'not loaded';
    throw new Error(`talk-time engine unavailable: ${why}`);
  }
  return () => {
    // A failed load is tried again at the next call start, not remembered.
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
