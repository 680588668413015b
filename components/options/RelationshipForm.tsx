import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { createRelationship, updateRelationship, type RelationshipInput } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import type { Relationship, WayOfMeeting } from '../../lib/schema';
import { Field, FieldError, invalidProps } from './fields';
import { lines, RelationshipFormSchema, type RelationshipFormValues } from './form-schemas';
import { toDateOnly } from './format';
import { WAY_KEYS } from './labels';

const WAYS: WayOfMeeting[] = ['video', 'phone', 'face-to-face', 'email'];

function toValues(r: Relationship | null): RelationshipFormValues {
  return {
    counterpartName: r?.counterpartName ?? '',
    myRole: r?.myRole ?? 'mentor',
    type: r?.type ?? 'cross-functional',
    mentorOrigin: r?.mentorOrigin ?? 'internal',
    startDate: r?.startDate ?? toDateOnly(new Date()),
    termMonths: r?.termMonths ?? 12,
    confidentiality: r?.agreement.confidentiality ?? '',
    boundaries: r?.agreement.boundaries ?? '',
    waysOfMeeting: r?.agreement.waysOfMeeting ?? ['video'],
    usualLengthMin: r?.agreement.usualLengthMin ?? 45,
    meetingLinks: (r?.meetingLinks ?? []).join('\n'),
    earlyEveryDays: r?.cadence.earlyEveryDays ?? 7,
    earlyMeetings: r?.cadence.earlyMeetings ?? 5,
    laterEveryDays: r?.cadence.laterEveryDays ?? 30,
    ownTarget: r?.targetShare != null,
    targetMin: r?.targetShare?.min ?? (r?.myRole === 'mentee' ? 50 : 20),
    targetMax: r?.targetShare?.max ?? (r?.myRole === 'mentee' ? 80 : 40),
    skillsGaps: (r?.skillsGaps ?? []).join('\n'),
  };
}

function toInput(v: RelationshipFormValues): Partial<RelationshipInput> {
  return {
    counterpartName: v.counterpartName.trim(),
    myRole: v.myRole,
    type: v.type,
    mentorOrigin: v.mentorOrigin,
    startDate: v.startDate,
    termMonths: v.termMonths,
    agreement: {
      confidentiality: v.confidentiality,
      boundaries: v.boundaries,
      waysOfMeeting: v.waysOfMeeting,
      usualLengthMin: v.usualLengthMin,
    },
    meetingLinks: lines(v.meetingLinks),
    cadence: { earlyEveryDays: v.earlyEveryDays, earlyMeetings: v.earlyMeetings, laterEveryDays: v.laterEveryDays },
    targetShare: v.ownTarget ? { min: v.targetMin, max: v.targetMax } : null,
    skillsGaps: [...new Set(lines(v.skillsGaps))],
  };
}

/**
 * Create or edit a relationship: who, the agreement, the meeting links, the cadence plan and the
 * development plan's skills gaps. Free-text fields have spell check off: Chrome's enhanced spell
 * check would send what is typed (a confidential agreement, say) to a server.
 */
export function RelationshipForm({ relationship, onDone }: { relationship: Relationship | null; onDone: (id: string | null) => void }) {
  const { t } = useT();
  const [saveError, setSaveError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    control,
    formState: { errors, isSubmitting },
  } = useForm<RelationshipFormValues>({
    resolver: zodResolver(RelationshipFormSchema),
    defaultValues: toValues(relationship),
  });
  const ownTarget = useWatch({ control, name: 'ownTarget' });

  const onSubmit = async (values: RelationshipFormValues) => {
    setSaveError(null);
    try {
      const saved = relationship ? await updateRelationship(relationship.id, toInput(values)) : await createRelationship(toInput(values));
      onDone(saved.id);
    } catch (e) {
      // Nothing was written; the form keeps every value so the user can fix and retry.
      setSaveError(t('options', 'saveFailed', { error: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <form
      className="card relationship-form"
      onSubmit={(event) => void handleSubmit(onSubmit)(event)}
      noValidate
      aria-labelledby="relationship-form-title"
    >
      <h2 id="relationship-form-title">
        {relationship
          ? t('options', 'editRelationshipTitle', { name: relationship.counterpartName })
          : t('options', 'newRelationshipTitle')}
      </h2>

      <fieldset>
        <legend>{t('options', 'sectionWho')}</legend>
        <Field id="counterpartName" label={t('options', 'counterpartName')} error={errors.counterpartName}>
          <input
            type="text"
            autoComplete="off"
            {...register('counterpartName')}
            {...invalidProps('counterpartName', errors.counterpartName)}
          />
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
            <select id="type" {...register('type')}>
              <option value="upward">{t('options', 'typeUpward')}</option>
              <option value="peer">{t('options', 'typePeer')}</option>
              <option value="cross-functional">{t('options', 'typeCrossFunctional')}</option>
              <option value="downward">{t('options', 'typeDownward')}</option>
            </select>
          </Field>
          <Field id="mentorOrigin" label={t('options', 'mentorOrigin')}>
            <select id="mentorOrigin" {...register('mentorOrigin')}>
              <option value="internal">{t('options', 'originInternal')}</option>
              <option value="external">{t('options', 'originExternal')}</option>
            </select>
          </Field>
          <Field id="startDate" label={t('options', 'startDate')} error={errors.startDate}>
            <input type="date" {...register('startDate')} {...invalidProps('startDate', errors.startDate)} />
          </Field>
          <Field id="termMonths" label={t('options', 'termMonths')} hint={t('options', 'termHint')} error={errors.termMonths}>
            <input
              type="number"
              min={1}
              max={120}
              {...register('termMonths', { valueAsNumber: true })}
              {...invalidProps('termMonths', errors.termMonths, 'termMonths-hint')}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('options', 'sectionAgreement')}</legend>
        <p className="muted">{t('options', 'agreementHint')}</p>
        <Field id="confidentiality" label={t('options', 'confidentiality')} error={errors.confidentiality}>
          <textarea
            spellCheck={false}
            rows={2}
            {...register('confidentiality')}
            {...invalidProps('confidentiality', errors.confidentiality)}
          />
        </Field>
        <Field id="boundaries" label={t('options', 'boundaries')} error={errors.boundaries}>
          <textarea spellCheck={false} rows={2} {...register('boundaries')} {...invalidProps('boundaries', errors.boundaries)} />
        </Field>
        <fieldset className="field nested" aria-describedby={errors.waysOfMeeting ? 'waysOfMeeting-error' : undefined}>
          <legend className="label">{t('options', 'waysOfMeeting')}</legend>
          <div className="row">
            <Controller
              control={control}
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
                            e.target.checked
                              ? WAYS.filter((w) => w === way || field.value.includes(w))
                              : field.value.filter((w) => w !== way),
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
          <FieldError id="waysOfMeeting" error={errors.waysOfMeeting} />
        </fieldset>
        <Field id="usualLengthMin" label={t('options', 'usualLength')} error={errors.usualLengthMin}>
          <input
            type="number"
            min={5}
            max={480}
            {...register('usualLengthMin', { valueAsNumber: true })}
            {...invalidProps('usualLengthMin', errors.usualLengthMin)}
          />
        </Field>
        <Field id="meetingLinks" label={t('options', 'meetingLinks')} hint={t('options', 'meetingLinksHint')} error={errors.meetingLinks}>
          <textarea
            rows={2}
            spellCheck={false}
            {...register('meetingLinks')}
            {...invalidProps('meetingLinks', errors.meetingLinks, 'meetingLinks-hint')}
          />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('options', 'sectionCadence')}</legend>
        <p className="muted">{t('options', 'cadenceHint')}</p>
        <div className="grid-3">
          <Field id="earlyMeetings" label={t('options', 'earlyMeetings')} error={errors.earlyMeetings}>
            <input
              type="number"
              min={0}
              max={50}
              {...register('earlyMeetings', { valueAsNumber: true })}
              {...invalidProps('earlyMeetings', errors.earlyMeetings)}
            />
          </Field>
          <Field id="earlyEveryDays" label={t('options', 'earlyEveryDays')} error={errors.earlyEveryDays}>
            <input
              type="number"
              min={1}
              max={365}
              {...register('earlyEveryDays', { valueAsNumber: true })}
              {...invalidProps('earlyEveryDays', errors.earlyEveryDays)}
            />
          </Field>
          <Field id="laterEveryDays" label={t('options', 'laterEveryDays')} error={errors.laterEveryDays}>
            <input
              type="number"
              min={1}
              max={365}
              {...register('laterEveryDays', { valueAsNumber: true })}
              {...invalidProps('laterEveryDays', errors.laterEveryDays)}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('options', 'sectionTalk')}</legend>
        <label className="inline">
          <input type="checkbox" {...register('ownTarget')} /> {t('options', 'ownTarget')}
        </label>
        {ownTarget && (
          <div className="grid-2">
            <Field id="targetMin" label={t('options', 'targetMin')} error={errors.targetMin}>
              <input
                type="number"
                min={0}
                max={100}
                {...register('targetMin', { valueAsNumber: true })}
                {...invalidProps('targetMin', errors.targetMin)}
              />
            </Field>
            <Field id="targetMax" label={t('options', 'targetMax')} error={errors.targetMax}>
              <input
                type="number"
                min={0}
                max={100}
                {...register('targetMax', { valueAsNumber: true })}
                {...invalidProps('targetMax', errors.targetMax)}
              />
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('options', 'sectionPlan')}</legend>
        <Field id="skillsGaps" label={t('options', 'skillsGaps')} hint={t('options', 'skillsGapsHint')} error={errors.skillsGaps}>
          <textarea
            spellCheck={false}
            rows={3}
            {...register('skillsGaps')}
            {...invalidProps('skillsGaps', errors.skillsGaps, 'skillsGaps-hint')}
          />
        </Field>
      </fieldset>

      {saveError && (
        <p className="banner error" role="alert">
          {saveError}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={isSubmitting}>
          {relationship ? t('common', 'save') : t('options', 'createRelationship')}
        </button>
        <button type="button" onClick={() => onDone(relationship?.id ?? null)}>
          {t('common', 'cancel')}
        </button>
      </div>
    </form>
  );
}
