import type { Cue } from '../../lib/mentoring/cues';
import { useT } from '../../lib/hooks/use-settings';

const TEXT = { 'open-question': 'cueOpenQuestion', monologue: 'cueMonologue', timebox: 'cueTimebox', 'wrap-up': 'cueWrapUp' } as const;

/** Quiet, dismissible cues. Shown once each; can be turned off. */
export function Cues({ cues, onDismiss, onTurnOff }: { cues: Cue[]; onDismiss: (cue: Cue) => void; onTurnOff: () => void }) {
  const { t } = useT();
  if (cues.length === 0) return null;
  return (
    <section aria-label={t('sidepanel', 'cues')} className="cues" aria-live="polite">
      {cues.map((cue) => (
        <div key={cue.key} className="cue" data-testid={`cue-${cue.kind}`}>
          <span>{t('sidepanel', TEXT[cue.kind])}</span>
          <button type="button" onClick={() => onDismiss(cue)} aria-label={t('sidepanel', 'dismissCue')}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className="link-button small" onClick={onTurnOff}>
        {t('sidepanel', 'turnOffCues')}
      </button>
    </section>
  );
}
