/**
 * Ack latency and throughput of `/ismap` commands: the app (HTTP mode, SQLite store, fake Slack Web API) against
 * bare Bolt (same @slack/bolt, default HTTP receiver, one listener that only acks). Each server runs in a child
 * process of its own and the fake Slack in another; autocannon runs in the bench's own process, so it shares an
 * event loop with neither. Requests come from a pool of signed bodies built ahead (help, audits, status, special,
 * four users; timestamps within Slack's 5-minute window, re-signed before each phase) that autocannon rotates.
 *
 * Per server: a warm-up, then autocannon with 10 connections for `durationS` in all (as many requests as they get
 * through: requests/s and latency, the figures of `p99Ratio` and `throughputRatio`), split into rounds that alternate
 * between the two servers, then a paced phase at a rate both serve easily (open loop, Poisson arrivals, same schedule
 * for both): the ack latency a person sees under ordinary load. Between phases the bench waits until the app has
 * answered every acknowledged command (in the acknowledgement or on its response_url).
 */
import autocannon, { type AutocannonRequest } from "autocannon";
import { FAKE_IDS } from "../test/helpers/fake-slack.js";
import { computeSignature, slashCommand } from "../test/helpers/slack-requests.js";
import { type BenchChild, forkTs } from "./lib/child.js";
import type { FakeChild } from "./lib/fake-child.js";
import { paced } from "./lib/paced.js";
import { nowMs, round, roundSummary, type Summary, summarize } from "./lib/stats.js";

export const SIGNING_SECRET = "bench-signing-secret";
/**
 * autocannon reports response sizes, headers included: an empty acknowledgement is about 120 bytes, one carrying an
 * answer several kilobytes.
 */
const ANSWER_BYTES = 512;
const COMMANDS = ["help", "audits", "status", "special"] as const;
const USERS = [FAKE_IDS.admin, FAKE_IDS.owner, FAKE_IDS.member, FAKE_IDS.guest];

export interface PhaseResult {
  /** Requests per second answered 2xx. */
  rps: number;
  /** 2xx acknowledgements that carried the answer itself (a repeated question, answered from the app's cache). */
  answeredInAck: number;
  latencyMs: Summary;
  requests: number;
  non2xx: number;
  errors: number;
  durationS: number;
}

export interface AckTargetResult {
  /** autocannon, 10 connections: every round pooled. */
  saturated: PhaseResult;
  /** Open loop at `pacedRate` per second. */
  paced: PhaseResult;
}

export interface AckResult {
  connections: number;
  /** Saturated load per target in all: `rounds` rounds of durationS / rounds seconds each. */
  durationS: number;
  /**
   * The saturated phases alternate (bare, app, app, bare, bare, app, …) so that a machine getting busier or quieter
   * during the run weighs on both alike; each round's requests/s and p99, for seeing the spread.
   */
  rounds: { order: string; bareRps: number; appRps: number; bareP99: number; appP99: number }[];
  pacedRate: number;
  poolSize: number;
  where: string;
  app: AckTargetResult;
  bare: AckTargetResult;
  /**
   * The app with ANSWER_CACHE_SECONDS=0 (information, one round): every command's answer is built and posted on its
   * response_url after the ack — what a first question costs.
   */
  appWithoutCache: AckTargetResult;
  /** App p99 / bare p99 under autocannon (10 connections). */
  p99Ratio: number;
  /** App requests/s / bare requests/s under autocannon. */
  throughputRatio: number;
  /** App p99 / bare p99 in the paced phase. */
  pacedP99Ratio: number;
  /**
   * Every command acknowledged by the app (with or without its answer cache) gets one answer: in the acknowledgement (`inAck`) or posted to its
   * response_url afterwards (`posted`); `failed` are posts the fake Slack refused.
   */
  appReplies: { expected: number; inAck: number; posted: number; failed: number };
}

/** Signed `/ismap` bodies for autocannon; re-sign before each phase so the timestamps stay fresh. */
function buildPool(fake: FakeChild, size: number): { requests: AutocannonRequest[]; resign(): void } {
  const bodies = Array.from({ length: size }, (_, i) => {
    const user = USERS[i % USERS.length] as string;
    const text = COMMANDS[Math.floor(i / USERS.length) % COMMANDS.length] as string;
    return slashCommand(fake, { text, user_id: user }).body;
  });
  const requests: AutocannonRequest[] = bodies.map((body) => ({
    method: "POST",
    path: "/slack/events",
    body,
  }));
  const resign = () => {
    const ts = Math.floor(Date.now() / 1000);
    requests.forEach((request, i) => {
      const body = bodies[i] as string;
      request.headers = {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": computeSignature(SIGNING_SECRET, ts, body),
      };
    });
  };
  resign();
  return { requests, resign };
}

interface LoadResult extends PhaseResult {
  /** Every 2xx latency, for pooling several rounds. */
  latencies: number[];
}

async function load(
  port: number,
  pool: { requests: AutocannonRequest[]; resign(): void },
  options: { connections: number; durationS: number; rate?: number },
): Promise<LoadResult> {
  pool.resign();
  const latencies: number[] = [];
  let non2xx = 0;
  let answeredInAck = 0;
  const started = nowMs();
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    requests: pool.requests,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });
  instance.on("response", (_client: unknown, statusCode: number, bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(responseTime);
      if (bytes > ANSWER_BYTES) answeredInAck++;
    } else non2xx++;
  });
  const result = await instance;
  const durationS = (nowMs() - started) / 1000;
  return {
    rps: round(latencies.length / durationS),
    answeredInAck,
    latencyMs: roundSummary(summarize(latencies)),
    requests: latencies.length + non2xx,
    non2xx,
    errors: result.errors + result.timeouts,
    durationS: round(durationS),
    latencies,
  };
}

/** Several rounds of one target as one phase: requests and time summed, latencies pooled. */
function pooled(rounds: LoadResult[]): PhaseResult {
  const latencies = rounds.flatMap((r) => r.latencies);
  const durationS = rounds.reduce((sum, r) => sum + r.durationS, 0);
  const sum = (pick: (r: LoadResult) => number) => rounds.reduce((total, r) => total + pick(r), 0);
  return {
    rps: round(latencies.length / durationS),
    answeredInAck: sum((r) => r.answeredInAck),
    latencyMs: roundSummary(summarize(latencies)),
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    durationS: round(durationS),
  };
}

async function pacedPhase(
  port: number,
  pool: { requests: AutocannonRequest[]; resign(): void },
  rate: number,
  durationS: number,
): Promise<PhaseResult> {
  pool.resign();
  const result = await paced({
    port,
    rate,
    durationS,
    next: (i) => {
      const request = pool.requests[i % pool.requests.length] as AutocannonRequest;
      return { body: String(request.body), headers: request.headers ?? {} };
    },
  });
  return {
    rps: round(result.latencies.length / result.durationS),
    answeredInAck: result.withBody,
    latencyMs: roundSummary(summarize(result.latencies)),
    requests: result.sent,
    non2xx: result.non2xx,
    errors: result.errors,
    durationS: round(result.durationS),
  };
}

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

export async function runAckBench(options: {
  fake: FakeChild;
  storeUrl: string;
  connections?: number;
  durationS?: number;
  /** Alternating rounds the saturated load is split into (default 4). */
  rounds?: number;
  warmupS?: number;
  pacedRate?: number;
  pacedS?: number;
  log?: (line: string) => void;
}): Promise<AckResult> {
  const { fake } = options;
  const log = options.log ?? (() => undefined);
  const connections = options.connections ?? 10;
  const durationS = options.durationS ?? 12;
  const rounds = options.rounds ?? 4;
  const warmupS = options.warmupS ?? 3;
  const pacedRate = options.pacedRate ?? 100;
  const pacedS = options.pacedS ?? durationS;
  const env = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_API_URL: fake.url,
    STORE_URL: options.storeUrl,
    LOG_LEVEL: "info",
  };
  const pool = buildPool(fake, 1000);
  const app = await startServer("bench/servers/app.ts", "app", env);
  const bare = await startServer("bench/servers/bare.ts", "bare-bolt", env);
  // The same app with answer reuse off: every command's answer is built and posted after the ack.
  const cold = await startServer("bench/servers/app.ts", "app-no-cache", {
    ...env,
    ANSWER_CACHE_SECONDS: "0",
  });
  try {
    const before = await fake.counts();
    let appRequests = 0;
    let inAck = 0;
    let after = before;
    const posted = () => (after.byMethod.response_url ?? 0) - (before.byMethod.response_url ?? 0);
    /** The app goes on answering on response_urls after its acks: wait (bounded) until it has caught up. */
    const drain = async () => {
      const deadline = Date.now() + 60_000;
      after = await fake.counts();
      while (posted() + inAck < appRequests && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await fake.counts();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    };
    const phase = async <R extends PhaseResult>(
      which: "app" | "bare" | "cold",
      what: string,
      run: (port: number) => Promise<R>,
    ): Promise<R> => {
      const port = { app: app.port, bare: bare.port, cold: cold.port }[which];
      const result = await run(port);
      if (which !== "bare") {
        appRequests += result.requests - result.non2xx;
        inAck += result.answeredInAck;
        await drain();
      } else {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      log(
        `  ${which.padEnd(4)} ${what.padEnd(10)} ${String(result.rps).padStart(7)} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  max ${result.latencyMs.max} ms  non-2xx ${result.non2xx}  errors ${result.errors}  answered in ack ${result.answeredInAck}`,
      );
      return result;
    };
    const saturate = (seconds: number) => (port: number) =>
      load(port, pool, { connections, durationS: seconds });
    const pace = (port: number) => pacedPhase(port, pool, pacedRate, pacedS);
    await phase("bare", "warm-up", saturate(warmupS));
    await phase("app", "warm-up", saturate(warmupS));
    const roundS = durationS / rounds;
    const bareRounds: LoadResult[] = [];
    const appRounds: LoadResult[] = [];
    const order: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const sides: ("bare" | "app")[] = i % 2 === 0 ? ["bare", "app"] : ["app", "bare"];
      order.push(sides.join(", "));
      for (const side of sides) {
        const result = await phase(side, `round ${i + 1}`, saturate(roundS));
        (side === "app" ? appRounds : bareRounds).push(result);
      }
    }
    const bareSaturated = pooled(bareRounds);
    const appSaturated = pooled(appRounds);
    const barePaced = await phase("bare", `${pacedRate}/s`, pace);
    const appPaced = await phase("app", `${pacedRate}/s`, pace);
    await phase("cold", "warm-up", saturate(warmupS));
    const noCacheSaturated = await phase("cold", "saturated", saturate(roundS));
    const noCachePaced = await phase("cold", `${pacedRate}/s`, pace);
    return {
      connections,
      durationS,
      rounds: bareRounds.map((b, i) => {
        const a = appRounds[i] as LoadResult;
        return {
          order: order[i] as string,
          bareRps: b.rps,
          appRps: a.rps,
          bareP99: b.latencyMs.p99,
          appP99: a.latencyMs.p99,
        };
      }),
      pacedRate,
      poolSize: pool.requests.length,
      where:
        "app, bare Bolt and the fake Slack each in a child process; autocannon in the bench's main process",
      app: { saturated: appSaturated, paced: appPaced },
      bare: { saturated: bareSaturated, paced: barePaced },
      appWithoutCache: { saturated: noCacheSaturated, paced: noCachePaced },
      p99Ratio: round(appSaturated.latencyMs.p99 / bareSaturated.latencyMs.p99),
      throughputRatio: round(appSaturated.rps / bareSaturated.rps),
      pacedP99Ratio: round(appPaced.latencyMs.p99 / barePaced.latencyMs.p99),
      appReplies: {
        expected: appRequests,
        inAck,
        posted: posted(),
        failed: (after.failed.response_url ?? 0) - (before.failed.response_url ?? 0),
      },
    };
  } finally {
    await Promise.all([app.child.close(), bare.child.close(), cold.child.close()]);
  }
}
