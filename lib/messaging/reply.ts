import { safeParse, type $ZodIssue, type $ZodType, type output } from 'zod/v4/core';

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

/** One line per bad field, each naming its path (as `describeZodError` does; this module stays free of the full zod). */
function describeIssues(issues: readonly $ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Parses an incoming message; a message that does not parse is answered, never acted on. Takes
 * full zod and zod/mini schemas alike (the call page's content script uses the latter).
 */
export function parseMessage<S extends $ZodType>(schema: S, raw: unknown): { ok: true; message: output<S> } | { ok: false; error: string } {
  const result = safeParse(schema, raw);
  return result.success
    ? { ok: true, message: result.data }
    : { ok: false, error: `Rejected message: ${describeIssues(result.error.issues)}` };
}
