import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { DbGate } from './DbGate';
import './theme.css';

/** Mounts a page's root component inside the storage guard. */
export function mount(App: ComponentType): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root is missing from the page');
  createRoot(el).render(
    <StrictMode>
      <DbGate>
        <App />
      </DbGate>
    </StrictMode>,
  );
}
