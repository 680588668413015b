/** One week of the chart: its talk share (0–100) or null when nothing was measured. */
export type TrendDatum = { key: string | number; share: number | null };

export type TalkTrendProps = {
  points: readonly TrendDatum[];
  /** Target range of the share, percent; drawn as a band. */
  target: { min: number; max: number };
  /** Spoken description (the chart is an image to screen readers). */
  label: string;
  width?: number;
  height?: number;
};

/**
 * A small talk-share trend: the target range as a band, one dot per week with a measured share,
 * joined where weeks are consecutive; the last week (the one shown) is the larger dot. Weeks
 * without a measurement are left as gaps rather than drawn as zero, which would read as silence.
 */
export function TalkTrend({ points, target, label, width = 120, height = 40 }: TalkTrendProps) {
  const pad = 4;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const x = (i: number) => pad + (points.length > 1 ? (i * innerW) / (points.length - 1) : innerW / 2);
  const y = (share: number) => pad + innerH - (Math.min(100, Math.max(0, share)) / 100) * innerH;
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.share === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.share).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const last = points.length - 1;
  return (
    <svg className="talk-trend" role="img" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <rect className="talk-trend-frame" x={0.5} y={0.5} width={width - 1} height={height - 1} rx={4} />
      <rect className="talk-trend-band" x={pad} y={y(target.max)} width={innerW} height={Math.max(1, y(target.min) - y(target.max))} />
      <line className="talk-trend-mid" x1={pad} x2={width - pad} y1={y(50)} y2={y(50)} />
      {segments.map((d) => (
        <path key={d} className="talk-trend-line" d={d} />
      ))}
      {points.map((p, i) =>
        p.share === null ? null : (
          <circle
            key={p.key}
            className={i === last ? 'talk-trend-dot current' : 'talk-trend-dot'}
            cx={x(i)}
            cy={y(p.share)}
            r={i === last ? 3.5 : 2.2}
          />
        ),
      )}
    </svg>
  );
}
