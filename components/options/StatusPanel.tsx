import { useState } from 'react';
import { deleteRelationship, setRelationshipStatus } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import { MAX_TEXT, type Relationship, type RelationshipStatus } from '../../lib/schema';
import { STATUS_KEYS } from '../../lib/i18n/labels';
import { formError } from '../../lib/i18n/form-errors';
import { Field, Options } from '../Field';

/**
 * Pause, complete or end a relationship with a no-fault conclusion (no blame recorded, history
 * kept), or reactivate it; and, separately, delete it with everything recorded about it.
 */
export function StatusPanel({ relationship, onDeleted }: { relationship: Relationship; onDeleted: () => void }) {
  const { t } = useT();
  const [next, setNext] = useState<RelationshipStatus>(relationship.status === 'active' ? 'paused' : 'active');
  const [note, setNote] = useState(relationship.statusNote);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const tooLong = note.length > MAX_TEXT;

  const apply = async () => {
    setError(null);
    setDone(null);
    if (tooLong) return;
    try {
      await setRelationshipStatus(relationship.id, next, note);
      setDone(t('options', 'statusChanged', { status: t('options', STATUS_KEYS[next]) }));
    } catch (e) {
      setError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  const choices: RelationshipStatus[] = (['active', 'paused', 'completed', 'concluded-no-fault'] as const).filter(
    (s) => s !== relationship.status,
  );

  return (
    <section className="card" aria-labelledby="status-title">
      <h3 id="status-title">{t('options', 'statusTitle')}</h3>
      <p>
        {t('options', 'statusNow')} <strong>{t('options', STATUS_KEYS[relationship.status])}</strong>
        {relationship.statusNote && <span className="muted"> — {relationship.statusNote}</span>}
      </p>
      <Field id="status-next" label={t('options', 'statusChange')}>
        {(aria) => (
          <select {...aria} value={next} onChange={(e) => setNext(e.target.value as RelationshipStatus)}>
            <Options values={choices} label={(s) => t('options', `${STATUS_KEYS[s]}Action` as 'statusActiveAction')} />
          </select>
        )}
      </Field>
      {next === 'concluded-no-fault' && <p className="banner info">{t('options', 'noFaultExplained')}</p>}
      <Field id="status-note" label={t('options', 'statusNote')} error={tooLong ? { message: formError('tooLong', MAX_TEXT) } : undefined}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="button" onClick={() => void apply()} disabled={tooLong}>
        {t('options', 'statusApply')}
      </button>
      <p role="status" className="muted">
        {done}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}

      <DeleteRelationship relationship={relationship} onDeleted={onDeleted} onError={setError} />
    </section>
  );
}

/** Deleting the relationship with everything recorded about it, behind a confirmation. */
function DeleteRelationship({
  relationship,
  onDeleted,
  onError,
}: {
  relationship: Relationship;
  onDeleted: () => void;
  onError: (message: string) => void;
}) {
  const { t } = useT();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = async () => {
    try {
      await deleteRelationship(relationship.id);
      onDeleted();
    } catch (e) {
      onError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };
  return (
    <details className="danger-zone">
      <summary>{t('options', 'deleteRelationshipTitle')}</summary>
      <p>{t('options', 'deleteRelationshipExplained', { name: relationship.counterpartName })}</p>
      <label className="inline">
        <input type="checkbox" checked={confirmDelete} onChange={(e) => setConfirmDelete(e.target.checked)} />{' '}
        {t('options', 'deleteRelationshipConfirm')}
      </label>
      <button type="button" className="danger" disabled={!confirmDelete} onClick={() => void remove()}>
        {t('options', 'deleteRelationship')}
      </button>
    </details>
  );
}
