import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatSeconds } from '../../lib/format/number';

describe('numbers and durations in the chosen language', () => {
  it('a duration as a timer shows it', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_600_000 + 125_000)).toBe('1:02:05');
  });

  it('seconds with one decimal and counts with the language’s separators', () => {
    expect(formatSeconds(1_250, 'en')).toBe('1.3\u00a0s');
    expect(formatSeconds(1_250, 'nb')).toBe('1,3\u00a0s');
    expect(formatCount(12_345, 'en')).toBe('12,345');
    expect(formatCount(12_345, 'nb')).toBe('12\u00a0345');
  });
});
