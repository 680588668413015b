import { browser } from 'wxt/browser';
import type { ContentToBackground } from '../messaging/protocol';
import { runtimeTransport, sendVia, type Transport } from '../messaging/send';
import { CHUNKS, type ChunkName } from './live-engine';

/** Loads a chunk into this isolated world once; resolves the module it leaves on the global. */
export type ChunkLoader<T> = () => Promise<T>;

function fromGlobal<T>(name: ChunkName, isModule: (m: unknown) => boolean): T | null {
  const m = (globalThis as unknown as Record<string, unknown>)[CHUNKS[name].global];
  return isModule(m) ? (m as T) : null;
}

/**
 * A part of the call companion that the call page loads only when needed (the companion when the
 * page may hold a call, the engine when one starts). On the call sites in the manifest the chunk
 * is a web-accessible resource, imported directly. On a site the user enabled by hand it is not
 * web-accessible (its `matches` name only the call sites), so the background injects it into this
 * frame with `scripting.executeScript`, which that site's permission already allows.
 */
export function createChunkLoader<T>(
  name: ChunkName,
  isModule: (m: unknown) => boolean,
  importChunk: (url: string) => Promise<unknown> = (url) => import(/* @vite-ignore */ url),
  transport: Transport = runtimeTransport,
  url: () => string = () => browser.runtime.getURL(CHUNKS[name].path),
): ChunkLoader<T> {
  let loading: Promise<T> | null = null;
  async function load(): Promise<T> {
    const ready = fromGlobal<T>(name, isModule);
    if (ready) return ready;
    let importError: unknown = null;
    try {
      await importChunk(url());
    } catch (error) {
      importError = error;
    }
    const imported = fromGlobal<T>(name, isModule);
    if (imported) return imported;
    const reply = await sendVia<ContentToBackground>(transport)({ type: 'cs:chunk.inject', chunk: name });
    const injected = fromGlobal<T>(name, isModule);
    if (injected) return injected;
    // The background's own reason when it answered one; else (not reached, no answer) the import's.
    const why = !reply.ok && reply.code === undefined ? reply.error : importError instanceof Error ? importError.message : 'not loaded';
    throw new Error(`Rapport's ${name} unavailable: ${why}`);
  }
  return () => {
    // A failed load is tried again next time, not remembered.
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
