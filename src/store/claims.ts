/**
 * Claims: short-lived exclusive rights to do one piece of work (send one reminder, save one profile), and "done"
 * marks that record the work happened. Redis claims hold across processes; local claims hold in one process only.
 */
import { randomUUID } from "node:crypto";
import type { RedisClientType } from "@keyv/redis";

export interface ClaimStore {
  /**
   * Tries to take `key` for `ttlMs` milliseconds. Atomic: of many concurrent claimers exactly one gets `true`.
   * The claim lapses by itself after `ttlMs`, so a crashed holder never blocks the work for good.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives up a claim this instance holds (a claim taken over by someone else after it lapsed is left alone). */
  release(key: string): Promise<void>;
  /** Records that the work for `key` is done; kept forever unless `ttlMs` is given. */
  markDone(key: string, ttlMs?: number): Promise<void>;
  isDone(key: string): Promise<boolean>;
  /** isDone of several keys in one round trip, in the order of `keys` (optional: callers fall back to isDone). */
  isDoneMany?(keys: readonly string[]): Promise<boolean[]>;
}

/** Runs one store operation with the store's deadline and error mapping. */
export type StoreRunner = <T>(label: string, op: () => Promise<T>) => Promise<T>;

/** Where local claims keep done marks so they survive a restart (the store's own key-value operations). */
export interface DoneMarks {
  get(key: string): Promise<unknown>;
  getMany?(keys: readonly string[]): Promise<unknown[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
}

function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`claim ttl must be a positive integer, got ${ttlMs}`);
}

/**
 * Claims held in this process (a Map with expiry), for SQLite and memory stores, which serve one instance.
 * Done marks go to `doneMarks` when given (persisted with the store), else to memory.
 */
export class LocalClaimStore implements ClaimStore {
  readonly #claims = new Map<string, number>();
  readonly #done = new Map<string, number>();
  readonly #doneMarks: DoneMarks | undefined;
  readonly #now: () => number;
  #sinceSweep = 0;

  constructor(options: { doneMarks?: DoneMarks; now?: () => number } = {}) {
    this.#doneMarks = options.doneMarks;
    this.#now = options.now ?? Date.now;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    const now = this.#now();
    const expiresAt = this.#claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.#claims.set(key, now + ttlMs);
    if (++this.#sinceSweep >= 256) this.#sweep(now);
    return true;
  }

  async release(key: string): Promise<void> {
    this.#claims.delete(key);
  }

  async markDone(key: string, ttlMs?: number): Promise<void> {
    if (ttlMs !== undefined) checkTtl(ttlMs);
    if (this.#doneMarks) {
      await this.#doneMarks.set(`done:${key}`, true, ttlMs);
      return;
    }
    this.#done.set(key, ttlMs === undefined ? Number.POSITIVE_INFINITY : this.#now() + ttlMs);
  }

  async isDone(key: string): Promise<boolean> {
    if (this.#doneMarks) return (await this.#doneMarks.get(`done:${key}`)) !== undefined;
    const expiresAt = this.#done.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > this.#now()) return true;
    this.#done.delete(key);
    return false;
  }

  async isDoneMany(keys: readonly string[]): Promise<boolean[]> {
    if (this.#doneMarks?.getMany) {
      const marks = await this.#doneMarks.getMany(keys.map((key) => `done:${key}`));
      return marks.map((mark) => mark !== undefined);
    }
    return Promise.all(keys.map((key) => this.isDone(key)));
  }

  #sweep(now: number): void {
    this.#sinceSweep = 0;
    for (const [key, expiresAt] of this.#claims) if (expiresAt <= now) this.#claims.delete(key);
    for (const [key, expiresAt] of this.#done) if (expiresAt <= now) this.#done.delete(key);
  }
}

/** Deletes the key only if it still holds our token, so a lapsed claim re-taken by another holder survives. */
const RELEASE_IF_OURS = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Claims in Redis: `SET <prefix>claim:<key> <token> NX PX <ttl>`, shared by every process on that Redis.
 * Keys live under the store's prefix (`<namespace>::`), next to the store's own keys.
 */
export class RedisClaimStore implements ClaimStore {
  readonly #client: RedisClientType;
  readonly #prefix: string;
  readonly #run: StoreRunner;
  /** The token of each claim this instance won, so release never deletes somebody else's claim. */
  readonly #tokens = new Map<string, string>();

  constructor(client: RedisClientType, options: { prefix: string; run: StoreRunner }) {
    this.#client = client;
    this.#prefix = options.prefix;
    this.#run = options.run;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    const token = randomUUID();
    const reply = await this.#run(`claim ${key}`, () =>
      this.#client.set(`${this.#prefix}claim:${key}`, token, {
        condition: "NX",
        expiration: { type: "PX", value: ttlMs },
      }),
    );
    if (reply !== "OK") return false;
    this.#tokens.set(key, token);
    return true;
  }

  async release(key: string): Promise<void> {
    const token = this.#tokens.get(key);
    if (token === undefined) return;
    this.#tokens.delete(key);
    await this.#run(`release ${key}`, () =>
      this.#client.eval(RELEASE_IF_OURS, { keys: [`${this.#prefix}claim:${key}`], arguments: [token] }),
    );
  }

  async markDone(key: string, ttlMs?: number): Promise<void> {
    if (ttlMs !== undefined) checkTtl(ttlMs);
    const options = ttlMs === undefined ? {} : { expiration: { type: "PX" as const, value: ttlMs } };
    await this.#run(`mark done ${key}`, () => this.#client.set(`${this.#prefix}done:${key}`, "1", options));
  }

  async isDone(key: string): Promise<boolean> {
    const count = await this.#run(`is done ${key}`, () => this.#client.exists(`${this.#prefix}done:${key}`));
    return count > 0;
  }

  async isDoneMany(keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const marks = await this.#run(`are done ${keys.length} keys from ${keys[0]}`, () =>
      this.#client.mGet(keys.map((key) => `${this.#prefix}done:${key}`)),
    );
    return marks.map((mark) => mark !== null);
  }
}

/**
 * Runs `work` while holding the claim `key`, waiting (polling) up to `waitMs` for it. Returns `undefined` if the
 * claim stayed taken. The claim is released afterwards, even if `work` throws.
 */
export async function withClaim<T>(
  claims: ClaimStore,
  key: string,
  options: { ttlMs: number; waitMs: number },
  work: () => Promise<T>,
): Promise<{ value: T } | undefined> {
  const deadline = Date.now() + options.waitMs;
  while (!(await claims.claim(key, options.ttlMs))) {
    if (Date.now() >= deadline) return undefined;
    await pause();
  }
  try {
    return { value: await work() };
  } finally {
    await claims.release(key).catch(() => undefined);
  }
}

/** A short randomised wait between claim attempts, so waiters do not poll in lockstep. */
export function pause(minMs = 5, maxMs = 25): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, minMs + Math.random() * (maxMs - minMs)));
}
