/**
 * `--record` for bench:live also keeps what the live meter was given and what it decided (test
 * builds keep it: lib/session/meter-trace.ts) as `trace-<name>.json` beside the call's files.
 * The trace lives on the content script's global, in the extension's isolated world, which a
 * Playwright page cannot evaluate in; the DevTools protocol lists every world of the page, so the
 * bench reads it there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { TRACE_GLOBAL, type MeterTrace } from '../../lib/session/meter-trace';

export const meterTracePath = (dir: string, name: string) => path.join(dir, `trace-${name}.json`);

type ContextDescription = { id: number; origin: string; auxData?: { type?: string; frameId?: string; isDefault?: boolean } };

/** The meter traces in the extension's world of the page's main frame (none when the build keeps none). */
export async function readMeterTraces(page: Page, extensionId: string): Promise<MeterTrace[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: ContextDescription[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: ContextDescription }) => worlds.push(e.context));
    // Enabling reports every world that exists now, before it returns.
    await cdp.send('Runtime.enable');
    const ours = worlds.filter((w) => w.auxData?.type === 'isolated' && w.origin === `chrome-extension://${extensionId}`);
    for (const w of ours) {
      const r = (await cdp.send('Runtime.evaluate', {
        expression: `JSON.stringify(globalThis[${JSON.stringify(TRACE_GLOBAL)}] ?? [])`,
        contextId: w.id,
        returnByValue: true,
      })) as { result: { value?: string } };
      const traces = JSON.parse(r.result.value ?? '[]') as MeterTrace[];
      if (traces.length > 0) return traces;
    }
    return [];
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Writes the page's last meter trace beside the call (a run removes the one an earlier run left before it starts); returns it. */
export async function saveMeterTrace(page: Page, extensionId: string, dir: string, name: string): Promise<MeterTrace | null> {
  const trace = (await readMeterTraces(page, extensionId)).at(-1) ?? null;
  if (trace) writeFileSync(meterTracePath(dir, name), JSON.stringify(trace));
  return trace;
}

export function readMeterTrace(dir: string, name: string): MeterTrace | null {
  try {
    return JSON.parse(readFileSync(meterTracePath(dir, name), 'utf8')) as MeterTrace;
  } catch {
    return null;
  }
}
