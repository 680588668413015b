import { OptionsPage } from '../../components/options/OptionsPage';

/** The options page: wiring only; the page lives in components/options. */
export function App() {
  return <OptionsPage />;
}
