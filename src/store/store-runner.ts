/** The deadline and error mapping around every store operation, and the operations built on it. */
import type { Keyv } from "keyv";
import type { StoreRunner } from "./claims.js";
import { StoreUnavailableError } from "./errors.js";
import type { Store, StoreEntry } from "./store.js";

export function throttledWarn(description: string): (error: Error) => void {
  let lastAt = 0;
  let suppressed = 0;
  return (error) => {
    const now = Date.now();
    if (now - lastAt < 30_000) {
      suppressed++;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} similar errors since the last report)` : "";
    console.warn(`[store] ${description}: ${error.message}${more}`);
    lastAt = now;
    suppressed = 0;
  };
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Wraps an operation: rejects with StoreUnavailableError on failure, on closing, or after `timeoutMs`. */
export function makeRunner(
  description: string,
  timeoutMs: number,
  state: { closed: boolean },
  beforeEach?: () => Promise<void>,
): StoreRunner {
  return async <T>(label: string, op: () => Promise<T>): Promise<T> => {
    if (state.closed) throw new StoreUnavailableError(`${description} is closed (${label})`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StoreUnavailableError(`${description} did not answer within ${timeoutMs} ms (${label})`),
          ),
        timeoutMs,
      );
    });
    const attempt = (async () => {
      if (beforeEach) await beforeEach();
      return op();
    })();
    try {
      return await Promise.race([attempt, deadline]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`${description} failed (${label}): ${asError(error).message}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  };
}

export function storeOps(
  keyv: Keyv,
  run: StoreRunner,
): Pick<Store, "get" | "getMany" | "set" | "delete"> & Required<Pick<Store, "setMany">> {
  return {
    get: <T>(key: string) => run(`get ${key}`, () => keyv.get(key) as Promise<T | undefined>),
    getMany: async <T>(keys: readonly string[]) => {
      if (keys.length === 0) return [];
      const label = `get ${keys.length} keys from ${keys[0]}`;
      const values = await run(label, () => keyv.getMany([...keys]) as Promise<(T | undefined | null)[]>);
      return values.map((value) => value ?? undefined);
    },
    set: async (key, value, ttlMs) => {
      const ok = await run(`set ${key}`, () => keyv.set(key, value, ttlMs));
      if (ok === false) throw new StoreUnavailableError(`the store refused to write ${key}`);
    },
    setMany: (entries) => setManyOp(keyv, run, entries),
    delete: (key) => run(`delete ${key}`, () => keyv.delete(key)),
  };
}

async function setManyOp(keyv: Keyv, run: StoreRunner, entries: readonly StoreEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const results: unknown = await run(`set ${entries.length} keys from ${entries[0]?.key}`, () =>
    keyv.setMany(entries.map(({ key, value, ttlMs }) => ({ key, value, ttl: ttlMs }))),
  );
  if (Array.isArray(results) && results.includes(false))
    throw new StoreUnavailableError(
      `the store refused to write ${entries.length} keys from ${entries[0]?.key}`,
    );
}
