import type { common } from './en/common';
import type { sidepanel } from './en/sidepanel';
import type { popup } from './en/popup';
import type { options } from './en/options';
import type { note } from './en/note';
import type { form } from './en/form';

type Widen<T> = { [K in keyof T]: string };

/** The shape every language must fill: the English keys, any text. */
export type Strings = {
  common: Widen<typeof common>;
  sidepanel: Widen<typeof sidepanel>;
  popup: Widen<typeof popup>;
  options: Widen<typeof options>;
  note: Widen<typeof note>;
  form: Widen<typeof form>;
};
