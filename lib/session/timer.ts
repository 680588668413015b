import type { AgendaItem, Session } from '../schema';

/** Timer time of a session at `now`: wall time since start minus pauses. */
export function elapsedMs(session: Pick<Session, 'startedAt' | 'pausedMs' | 'pausedAt' | 'endedAt'>, now: number): number {
  const end = session.endedAt ?? now;
  const pausedNow = session.pausedAt !== null ? Math.max(0, end - session.pausedAt) : 0;
  return Math.max(0, end - session.startedAt - session.pausedMs - pausedNow);
}

/** Time spent on an agenda item, counting the running stretch when it is the current one. */
export function itemSpentMs(
  session: Pick<Session, 'agenda' | 'currentItem' | 'currentItemSince' | 'pausedAt'>,
  index: number,
  now: number,
): number {
  const item = session.agenda[index];
  if (!item) return 0;
  if (index !== session.currentItem || session.currentItemSince === null) return item.spentMs;
  const until = session.pausedAt ?? now;
  return item.spentMs + Math.max(0, until - session.currentItemSince);
}

/**
 * Makes item `to` current: the running stretch is added to the old current item. Returns the
 * changes to write (agenda, currentItem, currentItemSince).
 */
export function moveToItem(
  session: Pick<Session, 'agenda' | 'currentItem' | 'currentItemSince' | 'pausedAt'>,
  to: number,
  now: number,
  markDone = false,
): Pick<Session, 'agenda' | 'currentItem' | 'currentItemSince'> {
  const agenda: AgendaItem[] = session.agenda.map((item, i) =>
    i === session.currentItem ? { ...item, spentMs: itemSpentMs(session, i, now), done: markDone ? true : item.done } : item,
  );
  const clamped = Math.max(0, Math.min(to, Math.max(0, agenda.length - 1)));
  return { agenda, currentItem: clamped, currentItemSince: session.pausedAt ?? now };
}

/** The next item after the current one that is not done yet (or the current one when none is). */
export function nextOpenItem(agenda: readonly AgendaItem[], current: number): number {
  for (let i = current + 1; i < agenda.length; i++) if (!agenda[i]!.done) return i;
  for (let i = 0; i < current; i++) if (!agenda[i]!.done) return i;
  return current;
}

/** mm:ss or h:mm:ss, with a minus sign for overtime. */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${sign}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
