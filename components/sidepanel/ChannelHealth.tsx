import type { ReactNode } from 'react';
import type { DetectionWarning, LiveInfo } from '../../lib/messaging';
import { useT } from '../../lib/hooks/use-settings';
import { LAG_LIMIT_MS, coverageComplete } from '../../lib/capture/coverage';

/** Whether each channel is heard, with what to do when it is not. Nothing fails silently. */
type Props = { live: LiveInfo | null; warning: DetectionWarning | null; otherAction?: ReactNode };

export function ChannelHealth({ live, warning, otherAction }: Props) {
  const { t } = useT();
  const warningText = (w: DetectionWarning) => t('sidepanel', w === 'layout-lost' ? 'layoutLost' : 'layoutLostNoTap');
  if (!live) return <p className="banner info">{t('sidepanel', 'waitingForAudio')}</p>;
  const line = (who: 'self' | 'other') => {
    const h = live.health[who];
    const name = t('sidepanel', who === 'self' ? 'channelSelf' : 'channelOther');
    const seconds = Math.round(h.silentForMs / 1000);
    const text = {
      listening: t('sidepanel', who === 'other' && live.tabCapture?.state === 'listening' ? 'healthListeningTab' : 'healthListening'),
      muted: t('sidepanel', 'healthMuted'),
      silent: t('sidepanel', who === 'self' ? 'healthSilentSelf' : 'healthSilentOther', { n: seconds }),
      missing: t('sidepanel', who === 'self' ? 'healthMissingSelf' : 'healthMissingOther'),
    }[h.state];
    return (
      <li className={`health ${h.state}`} data-testid={`health-${who}`}>
        <span className="health-dot" aria-hidden="true" />
        <div>
          <strong>{name}:</strong> {text}
          {who === 'other' && otherAction}
        </div>
      </li>
    );
  };
  return (
    <section aria-label={t('sidepanel', 'audioHealth')}>
      <ul className="health-list">
        {line('self')}
        {line('other')}
      </ul>
      {live.model === 'unavailable' && <p className="muted small">{t('sidepanel', 'modelUnavailable')}</p>}
      <CoverageWarning live={live} />
      {warning && <p className="banner warn">{warningText(warning)}</p>}
    </section>
  );
}

/**
 * Says when the talk balance rests on less of the call than it seems: the computer was too busy
 * for the page's audio thread or the engine to keep up. The figure stays, marked as partial,
 * rather than passing for a confident one.
 */
function CoverageWarning({ live }: { live: LiveInfo }) {
  const { t } = useT();
  const c = live.stats.capture;
  if (!c) return null;
  if (c.lagMs > LAG_LIMIT_MS) {
    return (
      <p className="banner warn" role="status" data-testid="coverage-warning">
        {t('sidepanel', 'coverageBehind', { n: Math.round(c.lagMs / 1000) })}
      </p>
    );
  }
  if (coverageComplete(c)) return null;
  return (
    <p className="banner warn" role="status" data-testid="coverage-warning">
      {t('sidepanel', 'coveragePartial', { n: Math.round((100 * c.heardMs) / Math.max(1, c.wallMs)) })}
    </p>
  );
}
