import type { z } from 'zod';
import { describeZodError } from '../schema/common';

/** Every reply across contexts has this shape. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });
export const fail = (error: unknown): Reply<never> => ({ ok: false, error: error instanceof Error ? error.message : String(error) });

/** Parses an incoming message; a message that does not parse is answered, never acted on. */
export function parseMessage<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): { ok: true; message: z.infer<S> } | { ok: false; error: string } {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, message: result.data } : { ok: false, error: `Rejected message: ${describeZodError(result.error)}` };
}
