import { useState, type FormEvent } from 'react';
import type { AgendaItem, Goal, Session } from '../../lib/schema';
import { newId } from '../../lib/schema/common';
import { useT } from '../../lib/hooks/use-settings';
import { formatClock, itemSpentMs, moveToItem, nextOpenItem } from '../../lib/session/timer';
import { formError } from '../../lib/i18n/form-errors';
import { Field, FieldError, fieldAria } from '../Field';

type Changes = Partial<Pick<Session, 'agenda' | 'currentItem' | 'currentItemSince'>>;
type Props = { session: Session; goals: Goal[]; now: number; onChange: (changes: Changes) => void };

/** What the agenda list does to the session: tick, make current, move, remove, replace, add. */
function useAgendaChanges(session: Session, now: number, onChange: (changes: Changes) => void) {
  const agenda = session.agenda;
  const setAgenda = (next: AgendaItem[], currentItem = session.currentItem) =>
    onChange({ agenda: next, currentItem: Math.min(currentItem, Math.max(0, next.length - 1)) });
  return {
    setAgenda,
    toggleDone: (i: number) => setAgenda(agenda.map((it, j) => (j === i ? { ...it, done: !it.done } : it))),
    makeCurrent: (i: number) => onChange(moveToItem(session, i, now)),
    nextItem: () => onChange(moveToItem(session, nextOpenItem(agenda, session.currentItem), now, true)),
    move: (i: number, by: -1 | 1) => {
      const j = i + by;
      if (j < 0 || j >= agenda.length) return;
      const next = [...agenda];
      [next[i], next[j]] = [next[j]!, next[i]!];
      // The current item keeps being current wherever it moves.
      const current = session.currentItem === i ? j : session.currentItem === j ? i : session.currentItem;
      setAgenda(next, current);
    },
    remove: (i: number) => {
      const next = agenda.filter((_, j) => j !== i);
      // Removing the current item starts the clock on the item that takes its place.
      if (i === session.currentItem)
        onChange({ agenda: next, currentItem: Math.min(i, Math.max(0, next.length - 1)), currentItemSince: session.pausedAt ?? now });
      else setAgenda(next, i < session.currentItem ? session.currentItem - 1 : session.currentItem);
    },
  };
}
type AgendaChanges = ReturnType<typeof useAgendaChanges>;

/** The session's agenda: time boxes, the current item, ticking off, editing and reordering. */
export function AgendaList({ session, goals, now, onChange }: Props) {
  const { t } = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const agenda = session.agenda;
  const goalTitle = new Map(goals.map((g) => [g.id, g.title]));
  const changes = useAgendaChanges(session, now, onChange);

  return (
    <section className="card" aria-labelledby="agenda-heading">
      <div className="row spread">
        <h2 id="agenda-heading">{t('sidepanel', 'agenda')}</h2>
        {agenda.length > 0 && (
          <button type="button" className="primary" onClick={changes.nextItem}>
            {t('sidepanel', 'nextItem')}
          </button>
        )}
      </div>
      {agenda.length === 0 && <p className="muted">{t('sidepanel', 'agendaEmpty')}</p>}
      <ol className="agenda">
        {agenda.map((item, i) => {
          const current = i === session.currentItem;
          return (
            <li
              key={item.id}
              className={`agenda-item ${current ? 'current' : ''} ${item.done ? 'done' : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              {editing === item.id ? (
                <ItemEditor
                  item={item}
                  onSave={(it) => (changes.setAgenda(agenda.map((x) => (x.id === it.id ? it : x))), setEditing(null))}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <ItemView
                  item={item}
                  i={i}
                  count={agenda.length}
                  current={current}
                  spent={itemSpentMs(session, i, now)}
                  goalTitle={goalTitle}
                  changes={changes}
                  onEdit={() => setEditing(item.id)}
                />
              )}
            </li>
          );
        })}
      </ol>
      <AddItem onAdd={(item) => changes.setAgenda([...agenda, item])} />
    </section>
  );
}

type ItemProps = {
  item: AgendaItem;
  i: number;
  count: number;
  current: boolean;
  spent: number;
  goalTitle: ReadonlyMap<string, string>;
  changes: AgendaChanges;
  onEdit: () => void;
};

/** One agenda item: its time, the goals it serves, and what can be done with it. */
function ItemView({ item, i, count, current, spent, goalTitle, changes, onEdit }: ItemProps) {
  const { t } = useT();
  const left = item.timeboxMin * 60_000 - spent;
  const time = item.done
    ? t('sidepanel', 'itemSpent', { time: formatClock(spent) })
    : current
      ? left >= 0
        ? t('sidepanel', 'itemLeft', { time: formatClock(left) })
        : t('sidepanel', 'itemOver', { time: formatClock(-left) })
      : t('common', 'minutes', { n: item.timeboxMin });
  const button = (label: 'moveUpLabel' | 'moveDownLabel' | 'editLabel' | 'removeLabel', text: string, onClick: () => void, extra = {}) => (
    <button type="button" className="secondary" onClick={onClick} aria-label={t('sidepanel', label, { title: item.title })} {...extra}>
      {text}
    </button>
  );
  return (
    <>
      <div className="row item-head">
        <input type="checkbox" id={`done-${item.id}`} checked={item.done} onChange={() => changes.toggleDone(i)} />
        <label htmlFor={`done-${item.id}`} className="item-title">
          {item.title}
        </label>
        <span className={`item-time ${current && left < 0 ? 'over' : ''}`}>{time}</span>
      </div>
      {item.goalIds.length > 0 && (
        <p className="muted small">
          {t('sidepanel', 'serves')}{' '}
          {item.goalIds
            .map((id) => goalTitle.get(id))
            .filter(Boolean)
            .join(', ')}
        </p>
      )}
      <div className="row item-actions">
        {!current && !item.done && (
          <button
            type="button"
            onClick={() => changes.makeCurrent(i)}
            aria-label={t('sidepanel', 'discussNowLabel', { title: item.title })}
          >
            {t('sidepanel', 'discussNow')}
          </button>
        )}
        {button('moveUpLabel', '↑', () => changes.move(i, -1), { disabled: i === 0 })}
        {button('moveDownLabel', '↓', () => changes.move(i, 1), { disabled: i === count - 1 })}
        {button('editLabel', t('common', 'edit'), onEdit)}
        {button('removeLabel', '✕', () => changes.remove(i), { className: 'danger secondary' })}
      </div>
    </>
  );
}

/** Checks what was typed for an item: the title and time box, or the key of the message to show. */
/** A typed item, or the field that is wrong and why (a form error key). */
function parseItem(
  title: string,
  minutes: string,
): { title: string; timeboxMin: number } | { field: 'title' | 'minutes'; message: string } {
  const m = Number(minutes);
  if (!title.trim()) return { field: 'title', message: formError('itemTitleRequired') };
  if (!Number.isInteger(m) || m < 1 || m > 480) return { field: 'minutes', message: formError('itemMinutesRange') };
  return { title: title.trim().slice(0, 200), timeboxMin: m };
}

type ItemProblem = { field: 'title' | 'minutes'; message: string } | null;
const problemOf = (problem: ItemProblem, field: 'title' | 'minutes') => (problem?.field === field ? problem : undefined);

function ItemEditor({ item, onSave, onCancel }: { item: AgendaItem; onSave: (item: AgendaItem) => void; onCancel: () => void }) {
  const { t } = useT();
  const [title, setTitle] = useState(item.title);
  const [minutes, setMinutes] = useState(String(item.timeboxMin));
  const [problem, setProblem] = useState<ItemProblem>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseItem(title, minutes);
    if ('field' in parsed) return setProblem(parsed);
    onSave({ ...item, ...parsed });
  };
  return (
    <form onSubmit={submit} className="stack">
      <Field id={`title-${item.id}`} label={t('sidepanel', 'itemTitle')} error={problemOf(problem, 'title')}>
        {(aria) => <input {...aria} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field id={`min-${item.id}`} label={t('sidepanel', 'itemMinutes')} error={problemOf(problem, 'minutes')}>
        {(aria) => <input {...aria} type="number" min={1} max={480} value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
      </Field>
      <div className="row">
        <button type="submit" className="primary">
          {t('common', 'save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common', 'cancel')}
        </button>
      </div>
    </form>
  );
}

function AddItem({ onAdd }: { onAdd: (item: AgendaItem) => void }) {
  const { t } = useT();
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('5');
  const [problem, setProblem] = useState<ItemProblem>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseItem(title, minutes);
    if ('field' in parsed) return setProblem(parsed);
    onAdd({ id: newId(), ...parsed, goalIds: [], done: false, spentMs: 0 });
    setTitle('');
    setProblem(null);
  };
  return (
    <form onSubmit={submit} className="add-item" aria-label={t('sidepanel', 'addItem')}>
      <div className="row">
        <label htmlFor="new-item" className="sr-only">
          {t('sidepanel', 'itemTitle')}
        </label>
        <input
          {...fieldAria('new-item', problemOf(problem, 'title'))}
          placeholder={t('sidepanel', 'newItemPlaceholder')}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor="new-item-min" className="sr-only">
          {t('sidepanel', 'itemMinutes')}
        </label>
        <input
          {...fieldAria('new-item-min', problemOf(problem, 'minutes'))}
          type="number"
          min={1}
          max={480}
          className="minutes"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button type="submit">{t('sidepanel', 'add')}</button>
      </div>
      {/* The labels are hidden in this one-line form, so the errors stand under the row. */}
      <FieldError id="new-item" error={problemOf(problem, 'title')} />
      <FieldError id="new-item-min" error={problemOf(problem, 'minutes')} />
    </form>
  );
}
