import type { Session } from '../../lib/schema';
import { useT } from '../../lib/hooks/use-settings';
import { elapsedMs, formatClock } from '../../lib/session/timer';

/** Elapsed and remaining time against the planned length; overtime shown clearly. */
export function Timer({ session, now, onPause }: { session: Session; now: number; onPause: (paused: boolean) => void }) {
  const { t } = useT();
  const elapsed = elapsedMs(session, now);
  const remaining = session.plannedLengthMin * 60_000 - elapsed;
  const paused = session.pausedAt !== null;
  return (
    <section className="card timer" aria-label={t('sidepanel', 'timer')}>
      <div className="row timer-row">
        <div>
          <div className="muted small">{t('sidepanel', 'elapsed')}</div>
          <div className="clock" data-testid="elapsed">
            {formatClock(elapsed)}
          </div>
        </div>
        <div>
          <div className="muted small">{remaining >= 0 ? t('sidepanel', 'remaining') : t('sidepanel', 'overtime')}</div>
          <div className={`clock ${remaining < 0 ? 'over' : ''}`} data-testid="remaining">
            {formatClock(Math.abs(remaining))}
          </div>
        </div>
        <button type="button" onClick={() => onPause(!paused)} aria-pressed={paused}>
          {paused ? t('sidepanel', 'resume') : t('sidepanel', 'pause')}
        </button>
      </div>
      {paused && <p className="banner info">{t('sidepanel', 'pausedNote')}</p>}
      <p className="muted small">{t('sidepanel', 'plannedLength', { n: session.plannedLengthMin })}</p>
    </section>
  );
}
