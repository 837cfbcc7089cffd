/**
 * The batched store work of the sweeper, on every store kind: claims with the done re-check in one round trip,
 * done marks written and claims released together, several writes at once; and what the sweeper makes of them:
 * done marks flushed in batches, at most `concurrency` posts accepted by Slack without their done marks written,
 * a batch whose marks cannot be written never posted again by this instance, and exactly once across two
 * sweepers on one Redis. The sweeper's own transport (keep-alive fetch) against the fake Slack: a timeout fails
 * the post, which a later sweep retries.
 */

import type { WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { reminderWebClient } from "../../src/jobs/sweeper/sweeper.js";
import type { ClaimStore } from "../../src/store/claims.js";
import type { TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/store.js";
import { putProfile } from "../support/fixtures.js";
import { describeWithRedis, forEachStoreBackend, StoreBackend } from "../support/redis.js";
import {
  enableExternalReminders,
  governanceDueProfile,
  jst,
  postedKeys,
  sweeperFor,
} from "../support/reminders.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Audit period 2025-09-21 … 2026-09-20 (management audited after it, on 2026-10-01): its governance audit is due by
 * the report day 2026-12-20 (3 months from 2026-09-21), and the 30-day lead goes out 2026-11-20 10:00 JST.
 */
const AT = jst("2026-11-20 10:00");
const keyOf = (team: TeamKey) => `rem:-:${team.teamId}:external:governance-p2025-09-21:2026-12-20:30`;
const teamsOf = (n: number, prefix = "T0B"): TeamKey[] =>
  Array.from({ length: n }, (_, i) => ({ teamId: `${prefix}${String(i).padStart(5, "0")}` }));

async function seedTeams(store: Store, teams: readonly TeamKey[]): Promise<void> {
  const profile = governanceDueProfile();
  await Promise.all(teams.map((team) => putProfile(store, team, profile)));
  await enableExternalReminders(store, teams);
}

/** A stand-in Web API client: records each post Slack would have accepted, optionally holding posts at a gate. */
function stubClient(gate?: (pending: number) => Promise<void>) {
  const accepted: string[] = [];
  let pending = 0;
  const client = {
    chat: {
      postMessage: async (args: { metadata?: { event_payload?: { key?: string } } }) => {
        pending++;
        await gate?.(pending);
        pending--;
        accepted.push(args.metadata?.event_payload?.key ?? "?");
        return { ok: true, ts: `${Date.now()}.000${accepted.length}` };
      },
    },
  };
  return { accepted, client: client as unknown as WebClient };
}

/** The store with its claims wrapped: `finishMany` observed (and optionally replaced). */
function withFinish(
  store: Store,
  finishMany: (
    inner: NonNullable<ClaimStore["finishMany"]>,
    entries: { key: string; ttlMs?: number }[],
  ) => Promise<void>,
): Store {
  const claims = store.claims;
  const inner = claims.finishMany?.bind(claims);
  if (!inner) throw new Error("this claim store has no finishMany");
  const wrapped: ClaimStore = {
    claim: (key, ttl) => claims.claim(key, ttl),
    release: (key) => claims.release(key),
    markDone: (key, ttl) => claims.markDone(key, ttl),
    isDone: (key) => claims.isDone(key),
    ...(claims.isDoneMany ? { isDoneMany: claims.isDoneMany.bind(claims) } : {}),
    ...(claims.claimUndone ? { claimUndone: claims.claimUndone.bind(claims) } : {}),
    finishMany: (entries) => finishMany(inner, [...entries]),
  };
  return { ...store, claims: wrapped };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

forEachStoreBackend((backend) => {
  it("claimUndone: claims what is neither done nor held, gives back what is done, leaves what is held", async () => {
    const { claims } = backend.open();
    await claims.markDone("a");
    expect(await claims.claim("b", 5_000)).toBe(true);
    expect(await claims.claimUndone?.(["a", "b", "c", "c"], 5_000)).toEqual([
      "done",
      "taken",
      "claimed",
      "taken",
    ]);
    // The claim taken on "a" to check it was given back; "c" stays held.
    expect(await claims.claim("a", 5_000)).toBe(true);
    expect(await claims.claim("c", 5_000)).toBe(false);
    expect(await claims.claimUndone?.([], 5_000)).toEqual([]);
  });

  it("finishMany: marks every key done, forever or for a while, and releases the claims", async () => {
    const { claims } = backend.open();
    expect(await claims.claimUndone?.(["x", "y"], 5_000)).toEqual(["claimed", "claimed"]);
    await claims.finishMany?.([{ key: "x" }, { key: "y", ttlMs: 80 }]);
    expect(await claims.isDoneMany?.(["x", "y"])).toEqual([true, true]);
    expect(await claims.claim("x", 5_000)).toBe(true);
    expect(await claims.claim("y", 5_000)).toBe(true);
    await sleep(150);
    expect(await claims.isDone("x")).toBe(true);
    expect(await claims.isDone("y")).toBe(false);
    await expect(claims.finishMany?.([{ key: "z", ttlMs: 0 }])).rejects.toThrow(RangeError);
  });

  if (backend.kind === "redis") {
    it("finishMany leaves alone a claim that lapsed and was taken by another holder", async () => {
      const a = backend.open().claims;
      const b = backend.open().claims;
      expect(await a.claimUndone?.(["z"], 50)).toEqual(["claimed"]);
      await sleep(100);
      expect(await b.claim("z", 5_000)).toBe(true);
      await a.finishMany?.([{ key: "z" }]);
      expect(await b.isDone("z")).toBe(true);
      expect(await backend.open().claims.claim("z", 5_000)).toBe(false);
    });
  }

  it("setMany writes every entry (overwriting, with or without expiry) and reads back as set would", async () => {
    const store = backend.open();
    await store.setMany?.([]);
    await store.set("k1", { old: true });
    await store.setMany?.([
      { key: "k1", value: { a: 1, text: '日本語 "quoted"' } },
      { key: "k2", value: "s", ttlMs: 80 },
      { key: "k3", value: [1, 2] },
    ]);
    expect(await store.getMany(["k1", "k2", "k3"])).toEqual([{ a: 1, text: '日本語 "quoted"' }, "s", [1, 2]]);
    await sleep(150);
    expect(await store.get("k2")).toBeUndefined();
    expect(await store.get("k3")).toEqual([1, 2]);
  });

  it("the sweeper writes the done marks of posts that finish together in one batch", async () => {
    const store = backend.open();
    const teams = teamsOf(12);
    await seedTeams(store, teams);
    const batches: number[] = [];
    const observed = withFinish(store, async (inner, entries) => {
      batches.push(entries.length);
      await inner(entries);
    });
    // Posts are answered four at a time, so four posters reach their done marks in the same turn.
    let open: (() => void) | undefined;
    let gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const { accepted, client } = stubClient(async (pending) => {
      const mine = gate;
      if (pending === 4) {
        open?.();
        gate = new Promise<void>((resolve) => {
          open = resolve;
        });
      }
      await mine;
    });
    const fx = sweeperFor(observed, () => client, { concurrency: 4 });
    const report = await fx.sweeper.sweepOnce(AT);
    expect(report.sent).toBe(12);
    expect([...accepted].sort()).toEqual(teams.map(keyOf).sort());
    expect(batches).toEqual([4, 4, 4]);
    const fresh = backend.kind === "memory" ? store : backend.open();
    expect(await fresh.claims.isDoneMany?.(teams.map(keyOf))).toEqual(teams.map(() => true));
    expect((await fx.sweeper.sweepOnce(AT)).sent).toBe(0);
  });

  it("while done marks cannot be written, no more than `concurrency` posts are accepted without one", async () => {
    const store = backend.open();
    const teams = teamsOf(12);
    await seedTeams(store, teams);
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finishes = 0;
    const slow = withFinish(store, async (inner, entries) => {
      finishes++;
      await held;
      await inner(entries);
    });
    const { accepted, client } = stubClient();
    const fx = sweeperFor(slow, () => client, { concurrency: 4 });
    const sweep = fx.sweeper.sweepOnce(AT);
    await until(() => accepted.length >= 4 && finishes > 0, "four posts waiting for their done marks");
    // Every poster now waits for its done mark: nothing more goes to Slack.
    await sleep(100);
    expect(accepted).toHaveLength(4);
    release?.();
    const report = await sweep;
    expect(report.sent).toBe(12);
    expect(new Set(accepted).size).toBe(12);
  });

  it("a batch of done marks that cannot be written: logged per key, claims kept, never posted again here", async () => {
    const store = backend.open();
    const teams = teamsOf(3);
    await seedTeams(store, teams);
    let failing = true;
    const flaky = withFinish(store, async (inner, entries) => {
      if (failing) throw new Error("store down");
      await inner(entries);
    });
    const { accepted, client } = stubClient();
    const fx = sweeperFor(flaky, () => client, { concurrency: 4, sleep: async () => undefined });
    expect((await fx.sweeper.sweepOnce(AT)).sent).toBe(3);
    expect(fx.logger.at("error").filter((l) => l.includes("could not mark"))).toHaveLength(3);
    // The claims are kept (until they lapse), so no other sweeper posts them meanwhile.
    for (const team of teams) expect(await store.claims.claim(keyOf(team), 1_000)).toBe(false);
    expect((await fx.sweeper.sweepOnce(AT)).sent).toBe(0);
    failing = false;
    await fx.sweeper.sweepOnce(AT);
    expect(await store.claims.isDoneMany?.(teams.map(keyOf))).toEqual([true, true, true]);
    expect(accepted).toHaveLength(3);
  });
});

let fake: SlackEmulator;
beforeAll(async () => {
  fake = await startSlackEmulator();
});
afterAll(async () => {
  await fake?.close();
});

describeWithRedis("batched claims on one Redis, two sweepers", () => {
  const backend = new StoreBackend("redis");
  beforeAll(() => backend.setUp());
  afterAll(() => backend.tearDown());

  it("two sweepers on their own connections, sweeping at once, post every occurrence exactly once", {
    timeout: 60_000,
  }, async () => {
    fake.reset();
    const teams = teamsOf(300, "T0R");
    await seedTeams(backend.open(), teams);
    const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
    const [a, b] = [sweeperFor(backend.open(), () => client), sweeperFor(backend.open(), () => client)];
    const [ra, rb] = await Promise.all([a.sweeper.sweepOnce(AT), b.sweeper.sweepOnce(AT)]);
    expect(ra.sent + rb.sent).toBe(300);
    const keys = postedKeys(fake);
    expect(keys).toHaveLength(300);
    expect([...keys].sort()).toEqual(teams.map(keyOf).sort());
    const [c, d] = [sweeperFor(backend.open(), () => client), sweeperFor(backend.open(), () => client)];
    const again = await Promise.all([c.sweeper.sweepOnce(AT), d.sweeper.sweepOnce(AT)]);
    expect(again[0].sent + again[1].sent).toBe(0);
    expect(postedKeys(fake)).toHaveLength(300);
  });
});

describe("the sweeper's transport", () => {
  const backend = new StoreBackend("sqlite");
  beforeEach(() => backend.setUp());
  afterEach(() => backend.tearDown());

  it("keep-alive fetch: a post that times out fails, and a later sweep posts it", async () => {
    fake.reset();
    const store = backend.open();
    const [team] = teamsOf(1, "T0K") as [TeamKey];
    await seedTeams(store, [team]);
    const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url, timeoutMs: 100 });
    const fx = sweeperFor(store, () => client, { retry: { baseMs: 1_000 } });
    fake.failNext("chat.postMessage", { delayMs: 400 });
    const first = await fx.sweeper.sweepOnce(AT);
    expect(first.failed).toBe(1);
    expect(first.occurrences[0]?.status).toBe("failed");
    const later = await fx.sweeper.sweepOnce(new Date(AT.getTime() + 2_000));
    expect(later.sent).toBe(1);
    expect(await store.claims.isDone(keyOf(team))).toBe(true);
  });
});
