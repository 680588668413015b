import { mount } from '../../components/mount';
import { preloadThisWeek } from '../../lib/hooks/use-summary';
import { isTestBuild } from '../../lib/platforms/hosts';
import { loadWeekView } from '../../lib/summary/load';
import { App } from './App';

// The summary benchmark's timeline: when the module bundle had loaded and started running.
performance.mark('rapport:bundle-run');
// This week's summary comes from the read the popup's first script started (entrypoints/popup-early.ts):
// React renders once it is in, the whole view in its first render. Without it, reading starts
// now, alongside React's first render, instead of after it.
void preloadThisWeek().then((alreadyRead) => mount(App, alreadyRead));
// The summary benchmark times reading + computing on its own in the real IndexedDB (test builds only).
if (isTestBuild()) Object.assign(globalThis, { rapportLoadWeekView: loadWeekView });
