import type { Strings } from '../types';

/** Norwegian Bokmål strings shared by every surface. */
export const common: Strings['common'] = {
  appName: 'Rapport',
  loading: 'Laster …',
  save: 'Lagre',
  cancel: 'Avbryt',
  delete: 'Slett',
  edit: 'Rediger',
  close: 'Lukk',
  mentor: 'Mentor',
  mentee: 'Adept',
  minutes: '{n} min',
  dbUnavailable: 'Rapport får ikke åpnet lagringen på denne datamaskinen ({error}). Ingenting ble skrevet; utkastene dine er der de var.',
  storageFull: 'Disken er full: Rapport fikk ikke lagret. Frigjør plass; utkastet beholdes i dette vinduet til da.',
  stageFirstMeeting: 'Første møte',
  stageGoalSetting: 'Målsetting',
  stageProgress: 'Fremdriftsgjennomgang',
  stageReview: 'Gjennomgang av relasjonen',
  wayVideo: 'Video',
  wayPhone: 'Telefon',
  wayFaceToFace: 'Ansikt til ansikt',
  wayEmail: 'E-post',
  timePlaceholder: 'TT:MM',
};
