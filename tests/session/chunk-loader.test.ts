import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChunkLoader } from '../../lib/session/chunk-loader';
import { CHUNKS, type CallEngineModule } from '../../lib/session/live-engine';

const ENGINE_GLOBAL = CHUNKS.engine.global;
const isEngine = (m: unknown) => typeof (m as CallEngineModule | undefined)?.createMeter === 'function';

const g = globalThis as unknown as Record<string, unknown>;
const engineModule = { prepare: async () => undefined, createMeter: async () => ({}) } as unknown as CallEngineModule;

afterEach(() => {
  delete g[ENGINE_GLOBAL];
});

describe('chunk loader (issue 20)', () => {
  it('imports the chunk once, from the extension, and takes the module it leaves on the global', async () => {
    const importChunk = vi.fn(async () => {
      g[ENGINE_GLOBAL] = engineModule;
    });
    const ask = vi.fn(async () => ({ ok: true, data: null }));
    const load = createChunkLoader<CallEngineModule>('engine', isEngine, importChunk, ask, () => 'chrome-extension://id/call-engine.js');
    expect(await load()).toBe(engineModule);
    expect(await load()).toBe(engineModule);
    expect(importChunk).toHaveBeenCalledTimes(1);
    expect(importChunk).toHaveBeenCalledWith('chrome-extension://id/call-engine.js');
    expect(ask).not.toHaveBeenCalled();
  });

  it('where the chunk is not web-accessible (a site enabled by hand), asks the background to inject it', async () => {
    const importChunk = vi.fn(async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const ask = vi.fn(async () => {
      g[ENGINE_GLOBAL] = engineModule;
      return { ok: true, data: null };
    });
    const load = createChunkLoader<CallEngineModule>('engine', isEngine, importChunk, ask, () => 'u');
    expect(await load()).toBe(engineModule);
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('says why when neither works, and tries again next time', async () => {
    let works = false;
    const importChunk = vi.fn(async () => {
      if (works) g[ENGINE_GLOBAL] = engineModule;
      else throw new TypeError('blocked');
    });
    const load = createChunkLoader<CallEngineModule>(
      'engine',
      isEngine,
      importChunk,
      async () => ({ ok: false, error: 'no scripting permission' }),
      () => 'u',
    );
    await expect(load()).rejects.toThrow("Rapport's engine unavailable: no scripting permission");
    works = true;
    expect(await load()).toBe(engineModule);
    expect(importChunk).toHaveBeenCalledTimes(2);
  });

  it('ignores a global that is not the engine module', async () => {
    g[ENGINE_GLOBAL] = { createMeter: 'nope' };
    const load = createChunkLoader<CallEngineModule>(
      'engine',
      isEngine,
      async () => undefined,
      async () => null,
      () => 'u',
    );
    await expect(load()).rejects.toThrow("Rapport's engine unavailable");
  });
});
