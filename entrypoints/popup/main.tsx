import { mount } from '../../components/mount';
import { preloadThisWeek } from '../../lib/hooks/use-summary';
import { isTestBuild } from '../../lib/platforms/hosts';
import { loadWeekView } from '../../lib/summary/load';
import { App } from './App';

// The summary benchmark's timeline: when the module bundle had loaded and started running.
performance.mark('rapport:bundle-run');
// Reading starts now, alongside React's first render, instead of after it.
preloadThisWeek();
mount(App);
// The summary benchmark times reading + computing on its own in the real IndexedDB (test builds only).
if (isTestBuild()) Object.assign(globalThis, { rapportLoadWeekView: loadWeekView });
