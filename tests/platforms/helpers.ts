import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'platforms');

/** The saved page `tests/fixtures/platforms/<site>/<name>.html`, parsed the way a browser would. */
export function fixture(site: string, name: string): Document {
  return parseHtml(readFileSync(join(FIXTURES, site, `${name}.html`), 'utf8'));
}

/** Parses an HTML document with happy-dom (no scripts run, nothing is fetched). */
export function parseHtml(html: string): Document {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true } });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
