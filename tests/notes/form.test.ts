import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialValues,
  localDateTimeMs,
  MAX_SUMMARY,
  noteFormSchema,
  restoreDraft,
  toSaveInput,
  type NoteFormValues,
} from '../../lib/notes/form';
import { NoteSchema, type Goal } from '../../lib/schema';

const TODAY = '2026-11-27';
const NOW = new Date(2026, 10, 27, 12, 0).getTime();
const schema = noteFormSchema({ today: TODAY, now: NOW, editing: false });

const goal = (id: string, progress = 20): Goal => ({
  id,
  relationshipId: 'rel',
  title: `Goal ${id}`,
  why: '',
  measure: '',
  targetDate: null,
  skillGap: '',
  status: 'in-progress',
  progress,
  history: [],
  createdAt: 1,
  updatedAt: 1,
});

function valid(overrides: Partial<NoteFormValues> = {}): NoteFormValues {
  return {
    ...initialValues({ goals: [goal('g1')], nextMeetingAt: new Date(2026, 11, 4, 14, 0), way: 'video' }),
    summary: 'We talked about the roadmap.',
    ...overrides,
  };
}

/** The error keys the schema reports, by field path. */
function errorsOf(values: unknown, s = schema): Record<string, string> {
  const r = s.safeParse(values);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const dayArb = fc.date({ min: new Date(2000, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }).map((d) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
});

describe('note form validation', () => {
  it('prefills a new note from the goals, the suggested next meeting and the agreed way', () => {
    const v = initialValues({ goals: [goal('g1', 35)], nextMeetingAt: new Date(2026, 11, 4, 14, 30), way: 'face-to-face' });
    expect(v.goalUpdates).toEqual([{ goalId: 'g1', status: 'in-progress', progress: 35, comment: '' }]);
    expect(v.nextMeeting).toEqual({ planned: true, date: '2026-12-04', time: '14:30', way: 'face-to-face' });
    expect(v.summary).toBe('');
    expect(v.actions).toEqual([]);
  });

  it('asks for a summary in words a person understands', () => {
    expect(errorsOf(valid({ summary: '' }))).toEqual({ summary: 'summaryRequired' });
    expect(errorsOf(valid({ summary: '   \n ' }))).toEqual({ summary: 'summaryRequired' });
  });

  it('refuses a 2,000,000-character summary instead of cutting it', () => {
    expect(errorsOf(valid({ summary: 'x'.repeat(2_000_000) }))).toEqual({ summary: 'summaryTooLong' });
  });

  it('accepts every summary with some text up to the limit, refuses every longer one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: MAX_SUMMARY + 200 }), (text) => {
        const trimmed = text.trim();
        const errors = errorsOf(valid({ summary: text }));
        if (trimmed.length === 0) expect(errors.summary).toBe('summaryRequired');
        else if (trimmed.length > MAX_SUMMARY) expect(errors.summary).toBe('summaryTooLong');
        else expect(errors.summary).toBeUndefined();
      }),
    );
  });

  it('refuses a new action due before today and accepts today or later', () => {
    fc.assert(
      fc.property(dayArb, (due) => {
        const errors = errorsOf(valid({ actions: [{ id: null, text: 'Do it', owner: 'mentee', dueDate: due }] }));
        expect(errors['actions.0.dueDate']).toBe(due < TODAY ? 'dueDateInPast' : undefined);
      }),
    );
  });

  it('lets an action saved earlier keep a date that has passed since', () => {
    expect(errorsOf(valid({ actions: [{ id: 'a1', text: 'Do it', owner: 'mentee', dueDate: '2026-01-01' }] }))).toEqual({});
  });

  it('names empty and impossible action fields', () => {
    const errors = errorsOf(
      valid({
        actions: [
          { id: null, text: ' ', owner: 'mentor', dueDate: '' },
          { id: null, text: 'x'.repeat(201), owner: 'mentor', dueDate: '2026-02-30' },
        ],
      }),
    );
    expect(errors).toEqual({
      'actions.0.text': 'actionTextRequired',
      'actions.0.dueDate': 'dueDateRequired',
      'actions.1.text': 'actionTextTooLong',
      'actions.1.dueDate': 'dueDateRequired',
    });
  });

  it('keeps goal progress a whole number from 0 to 100', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -500, max: 500 }), fc.double({ noDefaultInfinity: false })), (progress) => {
        const errors = errorsOf(valid({ goalUpdates: [{ goalId: 'g1', status: 'in-progress', progress, comment: '' }] }));
        const ok = Number.isInteger(progress) && progress >= 0 && progress <= 100;
        expect(errors['goalUpdates.0.progress']).toBe(ok ? undefined : 'progressRange');
      }),
    );
  });

  it('needs a date and time in the future for a planned next meeting, nothing when none is planned', () => {
    const next = (n: Partial<NoteFormValues['nextMeeting']>) => valid({ nextMeeting: { ...valid().nextMeeting, ...n } });
    expect(errorsOf(next({ date: '', time: '' }))).toEqual({
      'nextMeeting.date': 'nextDateRequired',
      'nextMeeting.time': 'time',
    });
    expect(errorsOf(next({ date: '2026-11-27', time: '11:59' }))).toEqual({ 'nextMeeting.date': 'nextInPast' });
    expect(errorsOf(next({ date: '2026-11-27', time: '12:00' }))).toEqual({});
    expect(errorsOf(next({ planned: false, date: '', time: 'garbage' }))).toEqual({});
    // Editing a note saved weeks ago: its next meeting may have been held since.
    expect(errorsOf(next({ date: '2026-01-01', time: '10:00' }), noteFormSchema({ today: TODAY, now: NOW, editing: true }))).toEqual({});
  });

  it('turns every valid form into a note the stored schema accepts', () => {
    const text = fc.string({ maxLength: 300 });
    const rating = fc.constantFrom('', '1', '2', '3', '4', '5');
    const form = fc.record({
      summary: fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s.trim().length > 0),
      wentWell: text,
      doDifferently: text,
      goalUpdates: fc.uniqueArray(
        fc.record({
          goalId: fc.uuid(),
          status: fc.constantFrom('not-started', 'in-progress', 'achieved', 'dropped'),
          progress: fc.integer({ min: 0, max: 100 }),
          comment: text,
        }),
        { maxLength: 5, selector: (g) => g.goalId },
      ),
      actions: fc.array(
        fc.record({
          id: fc.option(fc.uuid(), { nil: null }),
          text: fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim().length > 0),
          owner: fc.constantFrom('mentor', 'mentee'),
          dueDate: dayArb.filter((d) => d >= TODAY),
        }),
        { maxLength: 5 },
      ),
      nextMeeting: fc.record({
        planned: fc.boolean(),
        date: dayArb.filter((d) => d > TODAY),
        time: fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
        way: fc.constantFrom('video', 'phone', 'face-to-face', 'email'),
      }),
      rapportRating: rating,
      reflection: fc.record({ listening: rating, questioning: rating, empathy: rating, nonJudgement: rating, feedback: rating, text }),
      private: fc.boolean(),
    });
    fc.assert(
      fc.property(form, (values) => {
        const parsed = schema.parse(values);
        const input = toSaveInput(parsed, 'session-1', null);
        const { actions, ...note } = input;
        const stored = NoteSchema.parse({ ...note, id: 'n', relationshipId: 'rel', createdAt: 1, updatedAt: 1 });
        expect(stored.summary).toBe(values.summary.trim());
        expect(stored.rapportRating).toBe(values.rapportRating === '' ? null : Number(values.rapportRating));
        expect(stored.nextMeeting?.at ?? null).toBe(
          values.nextMeeting.planned ? localDateTimeMs(values.nextMeeting.date, values.nextMeeting.time) : null,
        );
        expect(actions).toHaveLength(values.actions.length);
      }),
    );
  });
});

describe('draft restore', () => {
  const defaults = valid({ summary: '' });

  it('restores what was typed over the prefilled values', () => {
    const draft = {
      ...defaults,
      summary: 'Half written',
      goalUpdates: [{ goalId: 'g1', status: 'achieved', progress: 100, comment: 'Done!' }],
      actions: [{ id: null, text: 'Book a room', owner: 'mentor', dueDate: '2026-12-01' }],
      rapportRating: '5',
    };
    expect(restoreDraft(defaults, draft)).toEqual({ ...draft });
  });

  it('never resurrects a goal that is no longer asked about, nor drops a new one', () => {
    const restored = restoreDraft(valid({ goalUpdates: [{ goalId: 'g2', status: 'not-started', progress: 0, comment: '' }] }), {
      goalUpdates: [
        { goalId: 'g1', status: 'achieved', progress: 100, comment: '' },
        { goalId: 'g2', status: 'in-progress', progress: 30, comment: 'moving' },
      ],
    });
    expect(restored.goalUpdates).toEqual([{ goalId: 'g2', status: 'in-progress', progress: 30, comment: 'moving' }]);
  });

  it('never throws on a damaged draft and always returns the form shape', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...Object.keys(defaults)), fc.anything())), (draft) => {
        const restored = restoreDraft(defaults, draft);
        expect(Object.keys(restored).sort()).toEqual(Object.keys(defaults).sort());
        expect(typeof restored.summary).toBe('string');
        expect(Array.isArray(restored.actions)).toBe(true);
        expect(restored.goalUpdates.map((g) => g.goalId)).toEqual(defaults.goalUpdates.map((g) => g.goalId));
      }),
    );
  });

  it('ignores keys that are not form fields, prototype tricks included', () => {
    const restored = restoreDraft(defaults, JSON.parse('{"__proto__": {"polluted": true}, "summary": "ok", "extra": 1}'));
    expect(restored.summary).toBe('ok');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(restored).not.toHaveProperty('extra');
  });
});

describe('note strings', () => {
  it('has every English key in Bokmål, with the same placeholders', async () => {
    const { note: en } = await import('../../lib/i18n/en/note');
    const { note: nb } = await import('../../lib/i18n/nb/note');
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect([key, vars(nb[key])]).toEqual([key, vars(en[key])]);
  });
});
