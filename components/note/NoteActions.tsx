import { useFieldArray } from 'react-hook-form';
import type { Translator } from '../../lib/i18n';
import { localDate, newActionRow } from '../../lib/notes/form';
import type { Relationship } from '../../lib/schema';
import { Field, FieldError } from '../Field';
import type { NoteSection } from './note-fields';

/** The actions agreed in the session, each with its owner and due date. */
export function NoteActions({ section, relationship }: { section: NoteSection; relationship: Relationship }) {
  const { form, id, t } = section;
  const { register, control } = form;
  const errors = form.formState.errors.actions;
  const actions = useFieldArray({ control, name: 'actions', keyName: 'key' });
  return (
    <fieldset>
      <legend>{t('note', 'actionsHeading')}</legend>
      {actions.fields.length === 0 && <p className="muted">{t('note', 'actionsNone')}</p>}
      {actions.fields.map((field, i) => (
        <fieldset key={field.key}>
          <legend>{t('note', 'actionLegend', { n: i + 1 })}</legend>
          <Field id={id(`action-${i}-text`)} label={t('note', 'actionText')} error={errors?.[i]?.text}>
            {(aria) => <input {...aria} type="text" spellCheck={false} {...register(`actions.${i}.text`)} />}
          </Field>
          <div className="note-grid">
            <Field id={id(`action-${i}-owner`)} label={t('note', 'actionOwner')}>
              {(aria) => (
                <select {...aria} {...register(`actions.${i}.owner`)}>
                  <option value="mentee">{ownerName(t, 'mentee', relationship)}</option>
                  <option value="mentor">{ownerName(t, 'mentor', relationship)}</option>
                </select>
              )}
            </Field>
            <Field id={id(`action-${i}-due`)} label={t('note', 'actionDue')} error={errors?.[i]?.dueDate}>
              {(aria) => <input {...aria} type="date" {...register(`actions.${i}.dueDate`)} />}
            </Field>
          </div>
          <button type="button" className="danger" onClick={() => actions.remove(i)}>
            {t('note', 'removeAction', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <FieldError id={id('actions')} error={errors?.root} />
      <button type="button" onClick={() => actions.append(newActionRow(form.getValues(), localDate()), { shouldFocus: true })}>
        {t('note', 'addAction')}
      </button>
    </fieldset>
  );
}

function ownerName(t: Translator, role: 'mentor' | 'mentee', relationship: Relationship): string {
  const label = t('common', role);
  return role === relationship.myRole ? label : `${label} (${relationship.counterpartName})`;
}
