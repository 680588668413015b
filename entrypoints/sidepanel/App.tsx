import { SidePanel } from '../../components/sidepanel/SidePanel';

export function App() {
  return <SidePanel />;
}
