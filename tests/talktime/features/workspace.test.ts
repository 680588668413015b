import { describe, expect, it } from 'vitest';
import { compiledKernel } from '../../../lib/talktime/features/kernel';
import { Workspace } from '../../../lib/talktime/features/workspace';

describe('Workspace', () => {
  it('lays arrays out aligned and counts the bytes a kernel instance must reserve', () => {
    const ws = Workspace.plain();
    ws.f32(3);
    const a = ws.f64(4, 16);
    ws.u16(5);
    expect(a.length).toBe(4);
    expect(ws.bytes).toBe(16 + 32 + 16);
    expect(ws.kernel).toBeNull();
  });

  it('hands out views into one kernel instance’s memory', () => {
    const ws = Workspace.wasm(compiledKernel()!, 1 << 16)!;
    expect(ws.kernel).not.toBeNull();
    const a = ws.f64(8, 16);
    const b = ws.f32(8);
    expect(a.buffer).toBe(ws.kernel!.memory.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + 64);
  });
});
