import type { Strings } from '../types';

/** Norwegian Bokmål strings of the sidepanel surface. */
export const sidepanel: Strings['sidepanel'] = {};
