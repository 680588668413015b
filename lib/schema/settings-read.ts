import type { Settings, TargetShare } from './records';

/**
 * Reading settings without zod. The popup must show its first view within a frame budget, and
 * loading zod and building every record schema is a large part of that; settings are the only
 * record it needs to check on read (every other record it reads was validated when written).
 * tests/schema/settings-read.test.ts checks both functions against SettingsSchema.
 */

/** The defaults: what SettingsSchema.parse({ id: 'settings' }) gives. */
export const DEFAULT_SETTINGS: Settings = {
  id: 'settings',
  language: 'auto',
  cuesEnabled: true,
  targetShare: { mentor: { min: 20, max: 40 }, mentee: { min: 50, max: 80 } },
  weekStartsOn: 1,
  extraOrigins: [],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPercent = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;

function targetShare(v: unknown): TargetShare | null {
  if (!isRecord(v) || !isPercent(v.min) || !isPercent(v.max) || v.min > v.max) return null;
  return { min: v.min, max: v.max };
}

/**
 * Stored settings read exactly as SettingsSchema.safeParse reads them: a missing field takes its
 * default, unknown fields are dropped, and anything invalid gives the defaults altogether.
 */
export function settingsFromStorage(stored: unknown): Settings {
  if (!isRecord(stored) || stored.id !== 'settings') return DEFAULT_SETTINGS;
  const { language = 'auto', cuesEnabled = true, weekStartsOn = 1, extraOrigins = [] } = stored;
  if (language !== 'auto' && language !== 'en' && language !== 'nb') return DEFAULT_SETTINGS;
  if (typeof cuesEnabled !== 'boolean') return DEFAULT_SETTINGS;
  if (weekStartsOn !== 0 && weekStartsOn !== 1 && weekStartsOn !== 6) return DEFAULT_SETTINGS;
  if (!Array.isArray(extraOrigins) || extraOrigins.length > 100 || !extraOrigins.every((o) => typeof o === 'string' && o.length <= 300))
    return DEFAULT_SETTINGS;
  let targets = DEFAULT_SETTINGS.targetShare;
  if (stored.targetShare !== undefined) {
    if (!isRecord(stored.targetShare)) return DEFAULT_SETTINGS;
    const mentor = targetShare(stored.targetShare.mentor);
    const mentee = targetShare(stored.targetShare.mentee);
    if (!mentor || !mentee) return DEFAULT_SETTINGS;
    targets = { mentor, mentee };
  }
  const settings: Settings = {
    id: 'settings',
    language,
    cuesEnabled,
    targetShare: targets,
    weekStartsOn,
    extraOrigins: [...(extraOrigins as string[])],
  };
  const r = stored.reminders;
  if (r !== undefined) {
    const day = isRecord(r) ? r.weeklyDay : undefined;
    const dayOk = day === null || (typeof day === 'number' && Number.isInteger(day) && day >= 0 && day <= 6);
    if (
      !isRecord(r) ||
      typeof r.enabled !== 'boolean' ||
      typeof r.beforeSession !== 'boolean' ||
      typeof r.unwrittenNote !== 'boolean' ||
      !dayOk
    )
      return DEFAULT_SETTINGS;
    settings.reminders = {
      enabled: r.enabled,
      beforeSession: r.beforeSession,
      unwrittenNote: r.unwrittenNote,
      weeklyDay: day as number | null,
    };
  }
  return settings;
}
