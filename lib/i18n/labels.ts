import { GoalStatusSchema, RelationshipStatusSchema, RelationshipTypeSchema, StageSchema, WayOfMeetingSchema } from '../schema';

/**
 * The one place a stored enum value meets its words: each value's string key, made from the
 * schema's own options (`face-to-face` → `wayFaceToFace`), so a value added to a schema has a key
 * at once and the string tables' types say whether it has words (tests/i18n/labels.test.ts reads
 * every one in both languages). Apart from lib/i18n/index.ts because it loads the schemas (zod).
 */

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type KeysOf<P extends string, V extends string> = { readonly [K in V]: `${P}${Capitalize<Camel<K>>}` };

function keysOf<P extends string, V extends string>(prefix: P, values: readonly V[]): KeysOf<P, V> {
  const key = (value: string) => prefix + value.replace(/(^|-)(\w)/g, (_m, _dash, c: string) => c.toUpperCase());
  return Object.fromEntries(values.map((v) => [v, key(v)])) as KeysOf<P, V>;
}

/** Each value in the schema's order, for pickers. */
export const WAYS = WayOfMeetingSchema.options;
export const STAGES = StageSchema.options;
export const GOAL_STATUSES = GoalStatusSchema.options;
export const RELATIONSHIP_STATUSES = RelationshipStatusSchema.options;
export const RELATIONSHIP_TYPES = RelationshipTypeSchema.options;

/** Keys of the common strings. */
export const WAY_KEYS = keysOf('way', WAYS);
export const STAGE_KEYS = keysOf('stage', STAGES);

/** Keys of the options strings. */
export const GOAL_STATUS_KEYS = keysOf('goalStatus', GOAL_STATUSES);
export const STATUS_KEYS = keysOf('status', RELATIONSHIP_STATUSES);
export const TYPE_KEYS = keysOf('type', RELATIONSHIP_TYPES);
