import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './theme.css';

/** Renders a page's root into #root, with the house theme. */
export function renderRoot(node: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root is missing from the page');
  createRoot(el).render(<StrictMode>{node}</StrictMode>);
}
