/**
 * Several instances on one Redis: 1,000 teams with one due reminder each, swept by two processes at once against
 * the same fake Slack. Every occurrence is posted exactly once, also when one process dies holding claims, and
 * nothing is posted again when both are restarted.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import type { TeamKey } from "../../src/store/keys.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { putProfile } from "../support/fixtures.js";
import { deleteRedisKeys, describeWithRedis, REDIS_URL, uniqueNamespace } from "../support/redis.js";
import { enableExternalReminders, governanceDueProfile, postedKeys } from "../support/reminders.js";

const TEAMS = 1_000;
/**
 * Audit period 2025-09-21 … 2026-09-20 (management audited after it, on 2026-10-01): its governance audit is due by
 * the report day 2026-12-20 (3 months from 2026-09-21), and the 30-day lead goes out 2026-11-20 10:00 JST.
 */
const AT = "2026-11-20T10:00:00+09:00";
const CLAIM_TTL_MS = 2_000;
const LONG_TTL_MS = 6_000;

interface Worker {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

let fake: SlackEmulator;
let namespace: string;
let store: Store;

function startWorker(extra: Record<string, string> = {}): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "test/reminders/worker.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      STORE_URL: REDIS_URL,
      STORE_NAMESPACE: namespace,
      SLACK_API_URL: fake.url,
      SLACK_BOT_TOKEN: fake.botToken,
      AT,
      CLAIM_TTL_MS: String(CLAIM_TTL_MS),
      ...extra,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

interface WorkerReport {
  sent: number;
  late: number;
  failed: number;
  claimedElsewhere: number;
  durationMs: number;
}

function reportOf(worker: Worker): WorkerReport {
  const line = worker
    .stdout()
    .split("\n")
    .find((l) => l.startsWith("report "));
  if (!line) throw new Error(`no report from worker; stderr:\n${worker.stderr()}`);
  return JSON.parse(line.slice("report ".length)) as WorkerReport;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

const teams: TeamKey[] = Array.from({ length: TEAMS }, (_, i) => ({
  teamId: `T${String(i).padStart(6, "0")}`,
}));
const expectedKeys = teams
  .map((t) => `rem:-:${t.teamId}:external:governance-p2025-09-21:2026-12-20:30`)
  .sort();

describeWithRedis("reminders on Redis, several processes", () => {
  beforeAll(async () => {
    fake = await startSlackEmulator();
  });
  afterAll(async () => {
    await fake?.close();
  });

  beforeEach(async () => {
    fake.reset();
    namespace = uniqueNamespace("reminders");
    store = openStore(REDIS_URL, { namespace });
    const profile = governanceDueProfile();
    for (let i = 0; i < teams.length; i += 100) {
      await Promise.all(teams.slice(i, i + 100).map((team) => putProfile(store, team, profile)));
    }
    await enableExternalReminders(store, teams);
  });

  afterEach(async () => {
    await store?.close();
    await deleteRedisKeys(namespace);
  });

  it("two processes sweeping at once post every occurrence exactly once; restarted, they post nothing", {
    timeout: 120_000,
  }, async () => {
    const [a, b] = [startWorker(), startWorker()];
    expect(await a.exited, a.stderr()).toBe(0);
    expect(await b.exited, b.stderr()).toBe(0);
    const keys = postedKeys(fake);
    expect(duplicates(keys)).toEqual([]);
    expect([...keys].sort()).toEqual(expectedKeys);
    const [ra, rb] = [reportOf(a), reportOf(b)];
    expect(ra.sent + rb.sent).toBe(TEAMS);
    console.info(
      `[reminders multi-process] 2 processes, ${TEAMS} teams: A sent ${ra.sent} (${ra.durationMs} ms), B sent ${rb.sent} (${rb.durationMs} ms)`,
    );

    const [c, d] = [startWorker(), startWorker()];
    await Promise.all([c.exited, d.exited]);
    expect(reportOf(c).sent + reportOf(d).sent).toBe(0);
    expect(postedKeys(fake)).toHaveLength(TEAMS);
  });

  it("one process killed holding claims (crash between claim and post): the rest finish, then a restart after the claim TTL; no duplicates", {
    timeout: 120_000,
  }, async () => {
    // A longer claim TTL here, so that the survivor surely meets the doomed worker's claims before they lapse.
    const ttl = { CLAIM_TTL_MS: String(LONG_TTL_MS) };
    const doomed = startWorker({ HANG_AFTER: "100", ...ttl });
    const survivor = startWorker(ttl);
    await waitFor(() => doomed.stdout().includes("hanging"), "the doomed worker to hang");
    expect(await survivor.exited, survivor.stderr()).toBe(0);
    // Killed mid-sweep, after it had posted some, while it holds claims it never posted.
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    const afterCrash = postedKeys(fake);
    expect(duplicates(afterCrash)).toEqual([]);
    const missing = expectedKeys.filter((k) => !afterCrash.includes(k));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.length).toBeLessThanOrEqual(8);
    expect(reportOf(survivor).claimedElsewhere).toBeGreaterThanOrEqual(missing.length);

    // Once the dead process's claims have lapsed, a restarted process posts what they held.
    await new Promise((resolve) => setTimeout(resolve, LONG_TTL_MS + 300));
    const restarted = startWorker();
    expect(await restarted.exited, restarted.stderr()).toBe(0);
    expect(reportOf(restarted).sent).toBe(missing.length);
    const keys = postedKeys(fake);
    expect(duplicates(keys)).toEqual([]);
    expect([...keys].sort()).toEqual(expectedKeys);

    const [c, d] = [startWorker(), startWorker()];
    await Promise.all([c.exited, d.exited]);
    expect(reportOf(c).sent + reportOf(d).sent).toBe(0);
    expect(postedKeys(fake)).toHaveLength(TEAMS);
  });

  it("one process SIGKILLed at an arbitrary moment mid-sweep: everything is posted, duplicates only from posts in flight", {
    timeout: 120_000,
  }, async () => {
    // Slow Slack down a little so that the kill lands while posts are in flight.
    fake.failAlways("chat.postMessage", { delayMs: 5 });
    const victim = startWorker();
    const other = startWorker();
    await waitFor(() => postedKeys(fake).length >= 200, "200 posts");
    victim.child.kill("SIGKILL");
    await victim.exited;
    expect(await other.exited, other.stderr()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, CLAIM_TTL_MS + 300));
    const restarted = startWorker();
    expect(await restarted.exited, restarted.stderr()).toBe(0);
    const keys = postedKeys(fake);
    expect(new Set(keys).size).toBe(TEAMS);
    const dup = duplicates(keys);
    // A post Slack accepted just before the kill but whose done mark was never written is posted again after
    // the claim lapses: at most one per post the victim had in flight (its concurrency, 8).
    expect(dup.length).toBeLessThanOrEqual(8);
    console.info(
      `[reminders multi-process] arbitrary SIGKILL: ${keys.length} posts for ${TEAMS} occurrences, ${dup.length} duplicate(s)`,
    );
  });
});
