/**
 * A meeting's stable link: origin and path, without query, hash or trailing slash, lower-case host.
 * Two visits to the same meeting give the same link; relationship matching compares these.
 */
export function normalizeMeetingLink(raw: string): string {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.protocol}//${url.host.toLowerCase()}${path}`;
  } catch {
    return '';
  }
}

/** True when a stored relationship link identifies this meeting (exact, or a prefix at a path boundary). */
export function linkMatches(stored: string, meeting: string): boolean {
  const a = normalizeMeetingLink(stored.includes('://') ? stored : `https://${stored}`);
  const b = normalizeMeetingLink(meeting);
  if (!a || !b) return false;
  return b === a || b.startsWith(`${a}/`);
}
