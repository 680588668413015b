import { useT } from '../../lib/hooks/use-settings';
import { STAGE_KEYS, WAY_KEYS } from '../../lib/i18n/labels';
import type { SessionFacts as Facts } from '../../lib/notes/facts';
import type { CueKind, Relationship, Session } from '../../lib/schema';
import { formatDateTime } from '../../lib/format/date';
import { formatDuration, formatSeconds } from '../../lib/format/number';

const CUE_KINDS: readonly CueKind[] = ['open-question', 'monologue', 'timebox', 'wrap-up'];

/** What the session was, prefilled from what Rapport measured: read-only context for the note. */
export function SessionFacts({ session, relationship, facts }: { session: Session; relationship: Relationship; facts: Facts }) {
  const { t, language } = useT();
  const name = relationship.counterpartName;
  const verdictKey = { below: 'talkBelow', within: 'talkWithin', above: 'talkAbove' } as const;
  const cues = CUE_KINDS.filter((k) => (facts.cues[k] ?? 0) > 0);
  const gap = (ms: number | null) => (ms === null ? t('note', 'notAvailable') : formatSeconds(ms, language));
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
      {facts.agenda.length === 0 ? (
        <p className="muted">{t('note', 'agendaEmpty')}</p>
      ) : (
        <ul className="note-agenda">
          {facts.agenda.map((item, i) => (
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
      )}

      <h3>{t('note', 'talkHeading')}</h3>
      {facts.talk === null ? (
        <p className="muted">{t('note', 'talkNone')}</p>
      ) : (
        <div className="stack">
          {facts.talk.sharePct === null ? (
            <p>{t('note', 'talkNobody')}</p>
          ) : (
            <p>
              {t('note', 'talkShare', { share: facts.talk.sharePct, min: facts.talk.target.min, max: facts.talk.target.max })}
              {facts.talk.verdict && (
                <>
                  {' — '}
                  <strong className={`note-verdict note-verdict-${facts.talk.verdict}`}>{t('note', verdictKey[facts.talk.verdict])}</strong>
                </>
              )}
            </p>
          )}
          <p className="muted">
            {t('note', 'longestMonologue', {
              self: formatDuration(facts.talk.longestMonologueMs.self),
              other: formatDuration(facts.talk.longestMonologueMs.other),
              name,
            })}
          </p>
          <p className="muted">
            {t('note', 'responseGap', {
              self: gap(facts.talk.meanResponseGapMs.self),
              other: gap(facts.talk.meanResponseGapMs.other),
              name,
            })}
          </p>
        </div>
      )}

      <h3>{t('note', 'cuesHeading')}</h3>
      {cues.length === 0 ? (
        <p className="muted">{t('note', 'cuesNone')}</p>
      ) : (
        <p>{cues.map((k) => t('note', `cue.${k}`, { n: facts.cues[k] ?? 0 })).join(' · ')}</p>
      )}
    </section>
  );
}
