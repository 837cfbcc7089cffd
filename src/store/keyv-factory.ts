/**
 * Opens the key-value store named by STORE_URL (SQLite file, Redis, or memory) as one keyv instance whose every
 * operation is bounded by a deadline and fails with StoreUnavailableError rather than hanging or crashing.
 */
import { Keyv } from "keyv";
import { deserialize } from "./deserialize.js";
import { localStore } from "./local-store.js";
import { openRedis } from "./redis-store.js";
import { openSqlite } from "./sqlite-store.js";
import { DEFAULT_NAMESPACE, DEFAULT_TIMEOUT_MS, type OpenStoreOptions, type Store } from "./store.js";
import { parseStoreUrl } from "./store-url.js";

export const DEFAULT_STORE_URL = "sqlite://./data/ismap.sqlite";

/** Opens the store named by `url`. Never throws for an unreachable server: operations reject instead. */
export function openStore(url: string = DEFAULT_STORE_URL, options: OpenStoreOptions = {}): Store {
  const location = parseStoreUrl(url);
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  switch (location.kind) {
    case "memory":
      return localStore(
        "memory",
        "memory://",
        new Keyv({ namespace, throwOnErrors: true, deserialize }),
        options,
        timeoutMs,
      );
    case "sqlite":
      return openSqlite(location.path, namespace, options, timeoutMs);
    case "redis":
      return openRedis(location.url, namespace, options, timeoutMs);
  }
}
