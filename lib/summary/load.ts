import { getDb } from '../db/database';
import { dexieWeekReads } from '../db/summary';
import type { Settings } from '../schema';
import { readWeek } from './read';
import { computeWeekSummary, shiftWeek, weekOf, type Week, type WeekData, type WeekSummary } from './week';

/** What the summary of `week` needs as of `now`, read through Dexie in one read transaction (lib/summary/read.ts). */
export async function loadWeekData(week: Week, now: Date): Promise<WeekData> {
  return inReadTransaction(async () => (await readWeek(dexieWeekReads, now, () => week)).data);
}

const inReadTransaction = <T>(fn: () => Promise<T>): Promise<T> => {
  const db = getDb();
  return db.transaction(
    'r',
    [db.settings, db.relationships, db.sessionDigests, db.goalDigests, db.goals, db.actions, db.openActions, db.notes],
    fn,
  );
};

/** A week's summary with the settings it follows (week start, talk targets, language). */
export type WeekView = { settings: Settings; summary: WeekSummary };

/**
 * The summary of the week `offset` weeks from the one holding `now` (0 this week, -1 last week),
 * the week counted from the stored week start, all read in one transaction with the settings.
 */
export async function loadWeekView(offset: number, now: Date): Promise<WeekView> {
  return inReadTransaction(async () => {
    const pickWeek = (settings: Settings) => shiftWeek(weekOf(now, settings.weekStartsOn), offset, settings.weekStartsOn);
    const { week, settings, data } = await readWeek(dexieWeekReads, now, pickWeek);
    return { settings, summary: computeWeekSummary(data, week, now) };
  });
}

/** The summary of `week` as of `now`. */
export async function loadWeekSummary(week: Week, now: Date): Promise<WeekSummary> {
  return computeWeekSummary(await loadWeekData(week, now), week, now);
}
