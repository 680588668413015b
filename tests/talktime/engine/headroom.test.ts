import { describe, expect, it } from 'vitest';
import { Headroom } from '../../../lib/talktime/engine/headroom';

/** `n` frames, one in five a word at `talkDb`, the rest the room at `roomDb`, through a Headroom; its last value. */
function headroomOf(roomDb: number, talkDb: number, n = 400, h = new Headroom(5200)): number {
  let db = NaN;
  for (let i = 0; i < n; i++) db = h.push(i % 5 === 0 ? talkDb : roomDb);
  return db;
}

describe('Headroom', () => {
  it('is how far the loud frames stand over the room', () => {
    expect(headroomOf(-90, -30)).toBeCloseTo(60, 0);
    expect(headroomOf(-50, -30)).toBeCloseTo(20, 0);
  });

  it('is not known before 200 frames with a level; frames with none (digital silence) do not count', () => {
    expect(headroomOf(-90, -30, 199)).toBeNaN();
    const h = new Headroom(5200);
    for (let i = 0; i < 300; i++) h.push(-Infinity);
    expect(h.db).toBeNaN();
    expect(headroomOf(-90, -30, 400, h)).toBeCloseTo(60, 0);
  });

  it('follows a room that gets louder, older frames weighing less', () => {
    const h = new Headroom(400);
    headroomOf(-90, -30, 2000, h);
    expect(h.db).toBeCloseTo(60, 0);
    expect(headroomOf(-55, -30, 2000, h)).toBeCloseTo(25, 0);
  });
});
