import type { ComponentType } from 'react';
import { DbGate } from './DbGate';
import { renderRoot } from './render-root';

/** Mounts a page's root component inside the storage guard. */
export function mount(App: ComponentType): void {
  renderRoot(
    <DbGate>
      <App />
    </DbGate>,
  );
}
