import { useEffect } from 'react';
import { renderRoot } from '../../components/render-root';
import { afterNextPaint } from '../../lib/hooks/after-next-paint';

// Test builds only (wxt.config.ts): the minimal React page of this extension that
// `npm run bench:popup-first` compares the popup's first full view with (issue 20).
function Probe() {
  useEffect(() => afterNextPaint(() => performance.mark('rapport:probe-painted')), []);
  return <p>Rapport</p>;
}
renderRoot(<Probe />);
