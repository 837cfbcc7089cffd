/**
 * Gives tests a Redis URL (REDIS_URL, default redis://127.0.0.1:6379) and runs suites against every store kind.
 * When Redis does not answer: under CI (`CI` set) Redis suites FAIL with the reason; elsewhere they are skipped
 * with one printed line saying why.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { afterEach, beforeAll, beforeEach, describe } from "vitest";
import { openStore } from "../../src/store/keyv-factory.js";
import type { OpenStoreOptions, Store } from "../../src/store/store.js";
import type { StoreKind } from "../../src/store/store-url.js";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const IN_CI = Boolean(process.env.CI);

async function probe(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on("error", () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("no answer within 2 s")), 2_000);
      }),
    ]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
    if (client.isOpen) client.destroy();
  }
}

const unavailable = await probe(REDIS_URL);
export const redisAvailable = unavailable === undefined;
let skipNoticePrinted = false;

/** `describe` for suites that need Redis (see the file comment for what happens when it does not answer). */
export function describeWithRedis(name: string, body: () => void): void {
  const skip = !redisAvailable && !IN_CI;
  if (skip && !skipNoticePrinted) {
    skipNoticePrinted = true;
    console.warn(
      `[test] SKIPPING Redis suites: no Redis at ${REDIS_URL} (${unavailable}). Start redis-server or set REDIS_URL; under CI this fails.`,
    );
  }
  describe.skipIf(skip)(name, () => {
    if (!redisAvailable) {
      beforeAll(() => {
        throw new Error(`Redis is required under CI but ${REDIS_URL} did not answer: ${unavailable}`);
      });
    }
    body();
  });
}

/** A key prefix no other test run uses. */
export function uniqueNamespace(label = "t"): string {
  return `ismap-test-${label}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Deletes every key starting with `prefix` in the test Redis. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  client.on("error", () => undefined);
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}

/** One store kind for a parameterised suite; `open()` uses a fresh namespace (and SQLite file) per test. */
export class StoreBackend {
  namespace = "";
  #dir: string | undefined;
  readonly #opened: Store[] = [];

  constructor(readonly kind: StoreKind) {}

  /** STORE_URL of the current test: a temp file for SQLite (in a folder openStore has to create). */
  get url(): string {
    if (this.kind === "memory") return "memory://";
    if (this.kind === "redis") return REDIS_URL;
    return `sqlite://${join(this.#dir ?? "", "nested", "ismap.sqlite")}`;
  }

  /** Each call opens another connection to the same data (memory stores never share data). */
  open(options: OpenStoreOptions = {}): Store {
    const store = openStore(this.url, { namespace: this.namespace, ...options });
    this.#opened.push(store);
    return store;
  }

  async setUp(): Promise<void> {
    this.namespace = uniqueNamespace(this.kind);
    if (this.kind === "sqlite") this.#dir = await mkdtemp(join(tmpdir(), "ismap-store-"));
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.#opened.splice(0).map((store) => store.close()));
    if (this.kind === "redis") await deleteRedisKeys(this.namespace);
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }
}

/** Runs `body` once per store kind: memory://, sqlite://<temp file>, redis://… (Redis gated as above). */
export function forEachStoreBackend(body: (backend: StoreBackend) => void): void {
  for (const kind of ["memory", "sqlite", "redis"] as const) {
    const suite = kind === "redis" ? describeWithRedis : describe;
    suite(`${kind} store`, () => {
      const backend = new StoreBackend(kind);
      beforeEach(() => backend.setUp());
      afterEach(() => backend.tearDown());
      body(backend);
    });
  }
}
