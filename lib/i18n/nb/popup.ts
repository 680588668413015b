import type { Strings } from '../types';

/** Norwegian Bokmål strings of the popup surface. */
export const popup: Strings['popup'] = {};
