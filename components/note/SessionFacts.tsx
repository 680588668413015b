import { useT } from '../../lib/hooks/use-settings';
import { STAGE_KEYS, WAY_KEYS } from '../../lib/i18n/labels';
import type { SessionFacts as Facts } from '../../lib/notes/facts';
import type { CueKind, Relationship, Session } from '../../lib/schema';
import { formatDateTime } from '../../lib/format/date';
import { formatDuration, formatSeconds } from '../../lib/format/number';

const VERDICT_KEYS = { below: 'talkBelow', within: 'talkWithin', above: 'talkAbove' } as const;
const CUE_KINDS: readonly CueKind[] = ['open-question', 'monologue', 'timebox', 'wrap-up'];

/** What the session was, prefilled from what Rapport measured: read-only context for the note. */
export function SessionFacts({ session, relationship, facts }: { session: Session; relationship: Relationship; facts: Facts }) {
  const { t, language } = useT();
  const name = relationship.counterpartName;
  const cues = CUE_KINDS.filter((k) => (facts.cues[k] ?? 0) > 0);
  return (
    <section className="card note-facts" aria-labelledby="note-facts-heading">
      <h2 id="note-facts-heading">{t('note', 'factsHeading')}</h2>
      <dl className="note-dl">
        <dt>{t('note', 'factsDate')}</dt>
        <dd>{formatDateTime(session.startedAt, language)}</dd>
        <dt>{t('note', 'factsPlatform')}</dt>
        <dd>
          {t('note', `platform.${session.platform}`)}
          {session.platform === 'manual' ? ` (${t('common', WAY_KEYS[session.wayOfMeeting])})` : ''}
        </dd>
        {facts.durationMs !== null && (
          <>
            <dt>{t('note', 'factsDuration')}</dt>
            <dd>{formatDuration(facts.durationMs)}</dd>
          </>
        )}
        <dt>{t('note', 'factsStage')}</dt>
        <dd>{t('common', STAGE_KEYS[session.stage])}</dd>
      </dl>

      <h3>{t('note', 'agendaHeading')}</h3>
      <AgendaFacts agenda={facts.agenda} />

      <h3>{t('note', 'talkHeading')}</h3>
      <TalkFacts talk={facts.talk} name={name} />

      <h3>{t('note', 'cuesHeading')}</h3>
      {cues.length === 0 ? (
        <p className="muted">{t('note', 'cuesNone')}</p>
      ) : (
        <p>{cues.map((k) => t('note', `cue.${k}`, { n: facts.cues[k] ?? 0 })).join(' · ')}</p>
      )}
    </section>
  );
}

/** The agenda as the session left it: each item done or not, and its time against its box. */
function AgendaFacts({ agenda }: { agenda: Facts['agenda'] }) {
  const { t } = useT();
  if (agenda.length === 0) return <p className="muted">{t('note', 'agendaEmpty')}</p>;
  return (
    <ul className="note-agenda">
      {agenda.map((item, i) => (
        <li key={i}>
          <span aria-hidden="true" className={item.done ? 'note-done' : 'note-not-done'}>
            {item.done ? '✓' : '○'}
          </span>{' '}
          <span>{item.title}</span> <span className="sr-only">({t('note', item.done ? 'agendaDone' : 'agendaNotDone')})</span>
          <span className={`note-agenda-time ${item.spentMs > item.timeboxMin * 60_000 ? 'note-over' : 'muted'}`}>
            {t('note', 'agendaSpent', { spent: Math.round(item.spentMs / 60_000), box: item.timeboxMin })}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The talk balance against the target, the longest monologues and the response gaps. */
function TalkFacts({ talk, name }: { talk: Facts['talk']; name: string }) {
  const { t, language } = useT();
  const gap = (ms: number | null) => (ms === null ? t('note', 'notAvailable') : formatSeconds(ms, language));
  if (talk === null) return <p className="muted">{t('note', 'talkNone')}</p>;
  return (
    <div className="stack">
      {talk.sharePct === null ? (
        <p>{t('note', 'talkNobody')}</p>
      ) : (
        <p>
          {t('note', 'talkShare', { share: talk.sharePct, min: talk.target.min, max: talk.target.max })}
          {talk.verdict && (
            <>
              {' — '}
              <strong className={`note-verdict note-verdict-${talk.verdict}`}>{t('note', VERDICT_KEYS[talk.verdict])}</strong>
            </>
          )}
        </p>
      )}
      <p className="muted">
        {t('note', 'longestMonologue', {
          self: formatDuration(talk.longestMonologueMs.self),
          other: formatDuration(talk.longestMonologueMs.other),
          name,
        })}
      </p>
      <p className="muted">
        {t('note', 'responseGap', {
          self: gap(talk.meanResponseGapMs.self),
          other: gap(talk.meanResponseGapMs.other),
          name,
        })}
      </p>
    </div>
  );
}
