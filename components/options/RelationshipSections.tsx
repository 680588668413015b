import { Controller, useWatch, type UseFormReturn } from 'react-hook-form';
import { useT } from '../../lib/hooks/use-settings';
import { Field, FieldError, Options } from '../Field';
import type { RelationshipFormValues } from './form-schemas';
import { RELATIONSHIP_TYPES, TYPE_KEYS, WAY_KEYS, WAYS } from '../../lib/i18n/labels';

/*
 * The relationship form's sections (RelationshipForm.tsx). Free-text fields have spell check
 * off: Chrome's enhanced spell check would send what is typed (a confidential agreement, say) to
 * a server.
 */

type Values = RelationshipFormValues;
type Form = UseFormReturn<Values>;
type NumberName = { [K in keyof Values]: Values[K] extends number ? K : never }[keyof Values];

/** A whole number input, its id the field's name. */
function NumberField({
  form,
  name,
  label,
  min,
  max,
  hint,
}: {
  form: Form;
  name: NumberName;
  label: string;
  min: number;
  max: number;
  hint?: string;
}) {
  const error = form.formState.errors[name];
  return (
    <Field id={name} label={label} hint={hint} error={error}>
      {(aria) => <input {...aria} type="number" min={min} max={max} {...form.register(name, { valueAsNumber: true })} />}
    </Field>
  );
}

/** Who the other person is, the roles, the kind of relationship and its term. */
export function WhoSection({ form }: { form: Form }) {
  const { t } = useT();
  const { register } = form;
  const { errors } = form.formState;
  return (
    <fieldset>
      <legend>{t('options', 'sectionWho')}</legend>
      <Field id="counterpartName" label={t('options', 'counterpartName')} error={errors.counterpartName}>
        {(aria) => <input {...aria} type="text" autoComplete="off" {...register('counterpartName')} />}
      </Field>
      <div className="field">
        <span className="label" id="myRole-label">
          {t('options', 'myRole')}
        </span>
        <div className="row" role="radiogroup" aria-labelledby="myRole-label">
          <label className="inline">
            <input type="radio" value="mentor" {...register('myRole')} /> {t('options', 'iAmMentor')}
          </label>
          <label className="inline">
            <input type="radio" value="mentee" {...register('myRole')} /> {t('options', 'iAmMentee')}
          </label>
        </div>
      </div>
      <div className="grid-2">
        <Field id="type" label={t('options', 'relationshipType')}>
          {(aria) => (
            <select {...aria} {...register('type')}>
              <Options values={RELATIONSHIP_TYPES} label={(type) => t('options', TYPE_KEYS[type])} />
            </select>
          )}
        </Field>
        <Field id="mentorOrigin" label={t('options', 'mentorOrigin')}>
          {(aria) => (
            <select {...aria} {...register('mentorOrigin')}>
              <option value="internal">{t('options', 'originInternal')}</option>
              <option value="external">{t('options', 'originExternal')}</option>
            </select>
          )}
        </Field>
        <Field id="startDate" label={t('options', 'startDate')} error={errors.startDate}>
          {(aria) => <input {...aria} type="date" {...register('startDate')} />}
        </Field>
        <NumberField form={form} name="termMonths" label={t('options', 'termMonths')} hint={t('options', 'termHint')} min={1} max={120} />
      </div>
    </fieldset>
  );
}

/** What the two agreed: confidentiality, boundaries, how and how long they meet, and the meeting links. */
export function AgreementSection({ form }: { form: Form }) {
  const { t } = useT();
  const { register } = form;
  const { errors } = form.formState;
  return (
    <fieldset>
      <legend>{t('options', 'sectionAgreement')}</legend>
      <p className="muted">{t('options', 'agreementHint')}</p>
      <Field id="confidentiality" label={t('options', 'confidentiality')} error={errors.confidentiality}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('confidentiality')} />}
      </Field>
      <Field id="boundaries" label={t('options', 'boundaries')} error={errors.boundaries}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={2} {...register('boundaries')} />}
      </Field>
      <WaysOfMeeting form={form} />
      <NumberField form={form} name="usualLengthMin" label={t('options', 'usualLength')} min={5} max={480} />
      <Field id="meetingLinks" label={t('options', 'meetingLinks')} hint={t('options', 'meetingLinksHint')} error={errors.meetingLinks}>
        {(aria) => <textarea {...aria} rows={2} spellCheck={false} {...register('meetingLinks')} />}
      </Field>
    </fieldset>
  );
}

/** The ways of meeting, as checkboxes kept in the schema's order. */
function WaysOfMeeting({ form }: { form: Form }) {
  const { t } = useT();
  const error = form.formState.errors.waysOfMeeting;
  return (
    <fieldset className="field nested" aria-describedby={error ? 'waysOfMeeting-error' : undefined}>
      <legend className="label">{t('options', 'waysOfMeeting')}</legend>
      <div className="row">
        <Controller
          control={form.control}
          name="waysOfMeeting"
          render={({ field }) => (
            <>
              {WAYS.map((way) => (
                <label className="inline" key={way}>
                  <input
                    type="checkbox"
                    name={field.name}
                    value={way}
                    checked={field.value.includes(way)}
                    onBlur={field.onBlur}
                    onChange={(e) =>
                      field.onChange(
                        e.target.checked ? WAYS.filter((w) => w === way || field.value.includes(w)) : field.value.filter((w) => w !== way),
                      )
                    }
                  />{' '}
                  {t('common', WAY_KEYS[way])}
                </label>
              ))}
            </>
          )}
        />
      </div>
      <FieldError id="waysOfMeeting" error={error} />
    </fieldset>
  );
}

/** The cadence plan: close together at first, then further apart. */
export function CadenceSection({ form }: { form: Form }) {
  const { t } = useT();
  return (
    <fieldset>
      <legend>{t('options', 'sectionCadence')}</legend>
      <p className="muted">{t('options', 'cadenceHint')}</p>
      <div className="grid-3">
        <NumberField form={form} name="earlyMeetings" label={t('options', 'earlyMeetings')} min={0} max={50} />
        <NumberField form={form} name="earlyEveryDays" label={t('options', 'earlyEveryDays')} min={1} max={365} />
        <NumberField form={form} name="laterEveryDays" label={t('options', 'laterEveryDays')} min={1} max={365} />
      </div>
    </fieldset>
  );
}

/** This relationship's own talk-share target, instead of the role's default. */
export function TalkSection({ form }: { form: Form }) {
  const { t } = useT();
  const ownTarget = useWatch({ control: form.control, name: 'ownTarget' });
  return (
    <fieldset>
      <legend>{t('options', 'sectionTalk')}</legend>
      <label className="inline">
        <input type="checkbox" {...form.register('ownTarget')} /> {t('options', 'ownTarget')}
      </label>
      {ownTarget && (
        <div className="grid-2">
          <NumberField form={form} name="targetMin" label={t('options', 'targetMin')} min={0} max={100} />
          <NumberField form={form} name="targetMax" label={t('options', 'targetMax')} min={0} max={100} />
        </div>
      )}
    </fieldset>
  );
}

/** The development plan's skills gaps, one a line. */
export function PlanSection({ form }: { form: Form }) {
  const { t } = useT();
  const error = form.formState.errors.skillsGaps;
  return (
    <fieldset>
      <legend>{t('options', 'sectionPlan')}</legend>
      <Field id="skillsGaps" label={t('options', 'skillsGaps')} hint={t('options', 'skillsGapsHint')} error={error}>
        {(aria) => <textarea {...aria} spellCheck={false} rows={3} {...form.register('skillsGaps')} />}
      </Field>
    </fieldset>
  );
}
