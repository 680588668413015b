import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addAction,
  addGoal,
  countPrivateNotes,
  createRelationship,
  deleteAll,
  exportAll,
  ImportError,
  importAll,
  logManualSession,
  parseExportFile,
  saveNote,
  saveSettings,
} from '../../lib/db';
import { MAX_IMPORT_BYTES } from '../../lib/schema';
import { fieldWords } from '../../lib/db/import-issues';
import { createTranslator } from '../../lib/i18n';
import { relationshipInput, useFreshDb } from '../db/helpers';

const { db } = useFreshDb();
const en = createTranslator('en');
const RECORD = { relationships: 'Relationship', goals: 'Goal', sessions: 'Session', notes: 'Note', actions: 'Action' } as const;

/** A small but complete data set: every table has records. */
async function seed(): Promise<void> {
  const r = await createRelationship({ ...relationshipInput, skillsGaps: ['Delegation'] });
  const g = await addGoal({ relationshipId: r.id, title: 'Delegate one task a week', skillGap: 'Delegation', measure: 'Weekly' });
  const s = await logManualSession({
    relationshipId: r.id,
    wayOfMeeting: 'phone',
    stage: 'goal-setting',
    startedAt: Date.UTC(2026, 0, 12, 9),
    plannedLengthMin: 45,
    lengthMin: 40,
  });
  await saveNote({
    sessionId: s.id,
    summary: 'Agreed the first goal',
    wentWell: '',
    doDifferently: '',
    goalUpdates: [{ goalId: g.id, status: 'in-progress', progress: 10, comment: '' }],
    nextMeeting: null,
    rapportRating: 4,
    reflection: null,
    private: false,
    actions: [{ text: 'List tasks to hand over', owner: 'mentee', dueDate: '2026-01-19' }],
  });
  await addAction({ relationshipId: r.id, text: 'Send the article', owner: 'mentor', dueDate: '2026-01-15' });
  await saveSettings({ language: 'nb' });
}

async function counts() {
  const d = db();
  return {
    relationships: await d.relationships.count(),
    goals: await d.goals.count(),
    sessions: await d.sessions.count(),
    notes: await d.notes.count(),
    actions: await d.actions.count(),
    settings: await d.settings.count(),
  };
}

const EMPTY = { relationships: 0, goals: 0, sessions: 0, notes: 0, actions: 0, settings: 0 };

function withoutStamp<T extends { exportedAt: number }>(file: T): Omit<T, 'exportedAt'> {
  const { exportedAt: _ignored, ...rest } = file;
  return rest;
}

/** Import must throw an ImportError and leave the database exactly as it was. */
async function expectRejected(text: string, before: Awaited<ReturnType<typeof counts>>): Promise<ImportError> {
  let error: unknown;
  try {
    await importAll(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ImportError);
  expect(await counts()).toEqual(before);
  return error as ImportError;
}

describe('export → import', () => {
  it('round-trips every record exactly', async () => {
    await seed();
    const exported = await exportAll();
    const text = JSON.stringify(exported);
    await deleteAll();
    expect(await counts()).toEqual(EMPTY);
    const result = await importAll(text);
    expect(result).toEqual({ relationships: 1, goals: 1, sessions: 1, notes: 1, actions: 2 });
    expect(withoutStamp(await exportAll())).toEqual(withoutStamp(exported));
  });

  it('importing the same file twice creates no duplicates', async () => {
    await seed();
    const text = JSON.stringify(await exportAll());
    const before = await counts();
    await importAll(text);
    await importAll(text);
    expect(await counts()).toEqual(before);
  });

  it('leaves private notes and private reflections out unless a full backup is asked for, and says which it is', async () => {
    await seed();
    const note = (await db().notes.toArray())[0]!;
    const reflection = { listening: 4, questioning: 3, empathy: null, nonJudgement: null, feedback: null, text: 'I talked too much' };
    await db().notes.put({ ...note, reflection });
    await db().notes.put({ ...note, id: 'private-note', private: true, summary: 'Only mine' });

    const byDefault = await exportAll();
    expect(byDefault.privateNotesIncluded).toBe(false);
    expect(byDefault.notes.map((n) => n.id)).toEqual([note.id]);
    expect(byDefault.notes[0]!.reflection).toBeNull();
    expect(JSON.stringify(byDefault)).not.toContain('Only mine');
    expect(JSON.stringify(byDefault)).not.toContain('I talked too much');
    expect(await countPrivateNotes()).toBe(1);

    const backup = await exportAll({ includePrivateNotes: true });
    expect(backup.privateNotesIncluded).toBe(true);
    expect(backup.notes.map((n) => n.id).sort()).toEqual([note.id, 'private-note'].sort());
    expect(backup.notes.find((n) => n.id === note.id)!.reflection).toEqual(reflection);
    // Both kinds of file import again.
    await deleteAll();
    await importAll(JSON.stringify(byDefault));
    await importAll(JSON.stringify(backup));
    expect(await db().notes.count()).toBe(2);
  });
});

describe('hostile or broken import files are refused, and nothing is written', () => {
  it('names the path of each bad field', async () => {
    await seed();
    const file = await exportAll();
    await deleteAll();
    const bad = structuredClone(file) as unknown as { relationships: Record<string, unknown>[]; goals: Record<string, unknown>[] };
    bad.relationships[0]!.counterpartName = '';
    bad.goals[0]!.progress = 250;
    const error = await expectRejected(JSON.stringify(bad), EMPTY);
    expect(error.issues).toEqual(
      expect.arrayContaining(['Relationship 1: name must not be empty', 'Goal 1 (Delegate one task a week): progress must be at most 100']),
    );
  });

  it('says what is wrong the user’s way, in the user’s language', async () => {
    await seed();
    const file = await exportAll();
    await deleteAll();
    const bad = structuredClone(file) as unknown as {
      relationships: { agreement: Record<string, unknown> }[];
      actions: Record<string, unknown>[];
    };
    bad.relationships[0]!.agreement.usualLengthMin = 'sixty';
    bad.actions[1]!.dueDate = '2026-13-45';
    const en = await expectRejected(JSON.stringify(bad), EMPTY);
    expect(en.headline).toBe('Some records in the file are not as Rapport writes them:');
    expect(en.issues).toEqual([
      'Relationship 1 (Alex): usual length must be a number of minutes',
      `Action 2 (${String(bad.actions[1]!.text)}): due date must be a real date (YYYY-MM-DD)`,
    ]);
    let nb: unknown;
    try {
      parseExportFile(JSON.stringify(bad), createTranslator('nb'));
    } catch (e) {
      nb = e;
    }
    expect((nb as ImportError).headline).toBe('Noen oppføringer i filen er ikke slik Rapport skriver dem:');
    expect((nb as ImportError).issues).toEqual([
      'Relasjon 1 (Alex): vanlig lengde må være et antall minutter',
      `Handling 2 (${String(bad.actions[1]!.text)}): frist må være en gyldig dato (ÅÅÅÅ-MM-DD)`,
    ]);
    // Zod's own wording never reaches the user.
    const tooMany = { ...file, relationships: Array.from({ length: 10_001 }, () => file.relationships[0]) };
    const nbMany = (() => {
      try {
        parseExportFile(JSON.stringify(tooMany), createTranslator('nb'));
      } catch (e) {
        return e as ImportError;
      }
      throw new Error('accepted');
    })();
    expect(nbMany.issues.join(' ')).not.toMatch(/Too big|expected|Invalid/);
    expect(nbMany.issues).toContain('Filen: relasjoner har for mange oppføringer (høyst 10000)');
  });

  it('refuses another version, with words that say so', async () => {
    await seed();
    const file = { ...(await exportAll()), version: 2 };
    const before = await counts();
    const error = await expectRejected(JSON.stringify(file), before);
    expect(error.issues.join(' ')).toContain('another version of Rapport');
  });

  it('refuses records that point at records the file does not contain', async () => {
    await seed();
    const file = await exportAll();
    await deleteAll();
    const error = await expectRejected(JSON.stringify({ ...file, relationships: [] }), EMPTY);
    expect(error.issues[0]).toBe('Goal 1 (Delegate one task a week): belongs to a relationship that is not in the file');
  });

  it('refuses a file over the size limit before parsing it', async () => {
    const error = await expectRejected(' '.repeat(MAX_IMPORT_BYTES + 1), EMPTY);
    expect(error.message).toContain('larger than 50 MB');
  });

  it('property: any JSON value that is not an export is refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        await expectRejected(JSON.stringify(value), EMPTY);
      }),
      { numRuns: 150 },
    );
  });

  it('property: a valid file cut off anywhere is refused', async () => {
    await seed();
    const text = JSON.stringify(await exportAll());
    await deleteAll();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: text.length - 1 }), async (cut) => {
        await expectRejected(text.slice(0, cut), EMPTY);
      }),
      { numRuns: 100 },
    );
  });

  it('property: a prototype-polluting key anywhere in the file is refused', async () => {
    await seed();
    const text = JSON.stringify(await exportAll());
    await deleteAll();
    // Insert the key right after any opening brace of the JSON text.
    const braces = [...text.matchAll(/\{/g)].map((m) => m.index);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...braces), fc.constantFrom('__proto__', 'constructor', 'prototype'), async (at, key) => {
        const hostile = `${text.slice(0, at + 1)}"${key}":{"polluted":true},${text.slice(at + 1)}`;
        const error = await expectRejected(hostile, EMPTY);
        expect(error.message).toContain(key);
      }),
      { numRuns: 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('property: an over-long string in any text field is refused, never truncated', async () => {
    await seed();
    const file = await exportAll();
    await deleteAll();
    const targets: [table: 'relationships' | 'goals' | 'notes' | 'actions', field: string][] = [
      ['relationships', 'counterpartName'],
      ['relationships', 'statusNote'],
      ['goals', 'title'],
      ['goals', 'why'],
      ['notes', 'summary'],
      ['notes', 'wentWell'],
      ['actions', 'text'],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.integer({ min: 10_001, max: 200_000 }), async ([table, field], length) => {
        const bad = structuredClone(file) as unknown as Record<string, Record<string, unknown>[]>;
        bad[table]![0]![field] = 'x'.repeat(length);
        const error = await expectRejected(JSON.stringify(bad), EMPTY);
        expect(error.issues.some((i) => i.startsWith(`${RECORD[table]} 1`) && i.includes(`: ${fieldWords(field, en)} is too long`))).toBe(
          true,
        );
      }),
      { numRuns: 25 },
    );
  });

  it('property: a wrong type in any field of any record is refused with that field named', async () => {
    await seed();
    const file = await exportAll();
    await deleteAll();
    const tables = ['relationships', 'goals', 'sessions', 'notes', 'actions'] as const;
    const fields = tables.flatMap((table) => Object.keys(file[table][0]!).map((field) => [table, field] as const));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom<unknown>({ nested: 1 }, [1, 2], 'not-this', -1.5, true),
        async ([table, field], value) => {
          const bad = structuredClone(file) as unknown as Record<string, Record<string, unknown>[]>;
          const original = bad[table]![0]![field];
          fc.pre(JSON.stringify(original) !== JSON.stringify(value));
          bad[table]![0]![field] = value;
          let error: unknown = null;
          try {
            parseExportFile(JSON.stringify(bad));
          } catch (e) {
            error = e;
          }
          if (error === null) {
            // Still a valid value for that field (e.g. a different string in free text): it imports.
            await importAll(JSON.stringify(bad));
            await deleteAll();
            return;
          }
          expect(error).toBeInstanceOf(ImportError);
          const issues = (error as ImportError).issues;
          // A schema error names the field itself; a changed id shows up where records point at it.
          const named = issues.some((i) => i.startsWith(`${RECORD[table]} 1`) && i.includes(`: ${fieldWords(field, en)} `));
          const dangling = issues.length > 0 && issues.every((i) => / is not in the file$| same id as an earlier record/.test(i));
          expect(named || dangling, issues.join('; ')).toBe(true);
          await expectRejected(JSON.stringify(bad), EMPTY);
        },
      ),
      { numRuns: 120 },
    );
  });
});
