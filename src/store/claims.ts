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
  /**
   * claim, then isDone under the claim, of several keys in one round trip (optional: callers fall back to claim
   * and isDone), in the order of `keys`: "claimed" (held now, not done), "done" (done already; not held) or
   * "taken" (someone else holds it).
   */
  claimUndone?(keys: readonly string[], ttlMs: number): Promise<ClaimAnswer[]>;
  /**
   * markDone of every entry, then release of each: in one round trip, and no claim is released before every done
   * mark is written. On failure nothing is released (optional: callers fall back to markDone and release).
   */
  finishMany?(entries: readonly { key: string; ttlMs?: number }[]): Promise<void>;
}

export type ClaimAnswer = "claimed" | "done" | "taken";

/** Runs one store operation with the store's deadline and error mapping. */
export type StoreRunner = <T>(label: string, op: () => Promise<T>) => Promise<T>;

/** Where local claims keep done marks so they survive a restart (the store's own key-value operations). */
export interface DoneMarks {
  get(key: string): Promise<unknown>;
  getMany?(keys: readonly string[]): Promise<unknown[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Several writes at once, all or none (SQLite: one statement, so one commit). */
  setMany?(entries: readonly { key: string; value: unknown; ttlMs?: number }[]): Promise<void>;
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

  async claimUndone(keys: readonly string[], ttlMs: number): Promise<ClaimAnswer[]> {
    checkTtl(ttlMs);
    const answers: ClaimAnswer[] = [];
    const held: string[] = [];
    for (const key of keys) {
      const won = await this.claim(key, ttlMs);
      answers.push(won ? "claimed" : "taken");
      if (won) held.push(key);
    }
    if (held.length === 0) return answers;
    let done: boolean[];
    try {
      done = await this.isDoneMany(held);
    } catch (error) {
      for (const key of held) this.#claims.delete(key);
      throw error;
    }
    let h = 0;
    for (const [i, answer] of answers.entries()) {
      if (answer !== "claimed") continue;
      if (done[h++]) {
        answers[i] = "done";
        this.#claims.delete(keys[i] as string);
      }
    }
    return answers;
  }

  async finishMany(entries: readonly { key: string; ttlMs?: number }[]): Promise<void> {
    for (const { ttlMs } of entries) if (ttlMs !== undefined) checkTtl(ttlMs);
    if (this.#doneMarks?.setMany) {
      await this.#doneMarks.setMany(
        entries.map(({ key, ttlMs }) => ({
          key: `done:${key}`,
          value: true,
          ...(ttlMs === undefined ? {} : { ttlMs }),
        })),
      );
    } else {
      await Promise.all(entries.map(({ key, ttlMs }) => this.markDone(key, ttlMs)));
    }
    for (const { key } of entries) this.#claims.delete(key);
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
 * claimUndone: KEYS are n claim keys then their n done keys, ARGV the ttl then n tokens. Per key 1 (claimed), 2
 * (done: the claim just taken is given back) or 0 (taken).
 */
const CLAIM_UNDONE = `local n = #KEYS / 2
local out = {}
for i = 1, n do
  if redis.call("set", KEYS[i], ARGV[i + 1], "NX", "PX", ARGV[1]) then
    if redis.call("exists", KEYS[n + i]) == 1 then
      redis.call("del", KEYS[i])
      out[i] = 2
    else
      out[i] = 1
    end
  else
    out[i] = 0
  end
end
return out`;

/**
 * finishMany: KEYS are n done keys then their n claim keys, ARGV n ttls ("" for none) then n tokens ("" for a
 * claim not ours). Every done mark is set before any claim is released.
 */
const FINISH_MANY = `local n = #KEYS / 2
for i = 1, n do
  if ARGV[i] == "" then
    redis.call("set", KEYS[i], "1")
  else
    redis.call("set", KEYS[i], "1", "PX", ARGV[i])
  end
end
for i = 1, n do
  local token = ARGV[n + i]
  if token ~= "" and redis.call("get", KEYS[n + i]) == token then
    redis.call("del", KEYS[n + i])
  end
end
return n`;

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

  async claimUndone(keys: readonly string[], ttlMs: number): Promise<ClaimAnswer[]> {
    checkTtl(ttlMs);
    if (keys.length === 0) return [];
    // One token for the whole call: it only has to tell this call's claims from anyone else's.
    const token = randomUUID();
    const reply = await this.#run(`claim ${keys.length} keys from ${keys[0]}`, () =>
      this.#client.eval(CLAIM_UNDONE, {
        keys: [
          ...keys.map((key) => `${this.#prefix}claim:${key}`),
          ...keys.map((key) => `${this.#prefix}done:${key}`),
        ],
        arguments: [String(ttlMs), ...keys.map(() => token)],
      }),
    );
    const codes = reply as unknown as number[];
    return keys.map((key, i) => {
      const code = codes[i];
      if (code === 1) {
        this.#tokens.set(key, token);
        return "claimed";
      }
      return code === 2 ? "done" : "taken";
    });
  }

  async finishMany(entries: readonly { key: string; ttlMs?: number }[]): Promise<void> {
    for (const { ttlMs } of entries) if (ttlMs !== undefined) checkTtl(ttlMs);
    if (entries.length === 0) return;
    await this.#run(`finish ${entries.length} keys from ${entries[0]?.key}`, () =>
      this.#client.eval(FINISH_MANY, {
        keys: [
          ...entries.map(({ key }) => `${this.#prefix}done:${key}`),
          ...entries.map(({ key }) => `${this.#prefix}claim:${key}`),
        ],
        arguments: [
          ...entries.map(({ ttlMs }) => (ttlMs === undefined ? "" : String(ttlMs))),
          ...entries.map(({ key }) => this.#tokens.get(key) ?? ""),
        ],
      }),
    );
    for (const { key } of entries) this.#tokens.delete(key);
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
