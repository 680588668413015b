import { useRelationshipDetail } from '../../lib/hooks/use-relationship-detail';
import { useT } from '../../lib/hooks/use-settings';
import { AgendaEditor } from './AgendaEditor';
import { CadencePanel } from './CadencePanel';
import { GoalsPanel } from './GoalsPanel';
import { HealthPanel } from './HealthPanel';
import { SessionsPanel } from './SessionsPanel';
import { StatusPanel } from './StatusPanel';
import { formatDate } from '../../lib/format/date';
import { fromDateOnly } from '../../lib/schema/date-only';
import { STATUS_KEYS, TYPE_KEYS, WAY_KEYS } from '../../lib/i18n/labels';
import type { Route } from './route';

/** Everything about one relationship: health, cadence, next agenda, development plan, sessions, agreement, status. */
export function RelationshipView({ id, go }: { id: string; go: (route: Route) => void }) {
  const { t, language } = useT();
  const history = useRelationshipDetail(id);
  if (history === undefined) return <p className="muted">{t('common', 'loading')}</p>;
  if (history === null)
    return (
      <div className="banner warn" role="alert">
        {t('options', 'relationshipMissing')}{' '}
        <button type="button" onClick={() => go({ page: 'list' })}>
          {t('options', 'backToList')}
        </button>
      </div>
    );
  const r = history.relationship;
  const { agreement } = r;

  return (
    <article aria-labelledby="relationship-title">
      <div className="row spread detail-head">
        <div>
          <h2 id="relationship-title">{r.counterpartName}</h2>
          <p className="muted">
            {t('options', r.myRole === 'mentor' ? 'youMentor' : 'youMentee')} · {t('options', TYPE_KEYS[r.type])} ·{' '}
            {t('options', r.mentorOrigin === 'internal' ? 'originInternal' : 'originExternal')} ·{' '}
            {t('options', 'since', { date: formatDate(fromDateOnly(r.startDate), language) })} ·{' '}
            {t('options', 'termOf', { n: r.termMonths })} ·{' '}
            <span className={`status status-${r.status}`}>{t('options', STATUS_KEYS[r.status])}</span>
          </p>
        </div>
        <div className="row">
          <button type="button" onClick={() => go({ page: 'list' })}>
            {t('options', 'backToList')}
          </button>
          <button type="button" className="primary" onClick={() => go({ page: 'edit', id })}>
            {t('options', 'editRelationship')}
          </button>
        </div>
      </div>

      <div className="columns">
        <div>
          <HealthPanel history={history} />
          <CadencePanel relationship={r} sessions={history.sessions} />
          <AgendaEditor history={history} />
        </div>
        <div>
          <GoalsPanel relationship={r} goals={history.goals} />
        </div>
      </div>
      <SessionsPanel history={history} />

      <section className="card" aria-labelledby="agreement-title">
        <h3 id="agreement-title">{t('options', 'sectionAgreement')}</h3>
        <dl className="facts">
          <dt>{t('options', 'confidentiality')}</dt>
          <dd>{agreement.confidentiality || <span className="muted">{t('options', 'notAgreedYet')}</span>}</dd>
          <dt>{t('options', 'factBoundaries')}</dt>
          <dd>{agreement.boundaries || <span className="muted">{t('options', 'notAgreedYet')}</span>}</dd>
          <dt>{t('options', 'waysOfMeeting')}</dt>
          <dd>{agreement.waysOfMeeting.map((w) => t('common', WAY_KEYS[w])).join(', ')}</dd>
          <dt>{t('options', 'factUsualLength')}</dt>
          <dd>{t('common', 'minutes', { n: agreement.usualLengthMin })}</dd>
          <dt>{t('options', 'meetingLinks')}</dt>
          <dd>{r.meetingLinks.length > 0 ? r.meetingLinks.join(', ') : <span className="muted">{t('options', 'noLinks')}</span>}</dd>
          <dt>{t('options', 'talkTarget')}</dt>
          <dd>{r.targetShare ? `${r.targetShare.min}–${r.targetShare.max} %` : t('options', 'talkTargetDefault')}</dd>
        </dl>
      </section>

      <StatusPanel relationship={r} onDeleted={() => go({ page: 'list' })} />
    </article>
  );
}
