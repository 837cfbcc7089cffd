/**
 * `npm run bench`: every benchmark of the app side by side in one run, on this machine, written to
 * bench/results.json (with the machine's facts) and printed as a table (the one in README.md, "Benchmarks").
 *
 * 1. `/ismap` answers, the app (OAuth, thousands of workspaces) against bare Bolt answering with the same message
 *    (bench/ack.ts): first questions, command → answer visible, with 1 and 8 in flight; repeated questions;
 * 2. modal open time at 50 commands/s (bench/modal.ts);
 * 3. profile reads and writes with 10,000 profiles stored, SQLite and Redis (bench/store.ts);
 * 4. a reminder sweep of 10,000 teams with a reminder due, SQLite and Redis: wall time, peak RSS (bench/sweep.ts);
 * 5. cold start of `node --import tsx src/index.ts` and of the built `node dist/index.js` (bench/cold-start.ts).
 *
 * Redis is a private redis-server started for the run on a loopback port in 6390–6399 (no persistence), never the
 * shared one. BENCH_TEAMS changes the 10,000; BENCH_QUICK=1 shortens every phase (for trying the bench out);
 * BENCH_ONLY=ack runs only the first part (for working on it), and writes no results.json.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ProfileRepository } from "../src/profile/repository.js";
import { openStore } from "../src/store/keyv-factory.js";
import { startRedisServer } from "../test/support/redis-server.js";
import { type AckResult, runAckBench } from "./ack.js";
import { type ColdStartResult, runColdStartBench } from "./cold-start.js";
import { startFakeChild } from "./lib/fake-child.js";
import { machineFacts } from "./lib/machine.js";
import { benchTeams, registeredProfile, seed } from "./lib/seed.js";
import { round } from "./lib/stats.js";
import { seedTeams } from "./lib/teams.js";
import { type ModalResult, runModalBench } from "./modal.js";
import { runStoreBench, type StoreResult } from "./store.js";
import { runSweepBench, type SweepResult } from "./sweep.js";

const QUICK = process.env.BENCH_QUICK === "1";
const ONLY_ACK = process.env.BENCH_ONLY === "ack";
/** The first-question bench: warm-up teams, rounds, teams per round with 1 and with 8 in flight (bench/ack.ts). */
const FIRST = QUICK
  ? {
      warmupTeams: 400,
      rounds: 2,
      teamsPerRound1: 500,
      teamsPerRound8: 500,
      repeatedS: 4,
      repeatedWarmupS: 1,
    }
  : {
      warmupTeams: 600,
      rounds: 4,
      teamsPerRound1: 400,
      teamsPerRound8: 1000,
      repeatedS: 16,
      repeatedWarmupS: 3,
    };
const FIRST_TEAMS = FIRST.warmupTeams + FIRST.rounds * (FIRST.teamsPerRound1 + FIRST.teamsPerRound8);
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
const build = ONLY_ACK
  ? { status: 0, signal: null }
  : spawnSync("npm", ["run", "build", "--silent"], { stdio: "inherit", timeout: 180_000 });
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
  // 1. answers: first questions over many teams, then repeated ones
  const ackStore = `sqlite://${join(work, "ack.sqlite")}`;
  {
    const store = openStore(ackStore);
    // The fake workspace's profile for the modal bench (token mode).
    await new ProfileRepository(store).save(
      { teamId: fake.teamId },
      { baseRevision: 0, actor: "U0ADMIN001", at: new Date(), update: registeredProfile },
    );
    log(`[${elapsed()}] answers: seeding ${FIRST_TEAMS} installed teams (OAuth)`);
    const seedMs = await seedTeams(store, FIRST_TEAMS, fake);
    log(`  ${seedMs} ms`);
    await store.close();
  }
  log(`[${elapsed()}] answers: app vs bare Bolt, first questions then repeated ones`);
  ack = await runAckBench({ fake, storeUrl: ackStore, teams: FIRST_TEAMS, ...FIRST, log });
  if (ONLY_ACK) {
    log(JSON.stringify({ first1: ack.first1, first8: ack.first8, answerCheck: ack.answerCheck }, null, 2));
    await fake.child.close();
    await redis.dispose();
    await rm(work, { recursive: true, force: true });
    process.exit(0);
  }

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
target("first answer p99 app / bare (1 in flight)", ack.first1.p99Ratio, "max", 1.5);
target("first answers/s app / bare (8 in flight)", ack.first8.throughputRatio, "min", 0.8);
target("repeated answer p99 app / bare (autocannon, 10 connections)", ack.repeated.p99Ratio, "max", 1.25);
target(
  "repeated answers/s app / bare (autocannon, 10 connections)",
  ack.repeated.throughputRatio,
  "min",
  0.8,
);
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
    `first question, 1 in flight, command → answer visible: app p50 / p99 / max (${ack.first1.teams} teams)`,
    `${ack.first1.app.latencyMs.p50} / ${ack.first1.app.latencyMs.p99} / ${ms(ack.first1.app.latencyMs.max)}`,
    "",
    "",
  ],
  [
    "first question, 1 in flight: bare Bolt (ack, then the same message posted) p50 / p99 / max",
    `${ack.first1.bare.latencyMs.p50} / ${ack.first1.bare.latencyMs.p99} / ${ms(ack.first1.bare.latencyMs.max)}`,
    "",
    "",
  ],
  [
    "first answer p99 ratio app / bare, 1 in flight (p50 ratio)",
    `${ack.first1.p99Ratio} (${ack.first1.p50Ratio})`,
    "≤ 1.5",
    yes(find("first answer p99").met),
  ],
  [
    `first questions, 8 in flight (${ack.first8.teams} teams): answers/s app / bare; p50 / p99 app vs bare`,
    `${ack.first8.app.answersPerS} / ${ack.first8.bare.answersPerS}; ${ack.first8.app.latencyMs.p50} / ${ack.first8.app.latencyMs.p99} vs ${ack.first8.bare.latencyMs.p50} / ${ms(ack.first8.bare.latencyMs.p99)}`,
    "",
    "",
  ],
  [
    "first answers/s ratio app / bare, 8 in flight",
    String(ack.first8.throughputRatio),
    "≥ 0.8",
    yes(find("first answers/s").met),
  ],
  [
    `first questions in each of ${ack.first1.rounds.length} alternating rounds: 1 in flight p99 app / bare; 8 in flight answers/s app / bare`,
    `${ack.first1.rounds.map((r) => `${r.app.p99} / ${r.bare.p99}`).join("; ")}; ${ack.first8.rounds.map((r) => `${Math.round(r.app.answersPerS)} / ${Math.round(r.bare.answersPerS)}`).join("; ")}`,
    "(information)",
    "",
  ],
  [
    "repeated question (answer in the ack, from the answer cache), autocannon 10 connections: p50 / p99 / max app vs bare (acking the same message)",
    `${ack.repeated.app.latencyMs.p50} / ${ack.repeated.app.latencyMs.p99} / ${ack.repeated.app.latencyMs.max} vs ${ack.repeated.bare.latencyMs.p50} / ${ack.repeated.bare.latencyMs.p99} / ${ms(ack.repeated.bare.latencyMs.max)}`,
    "",
    "",
  ],
  [
    "repeated: answer p99 ratio app / bare",
    String(ack.repeated.p99Ratio),
    "≤ 1.25",
    yes(find("repeated answer p99").met),
  ],
  [
    "repeated: answers/s app / bare (ratio); in each round",
    `${ack.repeated.app.rps} / ${ack.repeated.bare.rps} (${ack.repeated.throughputRatio}); ${ack.repeated.rounds.map((r) => `${Math.round(r.appRps)} / ${Math.round(r.bareRps)}`).join("; ")}`,
    "≥ 0.8",
    yes(find("repeated answers/s").met),
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
