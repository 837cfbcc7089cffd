/**
 * `/ismap` answers, the app against bare Bolt answering with the same message.
 *
 * The app runs in OAuth mode over many workspaces (bench/lib/teams.ts: installations, a mix of profiles, some saved
 * languages, seeded in the store beforehand); bare Bolt (same @slack/bolt, default HTTP receiver, one listener) runs
 * in token mode and answers each command with the app's own answer to the same question, byte for byte
 * (bench/servers/bare.ts). Each server, and the fake Slack Web API, runs in a child process of its own; the load and
 * the response_urls are served in the bench's main process, so "sent" and "answer visible" are read on one clock.
 *
 * 1. First questions (the headline): each team asks once. The app acks at once, then looks up the person's language
 *    (saved choice, users.info), reads the profile, computes and posts the answer to the response_url; bare Bolt acks
 *    empty and posts the same message to the response_url. Measured from the command sent to the answer visible (the
 *    ack carrying it, or its POST arriving, whichever is first), with 1 command in flight (latency) and 8 in flight
 *    (answers per second), each in rounds that alternate between the two servers on the same slice of teams (bare
 *    first in odd rounds, the app first in even ones). Every answer the app gives is compared with the one it gave in
 *    the warm-up to the same kind of team, person and question.
 * 2. Repeated questions (second row): a pool of questions the app has answered already, which it answers in the
 *    acknowledgement itself from its answer cache (src/slack/runtime/answer-cache.ts); bare Bolt acks with the same message.
 *    autocannon with 10 connections, alternating rounds.
 */
import { type AnswerResult, type Command, closedLoop, startResponseSink } from "./lib/answers.js";
import { type BenchChild, forkTs } from "./lib/child.js";
import type { FakeChild } from "./lib/fake-child.js";
import { pooledRepeated, type RepeatedPhase, repeatedPool, saturate } from "./lib/repeated.js";
import { round, roundSummary, type Summary, summarize } from "./lib/stats.js";
import { answerKey, benchTeam, firstQuestions, SHAPES, teamId } from "./lib/teams.js";

export const SIGNING_SECRET = "bench-signing-secret";

export interface AnswerPhase {
  /** Answers per second: commands answered / the phase's wall time. */
  answersPerS: number;
  /** Command → answer visible (ms). */
  latencyMs: Summary;
  answers: number;
  inAck: number;
  posted: number;
  failed: number;
  durationS: number;
}

export interface FirstRound {
  order: string;
  teams: string;
  app: { answersPerS: number; p50: number; p99: number };
  bare: { answersPerS: number; p50: number; p99: number };
}

export interface FirstResult {
  inFlight: number;
  /** Teams asked in all per server (each once), over every round. */
  teams: number;
  app: AnswerPhase;
  bare: AnswerPhase;
  p50Ratio: number;
  p99Ratio: number;
  throughputRatio: number;
  rounds: FirstRound[];
}

export interface AckResult {
  where: string;
  /** Teams seeded (installations, profiles, saved languages) and the combinations of kind, person, language, question. */
  teamsSeeded: number;
  shapes: number;
  warmupTeams: number;
  /** 1 command in flight: the latency a person sees. */
  first1: FirstResult;
  /** 8 commands in flight: first answers per second. */
  first8: FirstResult;
  /**
   * Answers of the measured phases that differ from the app's warm-up answer to the same kind of team, person and
   * question, leaving aside the time of day each answer is stamped with (should be 0), and answers missing.
   */
  answerCheck: { compared: number; differing: number; examples: string[] };
  /** Size of the app's first answers (the response_url POST body), bytes. */
  answerBytes: { min: number; p50: number; max: number };
  repeated: {
    connections: number;
    durationS: number;
    poolSize: number;
    app: RepeatedPhase;
    bare: RepeatedPhase;
    p99Ratio: number;
    throughputRatio: number;
    rounds: { order: string; bareRps: number; appRps: number; bareP99: number; appP99: number }[];
  };
}

/** An answer with its times of day (`9:05 JST`, `09:05 JST`) blanked. */
const withoutTimeOfDay = (answer: string) => answer.replace(/\d{1,2}:\d{2} JST/g, "--:-- JST");

/** BENCH_CPU_PROF=<folder> writes a V8 CPU profile of each server (app and bare Bolt) there when it exits. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;

async function startServer(
  file: string,
  name: string,
  env: Record<string, string>,
): Promise<{ child: BenchChild; port: number }> {
  const child = forkTs(file, {
    name,
    env,
    ...(CPU_PROFILE_DIR
      ? { execArgv: ["--cpu-prof", `--cpu-prof-dir=${CPU_PROFILE_DIR}`, "--import", "tsx"] }
      : {}),
  });
  const { port } = await child.next<{ type: "ready"; port: number }>("ready", 60_000);
  return { child, port };
}

function phaseOf(results: AnswerResult[]): AnswerPhase {
  const latencies = results.flatMap((r) => r.latencies);
  const durationS = results.reduce((sum, r) => sum + r.durationS, 0);
  const sum = (pick: (r: AnswerResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    answersPerS: round(latencies.length / durationS),
    latencyMs: roundSummary(summarize(latencies)),
    answers: latencies.length,
    inAck: sum((r) => r.inAck),
    posted: sum((r) => r.posted),
    failed: sum((r) => r.failed),
    durationS: round(durationS),
  };
}

const brief = (r: AnswerResult) => {
  const s = summarize(r.latencies);
  return { answersPerS: round(r.latencies.length / r.durationS), p50: round(s.p50), p99: round(s.p99) };
};

export async function runAckBench(options: {
  fake: FakeChild;
  /** A store seeded with `teams` teams by bench/lib/teams.ts seedTeams. */
  storeUrl: string;
  teams: number;
  /** Teams the app answers before measuring (at least SHAPES: every combination's answer is taken from them). */
  warmupTeams: number;
  /** Rounds per measure (alternating; even). */
  rounds: number;
  /** Teams per round with 1 and with 8 commands in flight. */
  teamsPerRound1: number;
  teamsPerRound8: number;
  /** Repeated questions: autocannon seconds per server in all, and its warm-up. */
  repeatedS: number;
  repeatedWarmupS: number;
  log?: (line: string) => void;
}): Promise<AckResult> {
  const { fake } = options;
  const log = options.log ?? (() => undefined);
  const needed = options.warmupTeams + options.rounds * (options.teamsPerRound1 + options.teamsPerRound8);
  if (options.warmupTeams < SHAPES) throw new Error(`the warm-up needs at least ${SHAPES} teams`);
  if (needed > options.teams) throw new Error(`${needed} teams needed, ${options.teams} seeded`);
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_API_URL: fake.url,
    STORE_URL: options.storeUrl,
    LOG_LEVEL: "info",
  };
  const sink = await startResponseSink();
  const app = await startServer("bench/servers/app.ts", "app", { ...env, BENCH_AUTH: "oauth" });
  const bare = await startServer("bench/servers/bare.ts", "bare-bolt", env);
  const ports = { app: app.port, bare: bare.port };
  const setBareMode = async (mode: "post" | "ack") => {
    bare.child.send({ type: "mode", mode });
    await bare.child.next("mode-set", 10_000);
  };
  const loop = (side: "app" | "bare", commands: Command[], inFlight: number) =>
    closedLoop({ port: ports[side], secret: SIGNING_SECRET, sink, commands, inFlight });
  try {
    // ------------------------------------------------------------ warm-up: the app's answer to every combination
    const warm = firstQuestions(fake, sink, 0, options.warmupTeams);
    const warmed = await loop("app", warm, 8);
    if (warmed.failed > 0) throw new Error(`warm-up: ${warmed.failed} of ${warm.length} commands unanswered`);
    const expected = new Map<string, string>();
    const sizes: number[] = [];
    let differing = 0;
    let compared = 0;
    const examples: string[] = [];
    const check = (index: number, answer: string) => {
      const t = benchTeam(index);
      const key = answerKey(teamId(index), t.userId, t.text);
      const known = expected.get(key);
      if (known === undefined) {
        expected.set(key, answer);
        return;
      }
      compared++;
      // Every answer ends with the minute it was built in ("as of 13:05 JST"): a later minute is no difference.
      if (withoutTimeOfDay(known) !== withoutTimeOfDay(answer)) {
        differing++;
        if (examples.length < 3)
          examples.push(`${teamId(index)} ${t.userId} ${t.text}: ${answer.slice(0, 200)}`);
      }
    };
    warmed.answers.forEach((answer, i) => {
      sizes.push(Buffer.byteLength(answer));
      check(i, answer);
    });
    const answers = Object.fromEntries([...expected].map(([key, body]) => [key, JSON.parse(body)]));
    bare.child.send({ type: "answers", answers });
    await bare.child.next("answers-set", 30_000);
    await setBareMode("post");
    await loop("bare", firstQuestions(fake, sink, 0, options.warmupTeams), 8);
    log(
      `  warm-up: ${options.warmupTeams} teams, ${expected.size} distinct answers of ${SHAPES} combinations`,
    );

    // ------------------------------------------------------------ first questions
    let cursor = options.warmupTeams;
    const first = async (inFlight: number, perRound: number): Promise<FirstResult> => {
      const app: AnswerResult[] = [];
      const bareResults: AnswerResult[] = [];
      const rounds: FirstRound[] = [];
      for (let r = 0; r < options.rounds; r++) {
        const from = cursor;
        cursor += perRound;
        const sides: ("bare" | "app")[] = r % 2 === 0 ? ["bare", "app"] : ["app", "bare"];
        const got: Partial<Record<"app" | "bare", AnswerResult>> = {};
        for (const side of sides) {
          // Fresh response_urls for each side; the same teams, people and questions.
          const result = await loop(side, firstQuestions(fake, sink, from, cursor), inFlight);
          got[side] = result;
          if (side === "app") {
            for (const [i, answer] of result.answers.entries()) check(from + i, answer);
          }
          const s = brief(result);
          log(
            `  ${side.padEnd(4)} ${inFlight} in flight, round ${r + 1}: ${s.answersPerS} answers/s  p50 ${s.p50} ms  p99 ${s.p99} ms  failed ${result.failed}`,
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        app.push(got.app as AnswerResult);
        bareResults.push(got.bare as AnswerResult);
        rounds.push({
          order: sides.join(", "),
          teams: `${teamId(from)}…${teamId(cursor - 1)}`,
          app: brief(got.app as AnswerResult),
          bare: brief(got.bare as AnswerResult),
        });
      }
      const a = phaseOf(app);
      const b = phaseOf(bareResults);
      return {
        inFlight,
        teams: options.rounds * perRound,
        app: a,
        bare: b,
        p50Ratio: round(a.latencyMs.p50 / b.latencyMs.p50),
        p99Ratio: round(a.latencyMs.p99 / b.latencyMs.p99),
        throughputRatio: round(a.answersPerS / b.answersPerS),
        rounds,
      };
    };
    const first8 = await first(8, options.teamsPerRound8);
    const first1 = await first(1, options.teamsPerRound1);

    // ------------------------------------------------------------ repeated questions
    await setBareMode("ack");
    // 100 teams × 4 questions, asked once first (answered on their response_urls) so that the app has them all in
    // its answer cache (at most 500 teams, 60 s) before the load starts.
    const pool = repeatedPool(fake, sink, 100, SIGNING_SECRET);
    const primed = await loop("app", pool.prime, 8);
    if (primed.failed > 0)
      throw new Error(`repeated questions: ${primed.failed} not answered the first time`);
    const connections = 10;
    /** The app answers questions it has not cached yet on their response_urls: let it finish before going on. */
    const settle = async () => {
      let last = -1;
      for (let i = 0; i < 100 && sink.posts !== last; i++) {
        last = sink.posts;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    await saturate(ports.bare, pool, connections, options.repeatedWarmupS);
    await saturate(ports.app, pool, connections, options.repeatedWarmupS);
    await settle();
    const roundS = options.repeatedS / options.rounds;
    const appRounds: (RepeatedPhase & { latencies: number[] })[] = [];
    const bareRounds: (RepeatedPhase & { latencies: number[] })[] = [];
    const order: string[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const sides: ("bare" | "app")[] = r % 2 === 0 ? ["bare", "app"] : ["app", "bare"];
      order.push(sides.join(", "));
      for (const side of sides) {
        const result = await saturate(ports[side], pool, connections, roundS);
        (side === "app" ? appRounds : bareRounds).push(result);
        log(
          `  ${side.padEnd(4)} repeated, round ${r + 1}: ${result.rps} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  answered in ack ${result.answeredInAck}/${result.requests}  errors ${result.errors + result.non2xx}`,
        );
        if (side === "app") await settle();
        else await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
    const appRepeated = pooledRepeated(appRounds);
    const bareRepeated = pooledRepeated(bareRounds);
    const sortedSizes = sizes.sort((x, y) => x - y);
    return {
      where:
        "app (OAuth), bare Bolt and the fake Slack Web API each in a child process; the load and the response_urls in the bench's main process",
      teamsSeeded: options.teams,
      shapes: SHAPES,
      warmupTeams: options.warmupTeams,
      first1,
      first8,
      answerCheck: { compared, differing, examples },
      answerBytes: {
        min: sortedSizes[0] ?? 0,
        p50: sortedSizes[Math.floor(sortedSizes.length / 2)] ?? 0,
        max: sortedSizes.at(-1) ?? 0,
      },
      repeated: {
        connections,
        durationS: options.repeatedS,
        poolSize: pool.requests.length,
        app: appRepeated,
        bare: bareRepeated,
        p99Ratio: round(appRepeated.latencyMs.p99 / bareRepeated.latencyMs.p99),
        throughputRatio: round(appRepeated.rps / bareRepeated.rps),
        rounds: bareRounds.map((b, i) => {
          const a = appRounds[i] as RepeatedPhase;
          return {
            order: order[i] as string,
            bareRps: b.rps,
            appRps: a.rps,
            bareP99: b.latencyMs.p99,
            appP99: a.latencyMs.p99,
          };
        }),
      },
    };
  } finally {
    await Promise.all([app.child.close(), bare.child.close()]);
    await sink.close();
  }
}
