import type { Strings } from '../types';

/** Norwegian Bokmål strings of the options surface. */
export const options: Strings['options'] = {};
