import type { LiveInfo } from '../../lib/messaging';
import type { TargetShare } from '../../lib/schema';
import { useT } from '../../lib/hooks/use-settings';
import { formatClock } from '../../lib/session/timer';

type Props = { live: LiveInfo | null; target: TargetShare | null; stale: boolean };

const pct = (share: number | null) => (share === null ? null : Math.round(share * 100));

/** One horizontal bar: the user's share against the other party's, with the target range marked. */
function ShareBar({ label, share, target }: { label: string; share: number | null; target: TargetShare | null }) {
  const { t } = useT();
  const value = pct(share);
  return (
    <div className="talk-row">
      <div className="row talk-label">
        <span>{label}</span>
        <strong data-testid={`share-${label === t('sidepanel', 'wholeCall') ? 'call' : 'recent'}`}>
          {value === null ? '—' : t('sidepanel', 'youShare', { n: value })}
        </strong>
      </div>
      <div
        className="share-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? 0}
        aria-valuetext={value === null ? t('sidepanel', 'noTalkYet') : t('sidepanel', 'youShare', { n: value })}
      >
        <div className="share-self" style={{ width: `${value ?? 0}%` }} />
        <div className="share-other" style={{ width: `${value === null ? 0 : 100 - value}%` }} />
        {target && (
          <div
            className="share-target"
            style={{ left: `${target.min}%`, width: `${Math.max(1, target.max - target.min)}%` }}
            title={t('sidepanel', 'targetRange', { min: target.min, max: target.max })}
          />
        )}
      </div>
    </div>
  );
}

/** Live talk-time balance: whole call and last five minutes, who is talking, longest monologue. */
export function TalkBalance({ live, target, stale }: Props) {
  const { t } = useT();
  const share = live?.stats.selfShare ?? null;
  const value = pct(share);
  // One colour-coded line leads: the share against the target, once there is enough talk to judge.
  let lead: { text: string; kind: 'within' | 'outside' | 'none' } | null = null;
  if (value !== null && (live?.stats.selfTalkMs ?? 0) + (live?.stats.otherTalkMs ?? 0) >= 30_000) {
    const vars = { n: value, min: target?.min ?? 0, max: target?.max ?? 0 };
    lead = !target
      ? { text: t('sidepanel', 'leadNoTarget', vars), kind: 'none' }
      : value > target.max
        ? { text: t('sidepanel', 'leadAbove', vars), kind: 'outside' }
        : value < target.min
          ? { text: t('sidepanel', 'leadBelow', vars), kind: 'outside' }
          : { text: t('sidepanel', 'leadWithin', vars), kind: 'within' };
  }
  // "Last 5 minutes" means something only once the call is that long.
  const fiveMinutes = (live?.stats.durationMs ?? 0) >= 5 * 60_000;
  const speakerKey = { self: 'speakerSelf', other: 'speakerOther', both: 'speakerBoth', none: 'speakerNone' } as const;
  return (
    <section className="card" aria-labelledby="talk-heading">
      <h2 id="talk-heading">{t('sidepanel', 'talkBalance')}</h2>
      {lead && (
        <p className={`talk-lead ${lead.kind}`} data-testid="talk-lead">
          {lead.text}
        </p>
      )}
      {stale && <p className="banner warn">{t('sidepanel', 'noUpdates')}</p>}
      <ShareBar label={t('sidepanel', 'wholeCall')} share={share} target={target} />
      {fiveMinutes && <ShareBar label={t('sidepanel', 'lastFive')} share={live?.recent.selfShare ?? null} target={target} />}
      <p className="legend muted">
        <span className="dot self" aria-hidden="true" /> {t('sidepanel', 'you')} <span className="dot other" aria-hidden="true" />{' '}
        {t('sidepanel', 'them')}
        {target && <> · {t('sidepanel', 'targetRange', { min: target.min, max: target.max })}</>}
      </p>
      <dl className="facts">
        <dt>{t('sidepanel', 'speakingNow')}</dt>
        <dd aria-live="polite" data-testid="current-speaker">
          {live ? t('sidepanel', speakerKey[live.currentSpeaker]) : '—'}
        </dd>
        <dt>{t('sidepanel', 'longestMonologue')}</dt>
        <dd>
          {live
            ? t('sidepanel', 'monologueValue', {
                self: formatClock(live.stats.metrics.longestMonologueMs.self),
                other: formatClock(live.stats.metrics.longestMonologueMs.other),
              })
            : '—'}
        </dd>
        <dt>{t('sidepanel', 'talkTimes')}</dt>
        <dd data-testid="talk-times">
          {live
            ? t('sidepanel', 'talkTimesValue', { self: formatClock(live.stats.selfTalkMs), other: formatClock(live.stats.otherTalkMs) })
            : '—'}
        </dd>
      </dl>
    </section>
  );
}
