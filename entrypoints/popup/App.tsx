import { WeeklySummary } from '../../components/popup/WeeklySummary';

/** The toolbar popup: the weekly summary. */
export function App() {
  return <WeeklySummary />;
}
