/**
 * Opens the key-value store named by STORE_URL (SQLite file, Redis, or memory) as one keyv instance whose every
 * operation is bounded by a deadline and fails with StoreUnavailableError rather than hanging or crashing.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { RedisClientType } from "@keyv/redis";
import { Keyv } from "keyv";
import { type ChangeFeed, LocalChangeFeed, RedisChangeFeed } from "./change-feed.js";
import { type ClaimStore, LocalClaimStore, RedisClaimStore, type StoreRunner } from "./claims.js";
import { deserialize } from "./deserialize.js";
import { StoreUnavailableError, StoreUrlError } from "./errors.js";
import { SqliteKeyvAdapter } from "./sqlite-adapter.js";

export const DEFAULT_STORE_URL = "sqlite://./data/ismap.sqlite";
export const DEFAULT_NAMESPACE = "ismap";
export const DEFAULT_TIMEOUT_MS = 2_000;

export type StoreLocation =
  | { kind: "sqlite"; path: string }
  | { kind: "redis"; url: string }
  | { kind: "memory" };
export type StoreKind = StoreLocation["kind"];

/** Hides a password in a URL before it goes into a message or a log line. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1***@");
}

/**
 * `sqlite://<path>` (`sqlite://./data/x.sqlite` is relative to the working directory, `sqlite:///abs/x.sqlite`
 * absolute, `sqlite://:memory:` a private in-memory database), `redis://…` or `rediss://…`, `memory://`.
 */
export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim();
  if (trimmed === "memory://" || trimmed === "memory:") return { kind: "memory" };
  if (trimmed.startsWith("sqlite://")) {
    const path = trimmed.slice("sqlite://".length);
    if (path === "") throw new StoreUrlError(`STORE_URL "${trimmed}" names no file: use sqlite://<path>`);
    return { kind: "sqlite", path };
  }
  if (/^rediss?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw new StoreUrlError(`STORE_URL "${redactUrl(trimmed)}" is not a valid Redis URL`);
    }
    return { kind: "redis", url: trimmed };
  }
  throw new StoreUrlError(
    `STORE_URL "${redactUrl(trimmed)}" is not supported: use sqlite://<path>, redis://host:port or memory://`,
  );
}

export interface OpenStoreOptions {
  /** Prefix of every key (`<namespace>:` in SQLite/memory, `<namespace>::` in Redis). Default `ismap`. */
  namespace?: string;
  /** Deadline of each operation in milliseconds. Default 2000. */
  timeoutMs?: number;
  /**
   * Receives connection and operation errors the store reports in the background (e.g. Redis reconnect
   * attempts). Default: one console.warn line, then at most one line every 30 s.
   */
  onError?: (error: Error) => void;
}

export interface Store {
  readonly kind: StoreKind;
  readonly namespace: string;
  /** Where the data lives, with any password hidden. */
  readonly description: string;
  /** The keyv instance underneath. Its own methods are not deadline-bounded: prefer the methods below. */
  readonly keyv: Keyv;
  /** Claims on the same backend: Redis `SET NX PX` for Redis stores, in-process for SQLite and memory. */
  readonly claims: ClaimStore;
  /** Announces changes to every instance sharing this store, for in-process caches of store data. */
  readonly changes: ChangeFeed;
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Several keys in one round trip (SQLite: one query, Redis: MGET); answers in the order of `keys`. */
  getMany<T = unknown>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Several writes in one round trip, all or none (SQLite: one statement, one commit; Redis: MULTI). */
  setMany?(entries: readonly StoreEntry[]): Promise<void>;
  delete(key: string): Promise<boolean>;
  /** Runs any operation with this store's deadline and error mapping (StoreUnavailableError). */
  run: StoreRunner;
  /** Releases the connection; afterwards every operation rejects with StoreUnavailableError. */
  close(): Promise<void>;
}

export interface StoreEntry {
  key: string;
  value: unknown;
  ttlMs?: number;
}

function throttledWarn(description: string): (error: Error) => void {
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

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

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

/** Wraps an operation: rejects with StoreUnavailableError on failure, on closing, or after `timeoutMs`. */
function makeRunner(
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

function storeOps(
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

function localStore(
  kind: "memory" | "sqlite",
  description: string,
  keyv: Keyv,
  options: OpenStoreOptions,
  timeoutMs: number,
  disconnect: () => Promise<void> = async () => undefined,
): Store {
  const onError = options.onError ?? throttledWarn(description);
  keyv.on("error", (error: unknown) => onError(asError(error)));
  const state = { closed: false };
  const run = makeRunner(description, timeoutMs, state);
  const ops = storeOps(keyv, run);
  return {
    kind,
    namespace: keyv.namespace ?? DEFAULT_NAMESPACE,
    description,
    keyv,
    claims: new LocalClaimStore({ doneMarks: ops }),
    changes: new LocalChangeFeed(),
    ...ops,
    run,
    async close() {
      if (state.closed) return;
      state.closed = true;
      await disconnect().catch((error: unknown) => onError(asError(error)));
    },
  };
}

function openSqlite(path: string, namespace: string, options: OpenStoreOptions, timeoutMs: number): Store {
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

/**
 * The Redis client library, loaded when a Redis store is first opened: it takes about a tenth of a second to load,
 * and a SQLite deployment never needs it (the process starts that much sooner).
 */
function redisLibrary(): typeof import("@keyv/redis") {
  return createRequire(import.meta.url)("@keyv/redis");
}

function openRedis(url: string, namespace: string, options: OpenStoreOptions, timeoutMs: number): Store {
  const { default: KeyvRedis, createClient } = redisLibrary();
  const description = `Redis store ${redactUrl(url)}`;
  const onError = options.onError ?? throttledWarn(description);
  const client = createClient({
    url,
    // Commands fail at once while disconnected instead of queueing and running late, after we gave up on them.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries: number) =>
        Math.min(100 * 2 ** retries, 2_000) + Math.floor(Math.random() * 100),
    },
  }) as RedisClientType;
  // Without a listener an 'error' event would crash the process.
  client.on("error", (error: unknown) => onError(asError(error)));
  // Connects in the background (retrying with back-off); operations wait for it within their deadline.
  client.connect().catch(() => undefined);

  let readyWait: Promise<void> | undefined;
  const whenReady = (): Promise<void> => {
    if (client.isReady) return Promise.resolve();
    readyWait ??= new Promise<void>((resolve) => {
      client.once("ready", () => {
        readyWait = undefined;
        resolve();
      });
    });
    return readyWait;
  };

  const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
  const keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true, deserialize });
  // The adapter re-emits the client's errors through keyv; the client listener above already reports them.
  keyv.on("error", () => undefined);
  const state = { closed: false };
  const run = makeRunner(description, timeoutMs, state, whenReady);
  const ops = storeOps(keyv, run);
  const changes = new RedisChangeFeed(client, `${namespace}${adapter.keyPrefixSeparator}changes`, onError);
  return {
    kind: "redis",
    namespace,
    description,
    keyv,
    claims: new RedisClaimStore(client, { prefix: `${namespace}${adapter.keyPrefixSeparator}`, run }),
    changes,
    ...ops,
    run,
    async close() {
      if (state.closed) return;
      state.closed = true;
      await changes.close();
      if (!client.isOpen) return;
      if (client.isReady) {
        let timer: NodeJS.Timeout | undefined;
        const closed = await Promise.race([
          client.close().then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          }),
        ]).catch(() => false);
        clearTimeout(timer);
        if (closed || !client.isOpen) return;
      }
      // A reconnect attempt that is waiting out its back-off ends by itself once it sees the client closed.
      client.destroy();
    },
  };
}
