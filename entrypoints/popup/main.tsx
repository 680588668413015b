import { renderRoot } from '../../components/render-root';
import { preloadThisWeek } from '../../lib/hooks/use-summary';
import { isTestBuild } from '../../lib/platforms/hosts';
import { App } from './App';

// The summary benchmark's timeline: when the module bundle had loaded and started running.
performance.mark('rapport:bundle-run');
// Reading starts now, alongside React's first render, instead of after it.
preloadThisWeek();
// No storage guard here: the popup's first read needs no Dexie (lib/db/week-raw.ts), and a
// database that cannot open shows as the summary's load error.
renderRoot(<App />);
// The summary benchmark times reading + computing on its own in the real IndexedDB (test builds only).
if (isTestBuild()) {
  Object.assign(globalThis, {
    rapportLoadWeekView: async (offset: number, now: Date) => (await import('../../lib/summary/live')).loadWeekView(offset, now),
  });
}
