import type { PopupTranslator } from '../../lib/i18n/popup';
import type { Balance, RelationshipWeek } from '../../lib/summary/week';
import { TalkTrend } from '../charts/TalkTrend';
import { formatDay } from '../../lib/format/date';
import type { Language } from '../../lib/i18n/core';

const BALANCE_KEY: Record<Exclude<Balance, 'unmeasured'>, 'balanceWithin' | 'balanceAbove' | 'balanceBelow'> = {
  within: 'balanceWithin',
  above: 'balanceAbove',
  below: 'balanceBelow',
};

/** "45 min" or "2 h 5 min". */
export function minutesText(t: PopupTranslator, minutes: number): string {
  if (minutes < 60) return t('common', 'minutes', { n: minutes });
  return t('popup', 'hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function sessionsText(t: PopupTranslator, n: number): string {
  return n === 0 ? t('popup', 'noSessions') : n === 1 ? t('popup', 'sessionsOne') : t('popup', 'sessionsMany', { n });
}

/** One relationship's week: sessions and time, talk balance against its target with the 8-week trend, cadence, next meeting. */
export function RelationshipCard({ rel, t, language }: { rel: RelationshipWeek; t: PopupTranslator; language: Language }) {
  const role = rel.myRole === 'mentor' ? t('popup', 'youMentor') : t('popup', 'youAreMentee');
  const status = rel.status === 'paused' ? t('popup', 'relPaused') : rel.status === 'active' ? null : t('popup', 'relEnded');
  const targetText = t('popup', rel.ownTarget ? 'talkTargetOwn' : 'talkTarget', { min: rel.target.min, max: rel.target.max });
  const trendPoints = rel.trend
    .map((p) =>
      t('popup', 'trendWeekPoint', {
        date: formatDay(p.weekStart, language),
        value: p.share === null ? t('popup', 'trendNoData') : `${Math.round(p.share)} %`,
      }),
    )
    .join('; ');
  const behind = rel.held < rel.planned;
  const headingId = `rel-${rel.id}`;
  return (
    <li className="card rel-card" aria-labelledby={headingId} data-testid="relationship">
      <div className="rel-head">
        <h3 id={headingId}>
          {rel.name} <span className="muted rel-role">— {role}</span>
          {status ? <span className="tag">{status}</span> : null}
        </h3>
        <span className="rel-sessions" data-testid="rel-sessions">
          {sessionsText(t, rel.sessions)}
          {rel.sessions > 0 ? ` · ${minutesText(t, rel.minutes)}` : ''}
        </span>
      </div>
      <div className="rel-talk">
        <div>
          {rel.share === null ? (
            <p className="muted">
              {t('popup', 'talkUnmeasured')}
              <br />
              <span className="small">{targetText}</span>
            </p>
          ) : (
            <p>
              <strong>{t('popup', 'talkYou', { share: Math.round(rel.share) })}</strong> <span className="muted">· {targetText}</span>
              <br />
              <span className={`balance ${rel.balance}`} data-testid="balance">
                <span aria-hidden="true">{rel.balance === 'within' ? '✓ ' : '! '}</span>
                {t('popup', BALANCE_KEY[rel.balance as Exclude<Balance, 'unmeasured'>])}
              </span>
            </p>
          )}
        </div>
        <figure className="rel-trend">
          <TalkTrend
            points={rel.trend.map((p) => ({ key: p.weekStart, share: p.share }))}
            target={rel.target}
            label={t('popup', 'trendSummary', { min: rel.target.min, max: rel.target.max, points: trendPoints })}
          />
          <figcaption className="small muted" aria-hidden="true">
            {t('popup', 'trendLabel')}
          </figcaption>
        </figure>
      </div>
      <p className="rel-cadence small">
        {rel.status === 'active' ? (
          <span className={behind ? 'warn-text' : undefined}>
            {t('popup', behind ? 'plannedHeldBehind' : 'plannedHeld', { planned: rel.planned, held: rel.held })}
          </span>
        ) : null}
        {rel.next ? (
          <span className={rel.next.late ? 'warn-text' : undefined} data-testid="next-meeting">
            {t('popup', rel.next.late ? 'nextLate' : rel.next.source === 'agreed' ? 'nextAgreed' : 'nextSuggested', {
              date: formatDay(rel.next.at, language),
            })}
            {rel.agendaPrepared && ` · ${t('popup', 'nextAgendaReady')}`}
          </span>
        ) : null}
      </p>
    </li>
  );
}
