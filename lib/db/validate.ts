import type { z } from 'zod';
import { describeZodError } from '../schema';

/** Thrown when a record would be written that does not match its schema. Nothing is written. */
export class InvalidRecordError extends Error {
  constructor(
    readonly record: string,
    readonly details: string,
  ) {
    super(`Invalid ${record}: ${details}`);
    this.name = 'InvalidRecordError';
  }
}

/** Parses a record before it is written; the DB layer never writes what this has not returned. */
export function validated<S extends z.ZodType>(schema: S, record: string, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRecordError(record, describeZodError(result.error));
  return result.data;
}
