/**
 * Browser stand-in for Node's `util`, which @tensorflow-models/speech-commands imports only
 * for `promisify`. Aliased in wxt.config.ts.
 */
export function promisify<T>(fn: (...args: unknown[]) => void): (...args: unknown[]) => Promise<T> {
  return (...args) =>
    new Promise<T>((resolve, reject) => {
      fn(...args, (err: unknown, value: T) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(value)));
    });
}
export default { promisify };
