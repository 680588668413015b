import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { DbGate } from './DbGate';
import './theme.css';

/**
 * Mounts a page's root component inside the storage guard. `alreadyRead`: the page has just read
 * the database (the popup's early read), so its first render need not wait for Dexie to open it.
 */
export function mount(App: ComponentType, alreadyRead = false): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root is missing from the page');
  createRoot(el).render(
    <StrictMode>
      <DbGate alreadyRead={alreadyRead}>
        <App />
      </DbGate>
    </StrictMode>,
  );
}
