import { useWatch } from 'react-hook-form';
import { WAY_KEYS, WAYS } from '../../lib/i18n/labels';
import { Field } from '../Field';
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
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={5}
                  placeholder={t('common', 'timePlaceholder')}
                  {...register('nextMeeting.time')}
                />
              )}
            </Field>
            <Field id={id('next-way')} label={t('note', 'nextWay')}>
              {(aria) => (
                <select {...aria} {...register('nextMeeting.way')}>
                  {WAYS.map((w) => (
                    <option key={w} value={w}>
                      {t('common', WAY_KEYS[w])}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </>
      )}
    </fieldset>
  );
}
