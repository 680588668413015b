import { useState } from 'react';
import { recordReview } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import { describeHealthSignal, relationshipHealth } from '../../lib/mentoring/health';
import type { RelationshipHistory } from '../../lib/db/relationships';

/** Health signals of one relationship in words, and a way to record that the match was reviewed. */
export function HealthPanel({ history }: { history: RelationshipHistory }) {
  const { t, language } = useT();
  const [error, setError] = useState<string | null>(null);
  const signals = relationshipHealth(history);
  if (history.relationship.status !== 'active') return null;
  const reviewDue = signals.some((s) => s.kind === 'review-due');

  const review = async () => {
    setError(null);
    try {
      await recordReview(history.relationship.id);
    } catch (e) {
      setError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <section className="card" aria-labelledby="health-title">
      <h3 id="health-title">{t('options', 'healthTitle')}</h3>
      {signals.length === 0 ? (
        <p className="muted">{t('options', 'healthAllGood')}</p>
      ) : (
        <ul className="signals">
          {signals.map((s, i) => (
            <li key={`${s.kind}-${i}`} className={`banner ${s.severity === 'warning' ? 'warn' : 'info'}`}>
              {describeHealthSignal(s, t, language)}
            </li>
          ))}
        </ul>
      )}
      {reviewDue && (
        <button type="button" onClick={() => void review()}>
          {t('options', 'recordReview')}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
