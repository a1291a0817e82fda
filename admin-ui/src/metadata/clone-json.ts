/**
 * A deep copy of a JSON value. Unlike structuredClone it accepts Vue's reactive proxies, which
 * is what values read from stores and props are. `undefined` stays `undefined`.
 */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
