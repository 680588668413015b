import { useState } from 'react';
import type { PopupTranslator } from '../../lib/i18n/popup';
import type { ActionItem } from '../../lib/summary/week';
import { formatDateOnly } from '../../lib/format/date';
import type { Language } from '../../lib/i18n/core';

/** Overdue actions shown before the rest is summarised as a count: the popup must stay glanceable. */
export const MAX_OVERDUE_SHOWN = 8;

/** Actions with a checkbox each; ticking writes through the repository and the live summary follows. */
export function ActionList({
  items,
  t,
  language,
  testId,
}: {
  items: readonly ActionItem[];
  t: PopupTranslator;
  language: Language;
  testId: string;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const tick = (id: string, done: boolean) => {
    // The write validates the record with zod, which loads on the first tick rather than with the popup.
    import('../../lib/db/actions')
      .then(({ setActionDone }) => setActionDone(id, done))
      .then(() => setErrors(({ [id]: _gone, ...rest }) => rest))
      .catch((error: unknown) => setErrors((e) => ({ ...e, [id]: error instanceof Error ? error.message : String(error) })));
  };
  return (
    <ul className="action-list" data-testid={testId}>
      {items.map((a) => {
        const inputId = `action-${a.id}`;
        const metaId = `${inputId}-meta`;
        return (
          <li key={a.id} className={a.done ? 'action done' : 'action'} data-testid="action">
            <input
              type="checkbox"
              id={inputId}
              checked={a.done}
              aria-describedby={metaId}
              onChange={(e) => tick(a.id, e.currentTarget.checked)}
            />
            <div>
              <label htmlFor={inputId}>{a.text}</label>
              <div id={metaId} className="small muted">
                {t('popup', 'actionMeta', {
                  name: a.relationshipName,
                  owner: t('popup', a.owner === 'mentor' ? 'ownerMentor' : 'ownerMentee'),
                  date: formatDateOnly(a.dueDate, language, 'day'),
                })}
                {a.overdue ? <span className="tag warn">{t('popup', 'overdueTag')}</span> : null}
              </div>
              {errors[a.id] ? (
                <div role="alert" className="field-error">
                  {t('popup', 'tickFailed', { error: errors[a.id] ?? '' })}
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
