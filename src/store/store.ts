/** What every opened store offers, whatever its backend, and how it is opened. */
import type { Keyv } from "keyv";
import type { ChangeFeed } from "./change-feed.js";
import type { ClaimStore, StoreRunner } from "./claims.js";
import type { StoreKind } from "./store-url.js";

export const DEFAULT_NAMESPACE = "ismap";
export const DEFAULT_TIMEOUT_MS = 2_000;

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
