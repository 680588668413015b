import { useCallback, useEffect, useMemo, useState } from 'react';
import { updateSession } from '../../lib/db/sessions';
import { saveSettings } from '../../lib/db/settings';
import {
  useActiveRelationships,
  useCallStatus,
  useCompanionTab,
  useLiveInfo,
  useLiveSession,
  useNotePromptRequests,
  useNotesToWrite,
  useNow,
  useRelationshipWithGoals,
} from '../../lib/hooks/use-companion';
import { useSettings, useT } from '../../lib/hooks/use-settings';
import { dueCues, type Cue } from '../../lib/mentoring/cues';
import { send, type CallStatus, type LiveInfo, type UiToBackground } from '../../lib/messaging';
import { adapterFor } from '../../lib/platforms/registry';
import { formatDateTime } from '../../lib/format/date';
import type { Role, Session } from '../../lib/schema';
import { linkSessionToRelationship } from '../../lib/session-store/link';
import { elapsedMs, itemSpentMs } from '../../lib/session/timer';
import { NotePrompt } from '../note/NotePrompt';
import { AgendaList } from './AgendaList';
import { ChannelHealth } from './ChannelHealth';
import { ComingSession } from './ComingSession';
import { OtherSite } from './OtherSite';
import { Cues } from './Cues';
import { TabCaptureOffer } from './TabCapture';
import { RelationshipHeader } from './RelationshipHeader';
import { TalkBalance } from './TalkBalance';
import { Timer } from './Timer';
import './sidepanel.css';

const CUE_VISIBLE_MS = 3 * 60_000;

async function ask(message: UiToBackground): Promise<void> {
  const reply = await send(message);
  // The background answers every request; a missing answer changed nothing, as before.
  if (!reply.ok && reply.code !== 'no-answer') throw new Error(reply.error);
}

/** The call companion beside a call tab: the live session, or what to do when there is none. */
export function SidePanel() {
  const { tabId, url } = useCompanionTab();
  const session = useLiveSession(tabId);
  const [noteFor, setNoteFor] = useState<string | null>(null);
  const [lastLive, setLastLive] = useState<string | null>(null);
  const onNoteRequest = useCallback((id: string) => setNoteFor(id), []);
  useNotePromptRequests(onNoteRequest);

  // When this tab's live session ends while the panel watches, switch to its note (adjusting
  // state during render, as React recommends for state derived from a changed input).
  if (session && session.id !== lastLive) setLastLive(session.id);
  if (session === null && lastLive) {
    setLastLive(null);
    setNoteFor((current) => current ?? lastLive);
  }

  if (noteFor) {
    return (
      <main className="sidepanel">
        <NotePrompt sessionId={noteFor} onDone={() => setNoteFor(null)} />
      </main>
    );
  }
  if (session === undefined) return <main className="sidepanel" aria-busy="true" />;
  return (
    <main className="sidepanel">
      {session ? <LiveSession session={session} tabId={tabId!} /> : <NoCall url={url} tabId={tabId} onWrite={setNoteFor} />}
    </main>
  );
}

function NoCall({ url, tabId, onWrite }: { url: string | null; tabId: number | null; onWrite: (sessionId: string) => void }) {
  const { t, language } = useT();
  const notes = useNotesToWrite();
  const parsed = url ? URL.parse(url) : null;
  const adapter = parsed ? adapterFor(parsed) : null;
  const status = useCallStatus(tabId);
  return (
    <>
      <h1>{t('common', 'appName')}</h1>
      <CallStatusBanner status={status} site={adapter?.name ?? ''} />
      <section className="card">
        {status !== null && status !== 'no-call' ? null : adapter ? (
          <p data-testid="ready">{t('sidepanel', 'readyOnSite', { site: t('note', `platform.${adapter.id}`) })}</p>
        ) : (
          <p data-testid="no-call">{t('sidepanel', 'noCallHere')}</p>
        )}
        <p className="muted small">{t('sidepanel', 'privacyLine')}</p>
      </section>
      {adapter && url && <ComingSession url={url} />}
      {!adapter && url && <OtherSite url={url} tabId={tabId} />}
      {notes.length > 0 && (
        <section className="card" aria-labelledby="notes-heading">
          <h2 id="notes-heading">{t('sidepanel', 'notesToWrite', { n: notes.length })}</h2>
          <ul className="plain">
            {notes.slice(0, 5).map((s) => (
              <li key={s.id} className="row spread">
                <span>{formatDateTime(s.startedAt, language)}</span>
                <button type="button" onClick={() => onWrite(s.id)}>
                  {t('sidepanel', 'writeNote')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Never silent: what the call tab shows while no session runs, with the one thing to do about it. */
function CallStatusBanner({ status, site }: { status: CallStatus | null; site: string }) {
  const { t } = useT();
  if (status === null || status === 'no-call') return null;
  const text = {
    waiting: t('sidepanel', 'callWaiting'),
    'joined-no-media': t('sidepanel', 'callNoMedia'),
    unrecognised: t('sidepanel', 'callUnrecognised', { site }),
    guessing: t('sidepanel', 'callGuessing', { site }),
  }[status];
  return (
    <p
      className={`banner ${status === 'waiting' || status === 'joined-no-media' ? 'info' : 'warn'}`}
      role="status"
      data-testid={`call-${status}`}
    >
      {text}
    </p>
  );
}

/** The talk figures the session stored, standing in until live ones arrive (panel just opened, or updates paused). */
function storedLive(session: Session): LiveInfo | null {
  if (!session.talk) return null;
  return {
    stats: session.talk,
    recent: { selfMs: 0, otherMs: 0, selfShare: null },
    currentSpeaker: 'none',
    selfMuted: false,
    health: { self: { state: 'missing', silentForMs: 0 }, other: { state: 'missing', silentForMs: 0 } },
    detection: 'adapter',
    warning: null,
    model: 'loading',
  };
}

/**
 * The cues to show now: computed from the live figures, each written to the session once when it
 * falls due, and shown for three minutes unless dismissed.
 */
function useVisibleCues(session: Session, info: LiveInfo | null, role: Role | null, now: number, dismissed: ReadonlySet<string>): Cue[] {
  const settings = useSettings();
  const elapsed = elapsedMs(session, now);
  const current = session.agenda[session.currentItem];
  const cueInput = {
    role,
    elapsedMs: elapsed,
    plannedMs: session.plannedLengthMin * 60_000,
    recentSelfShare: info?.recent.selfShare ?? null,
    recentTalkMs: (info?.recent.selfMs ?? 0) + (info?.recent.otherMs ?? 0),
    longestSelfMonologueMs: info?.stats.metrics.longestMonologueMs.self ?? 0,
    currentItemOverMs: current ? itemSpentMs(session, session.currentItem, now) - current.timeboxMin * 60_000 : -1,
    currentItemId: current?.id ?? null,
    wrapUpDone: session.agenda.length === 0 || session.agenda[session.agenda.length - 1]!.done,
  };
  const shownKeys = useMemo(() => new Set(session.cuesShown.map((c) => c.key || c.kind)), [session.cuesShown]);
  const due = settings.cuesEnabled && session.pausedAt === null ? dueCues(cueInput, shownKeys) : [];
  const dueKey = due.map((c) => c.key).join('|');
  useEffect(() => {
    if (!dueKey) return;
    void updateSession(session.id, {
      cuesShown: [...session.cuesShown, ...due.map((c) => ({ kind: c.kind, key: c.key, atMs: elapsed }))],
    }).catch(() => undefined);
    // Only a new set of due cues should write; the rest is read fresh each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dueKey]);
  return session.cuesShown
    .filter((c) => elapsed - c.atMs < CUE_VISIBLE_MS && !dismissed.has(c.key || c.kind))
    .map((c) => ({ kind: c.kind, key: c.key || c.kind }));
}

/** End the session (the note follows), or discard it after a question. */
function EndOrDiscard({ sessionId, run }: { sessionId: string; run: (p: Promise<unknown>) => void }) {
  const { t } = useT();
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  return (
    <section className="card row spread">
      <button type="button" className="primary" onClick={() => run(ask({ type: 'ui:session.end', sessionId }))}>
        {t('sidepanel', 'endSession')}
      </button>
      {confirmDiscard ? (
        <span className="row">
          <span>{t('sidepanel', 'discardConfirm')}</span>
          <button type="button" className="danger" onClick={() => run(ask({ type: 'ui:session.discard', sessionId }))}>
            {t('sidepanel', 'discardYes')}
          </button>
          <button type="button" onClick={() => setConfirmDiscard(false)}>
            {t('common', 'cancel')}
          </button>
        </span>
      ) : (
        <button type="button" className="danger" onClick={() => setConfirmDiscard(true)}>
          {t('sidepanel', 'discard')}
        </button>
      )}
    </section>
  );
}

function LiveSession({ session, tabId }: { session: Session; tabId: number }) {
  const { t } = useT();
  const now = useNow(1000);
  const settings = useSettings();
  const relationships = useActiveRelationships();
  const withGoals = useRelationshipWithGoals(session.relationshipId);
  const { info, receivedAt } = useLiveInfo(tabId, session.id);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const relationship = withGoals?.relationship ?? null;
  const goals = useMemo(() => withGoals?.goals ?? [], [withGoals]);
  const target = relationship ? (relationship.targetShare ?? settings.targetShare[relationship.myRole]) : null;
  // Prefer live figures; fall back to the stored ones.
  const live = info ?? storedLive(session);
  const stale = info !== null && now - receivedAt > 5000;
  const visibleCues = useVisibleCues(session, info, relationship?.myRole ?? null, now, dismissed);

  const run = (p: Promise<unknown>) =>
    void p.then(() => setError(null)).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  const change = (changes: Partial<Session>) => run(updateSession(session.id, changes));

  return (
    <>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <RelationshipHeader
        session={session}
        relationship={relationship}
        goals={goals}
        relationships={relationships}
        onLink={(id, remember) => run(linkSessionToRelationship(session.id, id, remember))}
      />
      <Cues
        cues={visibleCues}
        onDismiss={(cue) => setDismissed((d) => new Set([...d, cue.key]))}
        onTurnOff={() => run(saveSettings({ cuesEnabled: false }))}
      />
      <Timer session={session} now={now} onPause={(paused) => run(ask({ type: 'ui:session.pause', sessionId: session.id, paused }))} />
      <TalkBalance live={live} target={target} stale={stale} />
      <ChannelHealth
        live={info}
        warning={info?.warning ?? null}
        otherAction={info && <TabCaptureOffer tabId={tabId} sessionId={session.id} live={info} />}
      />
      <AgendaList session={session} goals={goals} now={now} onChange={change} />
      <EndOrDiscard sessionId={session.id} run={run} />
      {!settings.cuesEnabled && (
        <p className="muted small">
          {t('sidepanel', 'cuesOff')}{' '}
          <button type="button" className="link-button" onClick={() => run(saveSettings({ cuesEnabled: true }))}>
            {t('sidepanel', 'turnOnCues')}
          </button>
        </p>
      )}
    </>
  );
}
