import type { Strings } from '../types';

/** Norwegian Bokmål strings of the options surface. */
export const options: Strings['options'] = {
  mdNoteTitle: 'Mentornotat: {name}',
  mdNoteTitleDated: 'Mentornotat: {name}, {date}',
  mdRelationshipTitle: 'Mentornotater: {name}',
  mdMyRole: 'Min rolle',
  mdSince: 'siden {date}',
  mdWay: 'Møteform',
  mdLength: 'Varighet',
  mdStage: 'Fase',
  mdSummary: 'Sammendrag',
  mdGoalProgress: 'Fremdrift på mål',
  mdWentWell: 'Hva gikk bra',
  mdDoDifferently: 'Hva vi gjør annerledes',
  mdActions: 'Handlinger',
  mdDue: 'frist {date}',
  mdNextMeeting: 'Neste møte',
  mdPlan: 'Utviklingsplan',
  mdTarget: 'måldato {date}',
  mdMeasure: 'Måles ved',
  mdNoNotes: 'Ingen delte notater ennå.',
  goalStatusNotStarted: 'ikke startet',
  goalStatusInProgress: 'pågår',
  goalStatusAchieved: 'nådd',
  goalStatusDropped: 'droppet',
};
