import {
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction,
} from 'react';
import { browser } from 'wxt/browser';
import { afterNextPaint } from '../../lib/hooks/after-next-paint';
import { useWeekView } from '../../lib/hooks/use-summary';
import { resolveLanguage, type Language } from '../../lib/i18n/core';
import { createPopupTranslator, type PopupTranslator } from '../../lib/i18n/popup';
import { removePaintedSnapshot, saveSnapshot } from '../../lib/summary/snapshot';
import { OVERDUE_WEEKS, type WeekSummary } from '../../lib/summary/week';
import type { WeekViewResult } from '../../lib/summary/view';
import { ActionList, MAX_OVERDUE_SHOWN } from './ActionList';
import { CompanionButton } from './CompanionButton';
import { FirstSteps } from './FirstSteps';
import { weekNumber, weekRangeLabel } from './format';
import { GoalsMoved } from './GoalsMoved';
import { NotesToWrite } from './NotesToWrite';
import { minutesText, RelationshipCard } from './RelationshipCard';
import './popup.css';

/** "Needs attention" reads through Dexie: a chunk of its own, loaded once the summary is painted. */
const HealthSection = lazy(() => import('./HealthSection'));

/** Set once the first full summary is on screen; the summary benchmark reads it. */
export const RENDERED_MARK = 'rapport:summary-rendered';

/** The toolbar popup: the week of mentoring at a glance, with previous/next week navigation. */
export function WeeklySummary() {
  const [offset, setOffset] = useState(0);
  // The settings come with the summary (one read): language and week start are known at the first view.
  const view = useWeekView(offset);
  const result = view?.result;
  const language = resolveLanguage(view?.settings?.language ?? 'auto', navigator.languages);
  const weekStartsOn = view?.settings?.weekStartsOn ?? 1;
  const t = useMemo(() => createPopupTranslator(language), [language]);
  useEffect(() => {
    // Screen readers pick the voice from the document's language.
    document.documentElement.lang = language;
    document.title = `Rapport – ${t('popup', 'thisWeek')}`;
  }, [language, t]);
  const mainRef = useRef<HTMLElement>(null);
  useSummaryShown(result, offset, t, mainRef);

  const summary = result?.ok ? result.summary : undefined;
  return (
    <main className="popup" aria-busy={result === undefined} ref={mainRef}>
      <WeekHeader summary={summary} offset={offset} setOffset={setOffset} t={t} language={language} weekStartsOn={weekStartsOn} />
      {offset !== 0 ? (
        <button type="button" className="link-button" onClick={() => setOffset(0)}>
          {t('popup', 'backToThisWeek')}
        </button>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="banner error">
          {t('popup', 'loadFailed', { error: result.error })}
        </p>
      ) : null}
      {summary ? <SummaryBody summary={summary} t={t} language={language} /> : null}
      <footer className="popup-foot row">
        <CompanionButton t={t} />
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup', 'openOptions')}
        </button>
      </footer>
    </main>
  );
}

/**
 * What follows the summary's first full view: the snapshot painted at the last opening goes, this
 * week's view is saved for the next opening, and the benchmarks' marks are set.
 */
function useSummaryShown(
  result: WeekViewResult['result'] | undefined,
  offset: number,
  t: PopupTranslator,
  mainRef: RefObject<HTMLElement | null>,
): void {
  const committed = useRef(false);
  useLayoutEffect(() => {
    if (!result?.ok || committed.current) return;
    committed.current = true;
    performance.mark('rapport:summary-committed');
    // The fresh view replaces the last one painted from the snapshot, in the same frame.
    removePaintedSnapshot(document);
  }, [result]);
  useEffect(() => {
    if (!result?.ok || offset !== 0) return;
    // This week's view, as shown (and once more after "Needs attention" has loaded and the user
    // has had a moment), for the next opening to paint at once.
    const week = result.summary.week;
    const save = () => {
      if (!mainRef.current) return;
      // A copy without ids and test ids: it never stands in for the live elements (tests, labels).
      const copy = mainRef.current.cloneNode(true) as HTMLElement;
      for (const el of [copy, ...copy.querySelectorAll('[id], [data-testid]')]) {
        el.removeAttribute('id');
        el.removeAttribute('data-testid');
      }
      saveSnapshot(localStorage, {
        html: copy.outerHTML,
        savedAt: Date.now(),
        validUntil: week.end.getTime(),
        staleLabel: t('popup', 'snapshotStale'),
      });
    };
    const cancelPaint = afterNextPaint(save);
    const later = setTimeout(save, 2000);
    return () => {
      cancelPaint();
      clearTimeout(later);
    };
  }, [result, offset, t, mainRef]);
  const marked = useRef(false);
  useEffect(() => {
    if (!result?.ok || marked.current) return;
    // On screen means painted: mark after the frame that shows it, not when React commits it.
    return afterNextPaint(() => {
      marked.current = true;
      performance.mark(RENDERED_MARK);
    });
  }, [result]);
}

/** The week shown (this week, last week or its number, and its days) and the buttons to move between weeks. */
function WeekHeader(props: {
  summary: WeekSummary | undefined;
  offset: number;
  setOffset: Dispatch<SetStateAction<number>>;
  t: PopupTranslator;
  language: Language;
  weekStartsOn: 0 | 1 | 6;
}) {
  const { summary, offset, setOffset, t, language, weekStartsOn } = props;
  const heading = offset === 0 ? t('popup', 'thisWeek') : offset === -1 ? t('popup', 'lastWeek') : null;
  return (
    <header className="popup-head">
      <div>
        <p className="muted small eyebrow">{t('popup', 'title')}</p>
        <h1 data-testid="week-heading">
          {summary ? (heading ?? t('popup', 'weekNumber', { n: weekNumber(summary.week, weekStartsOn) })) : t('common', 'loading')}
        </h1>
        {summary ? (
          <p className="muted small" data-testid="week-range">
            {heading ? `${t('popup', 'weekNumber', { n: weekNumber(summary.week, weekStartsOn) })} · ` : ''}
            {weekRangeLabel(summary.week, language)}
          </p>
        ) : null}
      </div>
      <nav className="week-nav" aria-label={t('popup', 'weekNav')}>
        <button
          type="button"
          onClick={() => setOffset((o) => o - 1)}
          aria-label={t('popup', 'previousWeek')}
          title={t('popup', 'previousWeek')}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button type="button" onClick={() => setOffset((o) => o + 1)} aria-label={t('popup', 'nextWeek')} title={t('popup', 'nextWeek')}>
          <span aria-hidden="true">›</span>
        </button>
      </nav>
    </header>
  );
}

function SummaryBody({ summary, t, language }: { summary: WeekSummary; t: PopupTranslator; language: Language }) {
  // Health is about now, so it shows with the current week. It reads a relationship's whole
  // history, so it starts once the summary has been painted rather than competing with it.
  const [painted, setPainted] = useState(false);
  useEffect(() => afterNextPaint(() => setPainted(true)), []);
  if (summary.isNewUser) return <FirstSteps t={t} />;
  const overdueShown = summary.overdue.slice(0, MAX_OVERDUE_SHOWN);
  const hidden = summary.overdue.length - overdueShown.length;
  const quiet = summary.totals.sessions === 0 && summary.dueThisWeek.length === 0 && summary.goalsMoved.length === 0;
  return (
    <>
      <section className="totals" aria-label={t('popup', 'heldLabel')}>
        <div className="stat">
          <span className="stat-value" data-testid="total-sessions">
            {summary.totals.sessions}
          </span>
          <span className="stat-label">{t('popup', 'heldLabel')}</span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="total-time">
            {minutesText(t, summary.totals.minutes)}
          </span>
          <span className="stat-label">{t('popup', 'timeLabel')}</span>
        </div>
      </section>
      {quiet ? <p className="muted">{t('popup', 'emptyWeek')}</p> : null}
      {summary.notesToWrite.length > 0 ? <NotesToWrite notes={summary.notesToWrite} t={t} language={language} /> : null}
      {summary.isCurrent && painted ? (
        <Suspense fallback={null}>
          <HealthSection language={language} />
        </Suspense>
      ) : null}
      {summary.relationships.length > 0 ? (
        <section className="section" aria-labelledby="rel-heading">
          <h2 id="rel-heading">{t('popup', 'relationshipsHeading')}</h2>
          <ul className="plain-list">
            {summary.relationships.map((rel) => (
              <RelationshipCard key={rel.id} rel={rel} t={t} language={language} />
            ))}
          </ul>
        </section>
      ) : null}
      <section className="section" aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('popup', 'actionsHeading')}</h2>
        <h3>
          {t('popup', 'dueThisWeek')} <span className="count">{summary.dueThisWeek.length}</span>
        </h3>
        {summary.dueThisWeek.length > 0 ? (
          <ActionList items={summary.dueThisWeek} t={t} language={language} testId="actions-due" />
        ) : (
          <p className="muted small">{t('popup', 'noActionsDue')}</p>
        )}
        {summary.overdue.length > 0 ? (
          <>
            <h3 className="warn-text">
              {t('popup', 'overdueHeading')} <span className="count">{summary.overdue.length}</span>
            </h3>
            <ActionList items={overdueShown} t={t} language={language} testId="actions-overdue" />
            {hidden > 0 ? <p className="muted small">{t('popup', 'moreOverdue', { n: hidden })}</p> : null}
            <p className="muted small">{t('popup', 'overdueWindow', { weeks: OVERDUE_WEEKS })}</p>
          </>
        ) : null}
      </section>
      {summary.goalsMoved.length > 0 ? <GoalsMoved goals={summary.goalsMoved} t={t} /> : null}
    </>
  );
}
