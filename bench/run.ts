/**
 * `npm run bench`: every benchmark of the app side by side in one run, on this machine, written to
 * bench/results.json (with the machine's facts) and printed as a table (the one in README.md, "Benchmarks").
 *
 * 1. ack latency and throughput of `/ismap` commands, the app against bare Bolt (bench/ack.ts);
 * 2. modal open time at 50 commands/s (bench/modal.ts);
 * 3. profile reads and writes with 10,000 profiles stored, SQLite and Redis (bench/store.ts);
 * 4. a reminder sweep of 10,000 teams with a reminder due, SQLite and Redis: wall time, peak RSS (bench/sweep.ts);
 * 5. cold start of `node --import tsx src/index.ts` and of the built `node dist/index.js` (bench/cold-start.ts).
 *
 * Redis is a private redis-server started for the run on a loopback port in 6390–6399 (no persistence), never the
 * shared one. BENCH_TEAMS changes the 10,000; BENCH_QUICK=1 shortens every phase (for trying the bench out).
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProfileRepository } from "../src/profile/repository.js";
import { openStore } from "../src/store/keyv-factory.js";
import { startRedisServer } from "../test/helpers/redis-server.js";
import { type AckResult, runAckBench } from "./ack.js";
import { type ColdStartResult, runColdStartBench } from "./cold-start.js";
import { startFakeChild } from "./lib/fake-child.js";
import { machineFacts } from "./lib/machine.js";
import { benchTeams, registeredProfile, seed } from "./lib/seed.js";
import { round } from "./lib/stats.js";
import { type ModalResult, runModalBench } from "./modal.js";
import { runStoreBench, type StoreResult } from "./store.js";
import { runSweepBench, type SweepResult } from "./sweep.js";

const QUICK = process.env.BENCH_QUICK === "1";
const TEAMS = Number(process.env.BENCH_TEAMS ?? (QUICK ? 1000 : 10_000));
const RESULTS = "bench/results.json";
const started = Date.now();
const log = (line: string) => console.log(line);
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

interface Target {
  what: string;
  value: number;
  limit: number;
  /** "max": the value must stay at or below the limit; "min": at or above. */
  kind: "max" | "min";
  met: boolean;
}

const targets: Target[] = [];
function target(what: string, value: number, kind: "max" | "min", limit: number): Target {
  const t = { what, value, limit, kind, met: kind === "max" ? value <= limit : value >= limit };
  targets.push(t);
  return t;
}

const facts = machineFacts();
log(
  `bench: ${facts.cpuModel}, ${facts.cores} cores, Node ${facts.node}, ${facts.date}, commit ${facts.commit}`,
);

// The built app, for the cold start of `node dist/index.js` and the sweep (which runs on dist/).
log(`[${elapsed()}] npm run build`);
const buildStarted = Date.now();
const build = spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit", timeout: 180_000 });
if (build.status !== 0) throw new Error(`npm run build failed (${build.status ?? build.signal})`);
const buildMs = Date.now() - buildStarted;

const work = await mkdtemp(join(tmpdir(), "ismap-bench-"));
const fake = await startFakeChild();
const redis = await startRedisServer();
let ack: AckResult | undefined;
let modal: ModalResult | undefined;
const stores: Record<string, { seedMs: number; store: StoreResult; sweep: SweepResult }> = {};
let cold: ColdStartResult | undefined;
try {
  // 1. ack
  log(`[${elapsed()}] ack latency and throughput: app vs bare Bolt`);
  const ackStore = `sqlite://${join(work, "ack.sqlite")}`;
  {
    const store = openStore(ackStore);
    await new ProfileRepository(store).save(
      { teamId: fake.teamId },
      { baseRevision: 0, actor: "U0ADMIN001", at: new Date(), update: registeredProfile },
    );
    await store.close();
  }
  ack = await runAckBench({
    fake,
    storeUrl: ackStore,
    durationS: QUICK ? 4 : 16,
    rounds: QUICK ? 2 : 4,
    warmupS: QUICK ? 1 : 3,
    pacedS: QUICK ? 3 : 10,
    log,
  });

  // 2. modal open time
  log(`[${elapsed()}] modal open time at 50/s`);
  modal = await runModalBench({ storeUrl: ackStore, rate: 50, durationS: QUICK ? 3 : 10 });
  log(
    `  views.open after ${modal.openMs.p50} ms (p50), ${modal.openMs.p99} ms (p99); ${modal.opened}/${modal.sent}`,
  );

  // 3 + 4. store and sweep, SQLite and Redis
  for (const [kind, url] of [
    ["sqlite", `sqlite://${join(work, "teams.sqlite")}`],
    ["redis", redis.url],
  ] as const) {
    log(`[${elapsed()}] ${kind}: seeding ${TEAMS} teams`);
    const store = openStore(url, { timeoutMs: 10_000 });
    const teams = benchTeams(TEAMS);
    let seedMs: number;
    let storeResult: StoreResult;
    try {
      seedMs = await seed(store, teams);
      log(`[${elapsed()}] ${kind}: profile reads and writes`);
      storeResult = await runStoreBench(store, teams, QUICK ? { reads: 300, writes: 100 } : {});
    } finally {
      await store.close();
    }
    log(
      `  read p50 ${storeResult.readMs.p50} ms p99 ${storeResult.readMs.p99} ms; write p50 ${storeResult.writeMs.p50} ms p99 ${storeResult.writeMs.p99} ms`,
    );
    log(`[${elapsed()}] ${kind}: reminder sweep of ${TEAMS} teams`);
    const sweep = await runSweepBench({ fake, storeUrl: url });
    if (sweep.sent !== TEAMS)
      throw new Error(`${kind}: the sweep posted ${sweep.sent} of ${TEAMS} reminders`);
    log(`  ${sweep.wallMs} ms, peak RSS ${sweep.maxRssMb} MB`);
    stores[kind] = { seedMs, store: storeResult, sweep };
  }

  // 5. cold start
  log(`[${elapsed()}] cold start`);
  cold = await runColdStartBench({ fake, runs: QUICK ? 2 : 5, buildMs });
} finally {
  await fake.child.close();
  await redis.dispose();
  await rm(work, { recursive: true, force: true });
}

// ---------------------------------------------------------------- targets, results.json, table
const ms = (v: number) => `${v} ms`;
const s = (v: number) => `${round(v / 1000)} s`;
target("ack p99 app / bare (autocannon, 10 connections)", ack.p99Ratio, "max", 1.25);
target("throughput app / bare (autocannon, 10 connections)", ack.throughputRatio, "min", 0.8);
target("modal open p99 at 50/s (ms)", modal.openMs.p99, "max", 150);
for (const [kind, r] of Object.entries(stores)) {
  target(`${kind} sweep of ${TEAMS} teams (ms)`, r.sweep.wallMs, "max", 10_000);
  target(`${kind} sweep peak RSS (MB)`, r.sweep.maxRssMb, "max", 300);
}
target("cold start, node --import tsx src/index.ts, p50 (ms)", cold.tsx.p50, "max", 1500);
target("cold start, node dist/index.js, p50 (ms)", cold.dist.p50, "max", 1500);

const yes = (met: boolean) => (met ? "yes" : "**no**");
const find = (prefix: string) => targets.find((t) => t.what.startsWith(prefix)) as Target;
const sq = stores.sqlite as (typeof stores)[string];
const rd = stores.redis as (typeof stores)[string];
const rows: string[][] = [
  ["measure", "result", "target", "met"],
  [
    "ack, autocannon 10 connections: app p50 / p99 / max",
    `${ack.app.saturated.latencyMs.p50} / ${ack.app.saturated.latencyMs.p99} / ${ms(ack.app.saturated.latencyMs.max)}`,
    "",
    "",
  ],
  [
    "ack, autocannon 10 connections: bare Bolt p50 / p99 / max",
    `${ack.bare.saturated.latencyMs.p50} / ${ack.bare.saturated.latencyMs.p99} / ${ms(ack.bare.saturated.latencyMs.max)}`,
    "",
    "",
  ],
  ["ack p99 ratio app / bare", String(ack.p99Ratio), "≤ 1.25", yes(find("ack p99").met)],
  ["requests/s app / bare", `${ack.app.saturated.rps} / ${ack.bare.saturated.rps}`, "", ""],
  ["throughput ratio app / bare", String(ack.throughputRatio), "≥ 0.8", yes(find("throughput").met)],
  [
    `requests/s app / bare in each of ${ack.rounds.length} alternating rounds`,
    ack.rounds.map((r) => `${Math.round(r.appRps)} / ${Math.round(r.bareRps)}`).join("; "),
    "(information)",
    "",
  ],
  [
    "app with ANSWER_CACHE_SECONDS=0 (every answer built after the ack): requests/s, ack p50 / p99",
    `${ack.appWithoutCache.saturated.rps} req/s, ${ack.appWithoutCache.saturated.latencyMs.p50} / ${ms(ack.appWithoutCache.saturated.latencyMs.p99)}; at ${ack.pacedRate}/s: ${ack.appWithoutCache.paced.latencyMs.p50} / ${ms(ack.appWithoutCache.paced.latencyMs.p99)}`,
    "(information)",
    "",
  ],
  [
    `ack at ${ack.pacedRate}/s paced (open loop): p50 / p99 app vs bare`,
    `${ack.app.paced.latencyMs.p50} / ${ack.app.paced.latencyMs.p99} vs ${ack.bare.paced.latencyMs.p50} / ${ms(ack.bare.paced.latencyMs.p99)} (p99 ratio ${ack.pacedP99Ratio})`,
    "(information)",
    "",
  ],
  [
    `modal open at ${modal.rate}/s: p50 / p99`,
    `${modal.openMs.p50} / ${ms(modal.openMs.p99)}`,
    "p99 < 150 ms",
    yes(find("modal").met),
  ],
  ["profile read p50 / p99, SQLite", `${sq.store.readMs.p50} / ${ms(sq.store.readMs.p99)}`, "", ""],
  ["profile write p50 / p99, SQLite", `${sq.store.writeMs.p50} / ${ms(sq.store.writeMs.p99)}`, "", ""],
  ["profile read p50 / p99, Redis", `${rd.store.readMs.p50} / ${ms(rd.store.readMs.p99)}`, "", ""],
  ["profile write p50 / p99, Redis", `${rd.store.writeMs.p50} / ${ms(rd.store.writeMs.p99)}`, "", ""],
  [
    `sweep of ${TEAMS} teams, SQLite: wall / peak RSS`,
    `${s(sq.sweep.wallMs)} / ${sq.sweep.maxRssMb} MB`,
    "< 10 s / < 300 MB",
    `${yes(find("sqlite sweep of").met)} / ${yes(find("sqlite sweep peak").met)}`,
  ],
  [
    `sweep of ${TEAMS} teams, Redis: wall / peak RSS`,
    `${s(rd.sweep.wallMs)} / ${rd.sweep.maxRssMb} MB`,
    "< 10 s / < 300 MB",
    `${yes(find("redis sweep of").met)} / ${yes(find("redis sweep peak").met)}`,
  ],
  [
    "next sweep, nothing due: SQLite / Redis",
    `${s(sq.sweep.secondSweepMs)} / ${s(rd.sweep.secondSweepMs)}`,
    "(information)",
    "",
  ],
  [
    "cold start `node --import tsx src/index.ts`: p50 / max",
    `${s(cold.tsx.p50)} / ${s(cold.tsx.max)}`,
    "< 1.5 s",
    yes(find("cold start, node --import").met),
  ],
  [
    "cold start `node dist/index.js`: p50 / max",
    `${s(cold.dist.p50)} / ${s(cold.dist.max)}`,
    "< 1.5 s",
    yes(find("cold start, node dist").met),
  ],
];
const table = rows.map((row, i) =>
  i === 1 ? `| ${rows[0]?.map(() => "---").join(" | ")} |\n| ${row.join(" | ")} |` : `| ${row.join(" | ")} |`,
);

const totalS = round((Date.now() - started) / 1000);
const results = {
  machine: facts,
  command: "npm run bench",
  totalSeconds: totalS,
  teams: TEAMS,
  quick: QUICK,
  ack,
  modal,
  store: Object.fromEntries(Object.entries(stores).map(([k, v]) => [k, { seedMs: v.seedMs, ...v.store }])),
  sweep: Object.fromEntries(Object.entries(stores).map(([k, v]) => [k, v.sweep])),
  coldStart: cold,
  targets,
  table: table.join("\n"),
};
await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
log("");
log(table.join("\n"));
log("");
log(
  `${facts.cpuModel}, ${facts.cores} cores, ${facts.memoryGb} GB, Node ${facts.node}, ${facts.date}; ${totalS} s in all; written to ${RESULTS}`,
);
const missed = targets.filter((t) => !t.met);
log(missed.length === 0 ? "every target met" : `targets not met: ${missed.map((t) => t.what).join("; ")}`);
process.exit(0);
