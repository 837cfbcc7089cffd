/**
 * Wall time of one reminder sweep for 1,000 and 10,000 teams, on SQLite and on Redis, posting to the fake Slack Web
 * API on loopback (which validates every message's blocks, as Slack does). Each team has one reminder due.
 * Printed, not asserted: `npx tsx bench/reminders.bench.ts` (REDIS_URL, default redis://127.0.0.1:6379; Redis runs
 * are skipped with a line saying so when it does not answer). BENCH_TEAMS=1000,10000 picks the sizes.
 *
 * For each store and size: the first sweep (every team posts once), then two sweeps at the same instant that post
 * nothing — one by the same sweeper (done marks known in process) and one by a fresh sweeper (done marks read from
 * the store, as after a restart). The last two are what every instance pays every minute.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@keyv/redis";
import { startSlackEmulator } from "../dev/slack-emulator/index.js";
import { createSweeper, reminderWebClient, type SweepReport } from "../src/jobs/sweeper/sweeper.js";
import { ProfileRepository } from "../src/profile/repository.js";
import { ReminderSettingsRepository } from "../src/reminders/settings.js";
import { createRulesEngine } from "../src/rules/engine.js";
import { loadRules } from "../src/rules/load.js";
import { openStore } from "../src/store/keyv-factory.js";
import { benchTeams, SWEEP_AT, seed } from "./lib/seed.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const SIZES = (process.env.BENCH_TEAMS ?? "1000,10000").split(",").map(Number);
const AT = SWEEP_AT;
const engine = createRulesEngine(loadRules(process.env.RULES_DIR ?? "rules"));
const quiet = { debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error };

async function redisUp(): Promise<string | undefined> {
  const client = createClient({
    url: REDIS_URL,
    socket: { connectTimeout: 1_000, reconnectStrategy: false },
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    if (client.isOpen) client.destroy();
  }
}

async function deleteNamespace(prefix: string): Promise<void> {
  const client = createClient({ url: REDIS_URL });
  client.on("error", () => undefined);
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    if (keys.length > 0) await client.del(keys);
  }
  client.destroy();
}

function line(kind: string, n: number, what: string, report: SweepReport): string {
  const perTeam = ((report.durationMs / n) * 1000).toFixed(0);
  return `${kind.padEnd(6)} ${String(n).padStart(6)} teams  ${what.padEnd(34)} ${String(report.durationMs).padStart(7)} ms  (${perTeam} µs/team, ${report.sent} posted)`;
}

const fake = await startSlackEmulator();
const unavailable = await redisUp();
const results: string[] = [];
for (const kind of ["sqlite", "redis"] as const) {
  if (kind === "redis" && unavailable) {
    results.push(`redis: skipped, no Redis at ${REDIS_URL} (${unavailable})`);
    continue;
  }
  for (const n of SIZES) {
    fake.reset();
    const dir = await mkdtemp(join(tmpdir(), "ismap-bench-"));
    const namespace = `ismap-bench-${process.pid}-${n}`;
    const store = openStore(kind === "redis" ? REDIS_URL : `sqlite://${join(dir, "bench.sqlite")}`, {
      namespace,
      timeoutMs: 10_000,
    });
    try {
      const teams = benchTeams(n);
      const seeded = await seed(store, teams);
      const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
      const make = () =>
        createSweeper({
          store,
          profiles: new ProfileRepository(store),
          settings: new ReminderSettingsRepository(store),
          engine,
          clientFor: () => client,
          logger: quiet,
        });
      const sweeper = make();
      const first = await sweeper.sweepOnce(AT);
      const warm = await sweeper.sweepOnce(AT);
      const cold = await make().sweepOnce(AT);
      if (first.sent !== n || warm.sent !== 0 || cold.sent !== 0) {
        throw new Error(
          `${kind} ${n}: expected ${n}, 0, 0 posts, got ${first.sent}, ${warm.sent}, ${cold.sent}`,
        );
      }
      results.push(`${kind.padEnd(6)} ${String(n).padStart(6)} teams  seeding ${seeded} ms`);
      results.push(line(kind, n, "first sweep (posts every reminder)", first));
      results.push(line(kind, n, "next sweep, same process", warm));
      results.push(line(kind, n, "next sweep, fresh process", cold));
      console.log(results.slice(-4).join("\n"));
    } finally {
      await store.close();
      if (kind === "redis") await deleteNamespace(namespace);
      await rm(dir, { recursive: true, force: true });
    }
  }
}
await fake.close();
console.log(`\nsummary\n${results.join("\n")}`);
