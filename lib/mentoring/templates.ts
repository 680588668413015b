import type { AgendaItem, Stage } from '../schema';
import { newId } from '../schema/common';

/** Agenda template item: its title in each language and its share of the planned length. */
type TemplateItem = { title: string; nb: string; weight: number };

/**
 * Agenda templates per stage, from the method: the first meeting builds rapport and sets
 * boundaries; then goals are agreed; then progress is reviewed; finally the relationship itself.
 */
export const STAGE_TEMPLATES: Record<Stage, TemplateItem[]> = {
  'first-meeting': [
    { title: 'Get to know each other', nb: 'Bli kjent med hverandre', weight: 3 },
    { title: 'Confidentiality and boundaries', nb: 'Fortrolighet og grenser', weight: 2 },
    { title: 'How and how often to meet', nb: 'Hvordan og hvor ofte vi møtes', weight: 2 },
    { title: 'Hopes for the mentoring', nb: 'Forventninger til mentorskapet', weight: 2 },
    { title: 'Actions and next meeting', nb: 'Handlinger og neste møte', weight: 1 },
  ],
  'goal-setting': [
    { title: 'Check-in since last time', nb: 'Siden sist', weight: 1 },
    { title: 'Skills gaps and strengths', nb: 'Kompetansegap og styrker', weight: 3 },
    { title: 'Agree goals and how to measure them', nb: 'Bli enige om mål og hvordan de måles', weight: 4 },
    { title: 'Actions and next meeting', nb: 'Handlinger og neste møte', weight: 2 },
  ],
  progress: [
    { title: 'Check-in and open actions', nb: 'Siden sist og åpne handlinger', weight: 2 },
    { title: 'Progress on goals', nb: 'Fremdrift på målene', weight: 4 },
    { title: 'What went well, what to do differently', nb: 'Hva gikk bra, hva gjør vi annerledes', weight: 2 },
    { title: 'Actions and next meeting', nb: 'Handlinger og neste møte', weight: 2 },
  ],
  review: [
    { title: 'Look back: goals and progress', nb: 'Tilbakeblikk: mål og fremdrift', weight: 3 },
    { title: 'How the relationship works for both of us', nb: 'Hvordan relasjonen fungerer for oss begge', weight: 3 },
    { title: 'Continue, change or conclude', nb: 'Fortsette, endre eller avslutte', weight: 2 },
    { title: 'Actions and next meeting', nb: 'Handlinger og neste møte', weight: 2 },
  ],
};

/** Agenda items of a stage, time boxes shared out over the planned length (at least 1 min each). */
export function agendaFromTemplate(
  stage: Stage,
  plannedLengthMin: number,
  goalIds: readonly string[] = [],
  language: 'en' | 'nb' = 'en',
): AgendaItem[] {
  const items = STAGE_TEMPLATES[stage];
  const total = items.reduce((a, i) => a + i.weight, 0);
  let left = plannedLengthMin;
  return items.map((item, index) => {
    const isLast = index === items.length - 1;
    const minutes = isLast ? Math.max(1, left) : Math.max(1, Math.round((plannedLengthMin * item.weight) / total));
    left -= minutes;
    const servesGoals = stage === 'progress' && item.title.startsWith('Progress');
    return {
      id: newId(),
      title: language === 'nb' ? item.nb : item.title,
      timeboxMin: minutes,
      goalIds: servesGoals ? [...goalIds] : [],
      done: false,
      spentMs: 0,
    };
  });
}

/**
 * Stage of the next session from how many sessions the relationship has had: the first meeting,
 * goal setting while meetings are close together, then progress reviews, with a review of the
 * relationship itself every sixth session and after the term.
 */
export function stageForNextSession(sessionsHeld: number, earlyMeetings: number): Stage {
  if (sessionsHeld === 0) return 'first-meeting';
  if (sessionsHeld < Math.max(2, Math.min(earlyMeetings, 3))) return 'goal-setting';
  if ((sessionsHeld + 1) % 6 === 0) return 'review';
  return 'progress';
}
