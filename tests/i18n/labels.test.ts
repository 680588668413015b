import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../lib/i18n';
import {
  GOAL_STATUS_KEYS,
  GOAL_STATUSES,
  RELATIONSHIP_STATUSES,
  RELATIONSHIP_TYPES,
  STAGE_KEYS,
  STAGES,
  STATUS_KEYS,
  TYPE_KEYS,
  WAY_KEYS,
  WAYS,
} from '../../lib/i18n/labels';

describe('enum labels: every stored value has words in both languages', () => {
  it.each(['en', 'nb'] as const)('%s', (language) => {
    const t = createTranslator(language);
    const words = [
      ...WAYS.map((w) => t('common', WAY_KEYS[w])),
      ...STAGES.map((s) => t('common', STAGE_KEYS[s])),
      ...GOAL_STATUSES.map((s) => t('options', GOAL_STATUS_KEYS[s])),
      ...RELATIONSHIP_STATUSES.map((s) => t('options', STATUS_KEYS[s])),
      ...RELATIONSHIP_TYPES.map((s) => t('options', TYPE_KEYS[s])),
    ];
    // A missing key comes back as the key itself.
    for (const w of words) expect(w).not.toMatch(/^(way|stage|goalStatus|status|type)[A-Z]\w*$/);
    expect(new Set(words).size).toBe(words.length);
  });

  it('keys follow the values: face-to-face is wayFaceToFace, concluded-no-fault statusConcludedNoFault', () => {
    expect(WAY_KEYS['face-to-face']).toBe('wayFaceToFace');
    expect(STATUS_KEYS['concluded-no-fault']).toBe('statusConcludedNoFault');
    expect(STAGE_KEYS['first-meeting']).toBe('stageFirstMeeting');
  });
});
