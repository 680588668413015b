import type { Strings } from '../types';

/** Norwegian Bokmål strings of the note surface. */
export const note: Strings['note'] = {};
