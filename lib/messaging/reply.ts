import type { z } from 'zod';
import { describeZodError } from '../schema/common';

/**
 * Why a request failed, where the sender acts on the reason (never by comparing sentences):
 * not-live-here: the session named is not the live session of the sender's tab (any more);
 * unreachable: nothing received the request (extension reloaded, worker starting, tab gone);
 * no-answer: the receiver took the request but gave no reply.
 */
export type ReplyErrorCode = 'not-live-here' | 'unreachable' | 'no-answer';

/** Every reply across contexts has this shape; `error` is for people and logs, `code` for code. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: string; code?: ReplyErrorCode };

export const ok = <T>(data: T): Reply<T> => ({ ok: true, data });
export const fail = (error: unknown, code?: ReplyErrorCode): Reply<never> => ({
  ok: false,
  error: error instanceof Error ? error.message : String(error),
  ...(code ? { code } : {}),
});

/** Parses an incoming message; a message that does not parse is answered, never acted on. */
export function parseMessage<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): { ok: true; message: z.infer<S> } | { ok: false; error: string } {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, message: result.data } : { ok: false, error: `Rejected message: ${describeZodError(result.error)}` };
}
