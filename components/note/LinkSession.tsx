import { useId, useState } from 'react';
import { updateSession } from '../../lib/db/sessions';
import { useT } from '../../lib/hooks/use-settings';
import type { Relationship, Session } from '../../lib/schema';
import { formError } from '../../lib/i18n/form-errors';
import { Field, type FieldProblem } from '../Field';

/** A call Rapport could not match to a relationship: the user says whose it was before writing. */
export function LinkSession({ session, relationships }: { session: Session; relationships: Relationship[] }) {
  const { t } = useT();
  const id = useId();
  const [choice, setChoice] = useState('');
  const [problem, setProblem] = useState<FieldProblem>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = [...relationships].sort(
    (a, b) => Number(b.status === 'active') - Number(a.status === 'active') || a.counterpartName.localeCompare(b.counterpartName),
  );

  if (candidates.length === 0) {
    return (
      <div className="banner info">
        <p>{t('note', 'noRelationships')}</p>
        <a href="/options.html" target="_blank" rel="noopener">
          {t('note', 'openOptions')}
        </a>
      </div>
    );
  }
  const link = async () => {
    if (!choice) {
      setProblem({ message: formError('pickRelationship') });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    setError(null);
    try {
      // The note form appears by itself: the session now has a relationship.
      await updateSession(session.id, { relationshipId: choice });
    } catch (e) {
      setError(t('note', 'linkError', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        void link();
      }}
    >
      <p>{t('note', 'unlinkedIntro')}</p>
      <Field id={`${id}-rel`} label={t('note', 'relationshipLabel')} error={problem}>
        {(aria) => (
          <select {...aria} value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('note', 'relationshipPlaceholder')}</option>
            <RelationshipOptions relationships={candidates} />
          </select>
        )}
      </Field>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('note', 'linkButton')}
      </button>
    </form>
  );
}

/** A relationship picker's options: the other person's name and their role. */
export function RelationshipOptions({ relationships }: { relationships: readonly Relationship[] }) {
  const { t } = useT();
  return (
    <>
      {relationships.map((r) => (
        <option key={r.id} value={r.id}>
          {r.counterpartName} ({t('common', r.myRole === 'mentor' ? 'mentee' : 'mentor')})
        </option>
      ))}
    </>
  );
}
