/** The SQLite backend of the store: a file (or `:memory:`) behind keyv, through the adapter in sqlite-adapter.ts. */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Keyv } from "keyv";
import { deserialize } from "./deserialize.js";
import { StoreUnavailableError } from "./errors.js";
import { localStore } from "./local-store.js";
import { SqliteKeyvAdapter } from "./sqlite-adapter.js";
import type { OpenStoreOptions, Store } from "./store.js";
import { asError } from "./store-runner.js";

export function openSqlite(
  path: string,
  namespace: string,
  options: OpenStoreOptions,
  timeoutMs: number,
): Store {
  const inMemory = path === ":memory:";
  const file = inMemory ? path : resolve(path);
  const description = `SQLite store ${file}`;
  if (!inMemory) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreUnavailableError(`${description}: cannot create its folder: ${asError(error).message}`, {
        cause: error,
      });
    }
  }
  const adapter = new SqliteKeyvAdapter({ file, timeoutMs });
  // Opened with the store, so that the first request does not wait for it; one that cannot open now is opened by
  // the first operation, which then fails with the reason.
  adapter.warmUp();
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, deserialize });
  return localStore("sqlite", description, keyv, options, timeoutMs, () => adapter.disconnect());
}
