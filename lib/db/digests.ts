import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import type { Action, Goal, Session, TalkStats } from '../schema';

/**
 * Small derived copies of records that the weekly summary reads instead of the records
 * themselves: a session record carries its agenda, cues and a per-minute talk timeline, so
 * reading a few hundred of them costs the popup more than its whole time budget; goals cannot be
 * found by when they moved without reading all of them; and IndexedDB cannot index a boolean,
 * so open actions could only be found among every action due in a range, most of them done.
 *
 * The digests are never written by hand. A Dexie middleware (below) writes them in the same
 * IndexedDB transaction as every change to `sessions`, `goals` or `actions` — add, put, delete,
 * clear, bulk or single — so they cannot drift from the records, and nothing outside lib/db
 * needs to know they exist. They are not exported or imported: an import writes the records,
 * and the middleware derives the digests from them. Version 2 of the database fills them from
 * existing records (lib/db/database.ts).
 */

/** What the summary and the health rules read of a held session. */
export type SessionDigest = Pick<
  Session,
  'id' | 'relationshipId' | 'status' | 'stage' | 'startedAt' | 'endedAt' | 'lastSavedAt' | 'pausedMs'
> & {
  /** The talk totals only (no timeline or metrics); null when nothing was measured. */
  talk: Pick<TalkStats, 'selfTalkMs' | 'otherTalkMs' | 'selfShare'> | null;
};

/** When a goal moved: one entry per history entry, for the multi-entry `historyAt` index. */
export type GoalDigest = { id: string; relationshipId: string; historyAt: number[] };

/** Statuses of a session that has been held (lib/mentoring/cadence.ts heldSessions); a live one has no digest. */
const HELD = new Set<Session['status']>(['ended', 'noted', 'interrupted', 'skipped']);

/** The digest of a session, or null while it is live (live sessions count nowhere in the summary). */
export function sessionDigestOf(s: Session): SessionDigest | null {
  if (!HELD.has(s.status)) return null;
  return {
    id: s.id,
    relationshipId: s.relationshipId,
    status: s.status,
    stage: s.stage,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    lastSavedAt: s.lastSavedAt,
    pausedMs: s.pausedMs,
    talk: s.talk ? { selfTalkMs: s.talk.selfTalkMs, otherTalkMs: s.talk.otherTalkMs, selfShare: s.talk.selfShare } : null,
  };
}

export function goalDigestOf(g: Goal): GoalDigest {
  return { id: g.id, relationshipId: g.relationshipId, historyAt: g.history.map((h) => h.at) };
}

/** An open action is copied whole into `openActions` (a sparse set: ticking it done removes the copy). */
export function openActionOf(a: Action): Action | null {
  return a.done ? null : a;
}

/** Source table → its digest table and how a record becomes a digest (null: no digest). */
const DIGESTS = {
  sessions: { table: 'sessionDigests', of: sessionDigestOf as (record: unknown) => object | null },
  goals: { table: 'goalDigests', of: goalDigestOf as (record: unknown) => object | null },
  actions: { table: 'openActions', of: openActionOf as (record: unknown) => object | null },
} as const;

type Source = keyof typeof DIGESTS;
const isSource = (name: string): name is Source => name in DIGESTS;

function mirror(down: DBCore, source: Source, table: DBCoreTable): DBCoreTable {
  const { table: digestName, of } = DIGESTS[source];
  return {
    ...table,
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      const res = await table.mutate(req);
      const digests = down.table(digestName);
      if (req.type === 'deleteRange') {
        // Same primary keys as the source table, so the same range.
        await digests.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
      } else if (req.type === 'delete') {
        await digests.mutate({ type: 'delete', trans: req.trans, keys: req.keys });
      } else {
        const put: object[] = [];
        const drop: unknown[] = [];
        req.values.forEach((value, i) => {
          if (res.failures[i]) return; // not written, so nothing to mirror
          const digest = of(value);
          if (digest) put.push(digest);
          else drop.push(res.results?.[i] ?? (value as { id: unknown }).id);
        });
        if (put.length > 0) await digests.mutate({ type: 'put', trans: req.trans, values: put });
        if (drop.length > 0) await digests.mutate({ type: 'delete', trans: req.trans, keys: drop });
      }
      return res;
    },
  };
}

/**
 * Keeps the digest tables in step with `sessions`, `goals` and `actions`: every read-write transaction that
 * includes a source table also includes its digest table, and every change to a source is
 * repeated on its digest in that transaction (so an aborted transaction leaves neither).
 */
export const digestMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'RapportDigests',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const extra = mode === 'readwrite' ? stores.filter(isSource).map((s) => DIGESTS[s].table) : [];
        const scope = extra.length > 0 ? [...new Set([...stores, ...extra])] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return isSource(name) ? mirror(down, name, table) : table;
      },
    };
  },
};
