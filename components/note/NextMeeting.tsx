import { useWatch } from 'react-hook-form';
import { WAY_KEYS, WAYS } from '../../lib/i18n/labels';
import { Field, Options, TimeInput } from '../Field';
import type { NoteSection } from './note-fields';

/** Whether, when and how the two meet next; `suggestedDays` is the cadence's interval, shown on a new note. */
export function NextMeeting({ section, suggestedDays }: { section: NoteSection; suggestedDays: number | null }) {
  const { form, id, t } = section;
  const { register, control } = form;
  const errors = form.formState.errors.nextMeeting;
  const planned = useWatch({ control, name: 'nextMeeting.planned' });
  return (
    <fieldset>
      <legend>{t('note', 'nextHeading')}</legend>
      <label className="inline">
        <input type="checkbox" {...register('nextMeeting.planned')} />
        {t('note', 'nextPlanned')}
      </label>
      {planned && (
        <>
          {suggestedDays !== null && <p className="hint">{t('note', 'nextSuggested', { days: suggestedDays })}</p>}
          <div className="note-grid">
            <Field id={id('next-date')} label={t('note', 'nextDate')} error={errors?.date}>
              {(aria) => <input {...aria} type="date" {...register('nextMeeting.date')} />}
            </Field>
            <Field id={id('next-time')} label={t('note', 'nextTime')} error={errors?.time}>
              {(aria) => <TimeInput {...aria} {...register('nextMeeting.time')} />}
            </Field>
            <Field id={id('next-way')} label={t('note', 'nextWay')}>
              {(aria) => (
                <select {...aria} {...register('nextMeeting.way')}>
                  <Options values={WAYS} label={(w) => t('common', WAY_KEYS[w])} />
                </select>
              )}
            </Field>
          </div>
        </>
      )}
    </fieldset>
  );
}
