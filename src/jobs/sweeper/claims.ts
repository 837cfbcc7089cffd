/**
 * Claims and done marks of the sweeper: an occurrence is claimed (with the re-check that it is not done) before it
 * is posted and marked done after; both go to the store in batches. The state is explicit: the keys known to be
 * done (done marks are never taken back, so a positive answer can be remembered) and the keys posted whose done
 * mark could not be written (retried at the start of every sweep).
 */
import type { PlannedOccurrence } from "../../reminders/due.js";
import { outcomeKey } from "../../reminders/occurrence.js";
import type { ClaimAnswer } from "../../store/claims.js";
import { batched, FINISH_BATCH_DELAY_MS } from "./pacing.js";
import { describeError, type SweepSettings } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Done marks are kept this long after the item is past due, then expire from the store. */
const DONE_KEPT_AFTER_PAST_DUE_MS = 400 * DAY_MS;
/** Known-done keys remembered in process; the set is cleared when it grows past this. */
const DONE_CACHE_MAX = 1_000_000;

/** A posted (or closed) occurrence whose done mark and outcome are to be written, and its claim released. */
export interface Finish {
  key: string;
  ttlMs: number;
  outcome: Record<string, unknown>;
}

export interface ClaimState {
  /** Keys known to be done. */
  doneCache: Set<string>;
  /** Posted, but the done mark could not be written: key → done mark TTL. */
  unmarked: Map<string, number>;
}

export interface ClaimBook {
  readonly state: ClaimState;
  remember(key: string): void;
  /** Of `keys`, those done (the store asked only about keys not known to be done). */
  doneKeys(keys: readonly string[]): Promise<Set<string>>;
  /** Claims with the re-check under the claim; the calls of one event loop turn share one store round trip. */
  claimUndone(key: string): Promise<ClaimAnswer>;
  /**
   * Writes done marks and outcomes of several occurrences together (one store round trip, one SQLite commit),
   * then releases their claims. Each poster waits for its batch, so that at most one post per poster (`concurrency`)
   * is ever accepted by Slack without its done mark written. Resolves false for marks that could not be written
   * (their claims are kept until they lapse).
   */
  finish(item: Finish): Promise<boolean>;
  /** Tries again the done marks that could not be written before. */
  retryUnmarked(): Promise<void>;
}

/** How long an occurrence's done mark is kept: until some time after it is past due. */
export function doneTtl(occurrence: PlannedOccurrence, at: Date): number {
  return Math.max(1, Math.round(occurrence.pastDueAt.getTime() - at.getTime() + DONE_KEPT_AFTER_PAST_DUE_MS));
}

export function createClaimBook(s: SweepSettings): ClaimBook {
  const { claims, store, logger, sleep, claimTtlMs } = s;
  const state: ClaimState = { doneCache: new Set(), unmarked: new Map() };

  const remember = (key: string) => {
    if (state.doneCache.size >= DONE_CACHE_MAX) state.doneCache = new Set();
    state.doneCache.add(key);
  };

  async function doneKeys(keys: readonly string[]): Promise<Set<string>> {
    const unknown = keys.filter((key) => !state.doneCache.has(key));
    const answers =
      unknown.length === 0
        ? []
        : claims.isDoneMany
          ? await claims.isDoneMany(unknown)
          : await Promise.all(unknown.map((key) => claims.isDone(key)));
    answers.forEach((done, i) => {
      if (done) remember(unknown[i] as string);
    });
    return new Set(keys.filter((key) => state.doneCache.has(key)));
  }

  async function markDone(key: string, ttlMs: number): Promise<boolean> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await claims.markDone(key, ttlMs);
        remember(key);
        state.unmarked.delete(key);
        return true;
      } catch (error) {
        if (attempt === 3) {
          logger.error(
            `could not mark ${key} done (${describeError(error)}); this instance will not post it again`,
          );
        } else {
          await sleep(100 * attempt);
        }
      }
    }
    remember(key);
    state.unmarked.set(key, ttlMs);
    return false;
  }

  const claimUndone = batched<string, ClaimAnswer>(
    async (keys) => {
      if (claims.claimUndone) return claims.claimUndone(keys, claimTtlMs);
      return Promise.all(
        keys.map(async (key): Promise<ClaimAnswer> => {
          if (!(await claims.claim(key, claimTtlMs))) return "taken";
          try {
            if (!(await claims.isDone(key))) return "claimed";
          } catch (error) {
            await claims.release(key).catch(() => undefined);
            throw error;
          }
          await claims.release(key).catch(() => undefined);
          return "done";
        }),
      );
    },
    256,
    0,
  );

  async function finishTogether(
    finishMany: NonNullable<typeof claims.finishMany>,
    items: readonly Finish[],
  ): Promise<boolean[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        await finishMany(items.map(({ key, ttlMs }) => ({ key, ttlMs })));
        for (const { key } of items) {
          remember(key);
          state.unmarked.delete(key);
        }
        return items.map(() => true);
      } catch (error) {
        if (attempt < 3) {
          await sleep(100 * attempt);
          continue;
        }
        for (const { key, ttlMs } of items) {
          logger.error(
            `could not mark ${key} done (${describeError(error)}); this instance will not post it again`,
          );
          remember(key);
          state.unmarked.set(key, ttlMs);
        }
        return items.map(() => false);
      }
    }
  }

  const finish = batched<Finish, boolean>(
    async (items) => {
      const outcomes = (
        store.setMany
          ? store.setMany(
              items.map(({ key, ttlMs, outcome }) => ({ key: outcomeKey(key), value: outcome, ttlMs })),
            )
          : Promise.all(items.map(({ key, ttlMs, outcome }) => store.set(outcomeKey(key), outcome, ttlMs)))
      ).catch(() => undefined);
      const finishMany = claims.finishMany?.bind(claims);
      let marked: boolean[];
      if (!finishMany) {
        marked = await Promise.all(
          items.map(async ({ key, ttlMs }) => {
            const ok = await markDone(key, ttlMs);
            if (ok) await claims.release(key).catch(() => undefined);
            return ok;
          }),
        );
      } else {
        marked = await finishTogether(finishMany, items);
      }
      await outcomes;
      return marked;
    },
    // Each poster has at most one finish pending: once every poster waits, waiting longer gains nothing.
    Math.min(s.concurrency, 256),
    FINISH_BATCH_DELAY_MS,
  );

  async function retryUnmarked(): Promise<void> {
    for (const [key, ttl] of [...state.unmarked]) {
      await claims
        .markDone(key, ttl)
        .then(() => state.unmarked.delete(key))
        .catch(() => undefined);
    }
  }

  return { state, remember, doneKeys, claimUndone, finish, retryUnmarked };
}
