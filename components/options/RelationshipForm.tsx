import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createRelationship, updateRelationship, type RelationshipInput } from '../../lib/db/relationships';
import { useT } from '../../lib/hooks/use-settings';
import type { Relationship } from '../../lib/schema';
import { lines, RelationshipFormSchema, type RelationshipFormValues } from './form-schemas';
import { toDateOnly } from '../../lib/schema/date-only';
import { AgreementSection, CadenceSection, PlanSection, TalkSection, WhoSection } from './RelationshipSections';

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
 * development plan's skills gaps (the sections: RelationshipSections.tsx).
 */
export function RelationshipForm({ relationship, onDone }: { relationship: Relationship | null; onDone: (id: string | null) => void }) {
  const { t } = useT();
  const [saveError, setSaveError] = useState<string | null>(null);
  const form = useForm<RelationshipFormValues>({
    resolver: zodResolver(RelationshipFormSchema),
    defaultValues: toValues(relationship),
  });

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
      onSubmit={(event) => void form.handleSubmit(onSubmit)(event)}
      noValidate
      aria-labelledby="relationship-form-title"
    >
      <h2 id="relationship-form-title">
        {relationship
          ? t('options', 'editRelationshipTitle', { name: relationship.counterpartName })
          : t('options', 'newRelationshipTitle')}
      </h2>
      <WhoSection form={form} />
      <AgreementSection form={form} />
      <CadenceSection form={form} />
      <TalkSection form={form} />
      <PlanSection form={form} />
      {saveError && (
        <p className="banner error" role="alert">
          {saveError}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={form.formState.isSubmitting}>
          {relationship ? t('common', 'save') : t('options', 'createRelationship')}
        </button>
        <button type="button" onClick={() => onDone(relationship?.id ?? null)}>
          {t('common', 'cancel')}
        </button>
      </div>
    </form>
  );
}
