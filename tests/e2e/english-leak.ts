import type { Page } from '@playwright/test';
import { STRINGS } from '../../lib/i18n';

/**
 * English fragments that must never show on a Norwegian screen: the static parts of every
 * English string whose Norwegian text differs (split at `{placeholders}`), at least two words
 * and ten characters long, that no Norwegian string contains. Plus raw zod wording and common
 * English words, which catch a text that is in no table at all.
 */
function englishFragments(): string[] {
  const nbTexts = Object.values(STRINGS.nb).flatMap((table) => Object.values(table as Record<string, string>));
  const fragments = new Set<string>();
  for (const [surface, table] of Object.entries(STRINGS.en)) {
    for (const [key, en] of Object.entries(table as Record<string, string>)) {
      const nb = (STRINGS.nb as Record<string, Record<string, string>>)[surface]![key];
      if (nb === en) continue;
      for (const piece of en.split(/\{\w+\}/)) {
        const text = piece.replace(/^[\s.,:;!?()“”"'–—·-]+|[\s.,:;!?()“”"'–—·-]+$/g, '');
        if (text.length < 10 || text.split(/\s+/).length < 2) continue;
        if (nbTexts.some((n) => n.includes(text))) continue;
        fragments.add(text);
      }
    }
  }
  return [...fragments];
}

const FRAGMENTS = englishFragments();
/** Words of English no Norwegian sentence uses, and zod's own phrasing. */
const ENGLISH_WORDS =
  /\b(the|must|your|with|this|that|should|been|which|cannot|please|expected|received|Invalid input|Too big|Too small|Settings saved|Demo call)\b/;

/** Every piece of English on the page: visible text, and the labels and titles assistive tech reads. */
export async function englishOn(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    for (const o of document.querySelectorAll('option')) out.push(o.textContent ?? '');
    return out;
  });
  const found = new Set<string>();
  for (const text of texts) {
    for (const f of FRAGMENTS) if (text.includes(f)) found.add(f);
    for (const line of text.split('\n')) {
      const m = ENGLISH_WORDS.exec(line);
      if (m) found.add(`${m[0]} … in “${line.trim().slice(0, 120)}”`);
    }
  }
  return [...found];
}

/** How many fragments the check knows (a test asserts it is not trivially empty). */
export const ENGLISH_FRAGMENT_COUNT = FRAGMENTS.length;
