/**
 * What the app's process spends its CPU on while answering first questions at 8 in flight:
 * `npx tsx bench/first-profile.ts [teams] [folder]` seeds the bench's workspaces (bench/lib/teams.ts) in a SQLite
 * store, runs the app (bench/servers/app.ts, OAuth) alone in a child process with `--cpu-prof`, asks 400 warm-up
 * teams and then `teams` teams (default 3000) once each, 8 in flight, as bench/ack.ts does; then the same with bare
 * Bolt (bench/servers/bare.ts, posting the app's warm-up answers). For each it reads the CPU profile: busy time per
 * answer (start-up left out) split by what the samples' stacks were doing (the first matching category of
 * CATEGORIES). Work finished in a callback of its own (a socket read, a store row arriving) is counted
 * where it runs, under "Bolt, HTTP, sockets, other". Information for working on the app, not part of `npm run bench`.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closedLoop, startResponseSink } from "./lib/answers.js";
import { forkTs } from "./lib/child.js";
import { startFakeChild } from "./lib/fake-child.js";
import { round } from "./lib/stats.js";
import { answerKey, benchTeam, firstQuestions, seedTeams, teamId } from "./lib/teams.js";

const TEAMS = Number(process.argv[2] ?? 3000);
const WARMUP = 400;
const SECRET = "first-profile-secret";

/** The first category whose pattern matches a frame (`function url`) of a sample's stack takes the sample. */
const CATEGORIES: [string, RegExp][] = [
  [
    "start-up (modules, rules)",
    /createAssistantApp|loadRules|module_job|modules\/cjs\/loader|esm\/(hooks|loader|translators|utils)/,
  ],
  ["installation read (OAuth authorize)", /installation-store|install-provider\.js/],
  ["users.info (Web API client)", /src\/slack\/(runtime\/)?user-directory/],
  ["new WebClient for each team (Bolt)", /^getOrCreate /],
  ["Web API calls through the shared client's views", /src\/slack\/runtime\/shared-web-client/],
  ["saved language read", /savedLocale|src\/profile\/preferences/],
  ["profile read (store, zod)", /src\/profile\/repository/],
  ["rules (timeline, verdict)", /src\/rules\//],
  ["Block Kit and texts", /src\/slack\/views|src\/i18n|buildAnswer|withShareButton/],
  ["respond (response_url POST)", /create-respond/],
  ["ack and the rest of the listener", /src\/slack\//],
  ["garbage collection", /^\(garbage collector\)/],
  ["idle", /^\(idle\)/],
];
const OTHER = "Bolt, HTTP, sockets, other";

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

function shares(profile: Profile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const spent = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    spent.set(id, (spent.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const totals = new Map<string, number>();
  for (const [id, micros] of spent) {
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) frames.push(`${frame.functionName} ${frame.url}`);
    }
    const category = CATEGORIES.find(([, pattern]) => frames.some((f) => pattern.test(f)))?.[0] ?? OTHER;
    totals.set(category, (totals.get(category) ?? 0) + micros);
  }
  return totals;
}

/**
 * User and system CPU time of a process and all its threads (the SQLite driver's workers too), from /proc: unlike
 * the profile's samples, it does not grow when other processes share the cores.
 */
async function processCpuMs(pid: number | undefined): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}
const CLOCK_TICKS_PER_S = 100;

const work = await mkdtemp(join(tmpdir(), "ismap-first-profile-"));
const folder = process.argv[3] ?? join(work, "profile");
const storeUrl = `sqlite://${join(work, "teams.sqlite")}`;
const fake = await startFakeChild();
const sink = await startResponseSink();
try {
  const { openStore } = await import("../src/store/keyv-factory.js");
  const seeding = openStore(storeUrl);
  await seedTeams(seeding, WARMUP + TEAMS, fake);
  await seeding.close();
  const env = {
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_API_URL: fake.url,
    STORE_URL: storeUrl,
    LOG_LEVEL: "info",
  };
  /** Runs one server alone with --cpu-prof: warm-up, then the measured teams; returns the warm-up's answers. */
  const profiled = async (side: "app" | "bare"): Promise<string[]> => {
    const dir = join(folder, side);
    const server = forkTs(`bench/servers/${side}.ts`, {
      name: side,
      env: side === "app" ? { ...env, BENCH_AUTH: "oauth" } : env,
      execArgv: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx"],
    });
    const { port } = await server.next<{ type: "ready"; port: number }>("ready", 60_000);
    const ask = (from: number, to: number) =>
      closedLoop({ port, secret: SECRET, sink, commands: firstQuestions(fake, sink, from, to), inFlight: 8 });
    if (side === "bare") {
      server.send({ type: "answers", answers });
      await server.next("answers-set", 30_000);
      server.send({ type: "mode", mode: "post" });
      await server.next("mode-set", 10_000);
    }
    const warm = await ask(0, WARMUP);
    const cpuBefore = await processCpuMs(server.proc.pid);
    const measured = await ask(WARMUP, WARMUP + TEAMS);
    const cpuMs = (await processCpuMs(server.proc.pid)) - cpuBefore;
    await server.close();
    const answered = warm.latencies.length + measured.latencies.length;
    console.log(
      `\n${side}: ${TEAMS} first questions, 8 in flight, alone: ${round(measured.latencies.length / measured.durationS)} answers/s, ${measured.failed + warm.failed} failed`,
    );
    // The main thread's profile is the larger file (the other one is tsx's loader thread).
    const files = await readdir(dir);
    const texts = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
    const profile = JSON.parse(texts.sort((a, b) => b.length - a.length)[0] as string) as Profile;
    const totals = shares(profile);
    const startUp = totals.get(CATEGORIES[0]?.[0] as string) ?? 0;
    const idle = totals.get("idle") ?? 0;
    const busy = [...totals.values()].reduce((sum, v) => sum + v, 0) - idle - startUp;
    console.log(
      `CPU of the whole process (every thread, /proc): ${round((1000 * cpuMs) / measured.latencies.length)} µs per measured answer`,
    );
    console.log(
      `busy ${round(busy / 1000)} ms for ${answered} answers (start-up ${round(startUp / 1000)} ms left out): ${round(busy / answered)} µs per answer`,
    );
    console.log("what | µs per answer | share");
    for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1])) {
      if (name === "idle" || name === CATEGORIES[0]?.[0]) continue;
      console.log(`${name} | ${round(micros / answered)} | ${round((100 * micros) / busy)} %`);
    }
    return warm.answers;
  };
  const answers: Record<string, unknown> = {};
  (await profiled("app")).forEach((body, i) => {
    const t = benchTeam(i);
    if (body) answers[answerKey(teamId(i), t.userId, t.text)] = JSON.parse(body);
  });
  await profiled("bare");
  console.log(`\nprofiles: ${folder}`);
} finally {
  await sink.close();
  await fake.child.close();
  if (!process.argv[3]) await rm(work, { recursive: true, force: true });
}
process.exit(0);
