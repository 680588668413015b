import { describe, expect, it } from 'vitest';
import { SlidingArray } from '../../../lib/talktime/engine/sliding';

describe('SlidingArray', () => {
  it('keeps absolute indices across drops', () => {
    const a = new SlidingArray<number>();
    for (let i = 0; i < 2000; i++) a.push(i * 2);
    a.dropBefore(1000);
    expect(a.base).toBe(1000);
    expect(a.at(1500)).toBe(3000);
    expect(a.end).toBe(2000);
    expect(a.size).toBe(1000);
    a.set(1999, -1);
    expect(a.at(1999)).toBe(-1);
  });

  it('drops in batches, or all at once when everything is consumed', () => {
    const a = new SlidingArray<number>();
    for (let i = 0; i < 10; i++) a.push(i);
    a.dropBefore(5);
    expect(a.base).toBe(0);
    expect(a.at(7)).toBe(7);
    a.dropBefore(10);
    expect(a.size).toBe(0);
    expect(a.base).toBe(10);
  });
});
