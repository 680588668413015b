import { useState } from 'react';
import type { Goal, Relationship, Session } from '../../lib/schema';
import { useT } from '../../lib/hooks/use-settings';
import { STAGE_KEYS } from '../../lib/i18n/labels';
import type { Translator } from '../../lib/i18n';
import { Field } from '../Field';
import { RelationshipOptions } from '../note/LinkSession';

type Props = {
  session: Session;
  relationship: Relationship | null;
  goals: Goal[];
  relationships: Relationship[];
  onLink: (relationshipId: string, rememberLink: boolean) => void;
};

/** Who this call is with, what was agreed, and the open goals; or a picker for an unlinked call. */
export function RelationshipHeader({ session, relationship, goals, relationships, onLink }: Props) {
  const { t } = useT();
  if (!relationship) return <LinkPicker session={session} relationships={relationships} onLink={onLink} />;
  const line = agreementLine(t, relationship);
  return (
    <section className="card" aria-labelledby="rel-heading">
      <h2 id="rel-heading" data-testid="relationship-name">
        {t('sidepanel', relationship.myRole === 'mentor' ? 'withMentee' : 'withMentor', { name: relationship.counterpartName })}
      </h2>
      <p className="muted small">
        {t('common', STAGE_KEYS[session.stage])} · <span title={line}>{line}</span>
      </p>
      {goals.length > 0 ? (
        <>
          <h3>{t('sidepanel', 'openGoals')}</h3>
          <ul className="goals">
            {goals.map((g) => (
              <li key={g.id}>
                <span>{g.title}</span>
                <progress max={100} value={g.progress} aria-label={t('sidepanel', 'goalProgress', { title: g.title, n: g.progress })} />
                <span className="muted small" aria-hidden="true" data-testid="goal-percent">
                  {goalProgressText(t, g)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">{t('sidepanel', 'noOpenGoals')}</p>
      )}
    </section>
  );
}

/** The agreement in one line: what stays confidential, and how long a meeting is. */
export function agreementLine(t: Translator, relationship: Relationship): string {
  const agreement = relationship.agreement;
  return [
    agreement.confidentiality ? t('sidepanel', 'confidential', { text: agreement.confidentiality }) : t('sidepanel', 'noConfidentiality'),
    t('sidepanel', 'agreedLength', { n: agreement.usualLengthMin }),
  ].join(' · ');
}

/** A goal's progress in words: "not started", or its percentage. */
export function goalProgressText(t: Translator, goal: Goal): string {
  return goal.progress === 0 && goal.status === 'not-started'
    ? t('sidepanel', 'goalNotStarted')
    : t('sidepanel', 'goalPercent', { n: goal.progress });
}

/** A call Rapport could not match: pick whose it is, and whether to remember its link. */
function LinkPicker({ session, relationships, onLink }: Pick<Props, 'session' | 'relationships' | 'onLink'>) {
  const { t } = useT();
  const [choice, setChoice] = useState('');
  const [remember, setRemember] = useState(true);
  return (
    <section className="card" aria-labelledby="rel-heading">
      <h2 id="rel-heading">{t('sidepanel', 'unlinkedTitle')}</h2>
      {relationships.length === 0 ? (
        <p className="muted">{t('sidepanel', 'noRelationships')}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) onLink(choice, remember);
          }}
          className="stack"
        >
          <Field id="link-rel" label={t('sidepanel', 'linkTo')}>
            {(aria) => (
              <select {...aria} value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">{t('sidepanel', 'chooseRelationship')}</option>
                <RelationshipOptions relationships={relationships} />
              </select>
            )}
          </Field>
          {session.meetingLink && (
            <div className="row">
              <input id="remember-link" type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
              <label htmlFor="remember-link" className="inline">
                {t('sidepanel', 'rememberLink')}
              </label>
            </div>
          )}
          <button type="submit" className="primary" disabled={!choice}>
            {t('sidepanel', 'link')}
          </button>
        </form>
      )}
      <p className="muted small">{t('sidepanel', 'unlinkedHint')}</p>
    </section>
  );
}
