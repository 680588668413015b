// @vitest-environment happy-dom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TalkTrend } from '../../components/charts/TalkTrend';

describe('TalkTrend chart', () => {
  it('draws the target band, one dot per measured week, gaps for unmeasured weeks, and speaks its label', () => {
    const { container, getByRole } = render(
      <TalkTrend
        points={[
          { key: 1, share: 30 },
          { key: 2, share: 35 },
          { key: 3, share: null },
          { key: 4, share: 60 },
          { key: 5, share: 40 },
        ]}
        target={{ min: 20, max: 40 }}
        label="Your talk share over the last 5 weeks"
        width={104}
        height={40}
      />,
    );
    expect(getByRole('img', { name: 'Your talk share over the last 5 weeks' })).toBeTruthy();
    const band = container.querySelector('.talk-trend-band')!;
    // 4 px padding, 32 px inner height: 40 % → y = 4 + 32 × 0.6 = 23.2; 20 % → 29.6.
    expect(Number(band.getAttribute('y'))).toBeCloseTo(23.2);
    expect(Number(band.getAttribute('height'))).toBeCloseTo(6.4);
    // The null week splits the line in two instead of dropping to zero.
    expect([...container.querySelectorAll('.talk-trend-line')].map((p) => p.getAttribute('d'))).toEqual([
      'M4.0,26.4L28.0,24.8',
      'M76.0,16.8L100.0,23.2',
    ]);
    const dots = container.querySelectorAll('.talk-trend-dot');
    expect(dots).toHaveLength(4);
    expect(dots[3]!.classList.contains('current')).toBe(true);
  });

  it('clamps shares outside 0–100 to the frame', () => {
    const { container } = render(<TalkTrend points={[{ key: 1, share: 130 }]} target={{ min: 0, max: 100 }} label="x" />);
    expect(Number(container.querySelector('.talk-trend-dot')!.getAttribute('cy'))).toBe(4);
  });
});
