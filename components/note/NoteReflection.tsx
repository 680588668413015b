import { REFLECTION_KEYS, type NoteFormValues } from '../../lib/notes/form';
import { Field, FieldError, Options } from '../Field';
import { RATINGS, type NoteSection } from './note-fields';

/** How the rapport felt, one to five, or not rated. */
export function RatingGroup({ section }: { section: NoteSection }) {
  const { form, id, t } = section;
  const { register } = form;
  const hintId = id('rating-hint');
  const error = form.formState.errors.rapportRating;
  return (
    <fieldset aria-describedby={error ? `${hintId} ${id('rating')}-error` : hintId}>
      <legend>{t('note', 'ratingLegend')}</legend>
      <p id={hintId} className="hint">
        {t('note', 'ratingHint')}
      </p>
      <div className="note-rating">
        {RATINGS.map((r) => (
          <label key={r} className="inline">
            <input type="radio" value={r} {...register('rapportRating')} />
            {r}
          </label>
        ))}
        <label className="inline">
          <input type="radio" value="" {...register('rapportRating')} />
          {t('note', 'ratingNone')}
        </label>
      </div>
      <FieldError id={id('rating')} error={error} />
    </fieldset>
  );
}

/** The private reflection, folded away unless the note already has one. */
export function NoteReflection({ section, start }: { section: NoteSection; start: NoteFormValues }) {
  const { form, id, t } = section;
  const { register } = form;
  return (
    <details className="card note-details" open={hasReflection(start)}>
      <summary>{t('note', 'reflectionSummary')}</summary>
      <p className="hint">{t('note', 'reflectionHint')}</p>
      <div className="note-grid">
        {REFLECTION_KEYS.map((k) => (
          <Field key={k} id={id(`reflection-${k}`)} label={t('note', `reflection.${k}`)}>
            {(aria) => (
              <select {...aria} {...register(`reflection.${k}`)}>
                <option value="">{t('note', 'notRated')}</option>
                <Options values={RATINGS} />
              </select>
            )}
          </Field>
        ))}
      </div>
      <Field id={id('reflection-text')} label={t('note', 'reflectionText')} error={form.formState.errors.reflection?.text}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('reflection.text')} />}
      </Field>
    </details>
  );
}

function hasReflection(values: NoteFormValues): boolean {
  return REFLECTION_KEYS.some((k) => values.reflection[k] !== '') || values.reflection.text !== '';
}
