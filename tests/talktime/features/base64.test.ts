import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../../lib/talktime/features/base64';

describe('decodeBase64', () => {
  it('decodes what Node encodes, padding and all', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(Array.from(decodeBase64(Buffer.from(bytes).toString('base64')))).toEqual(Array.from(bytes));
    }
  });
});
