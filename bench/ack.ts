/**
 * Ack latency and throughput of `/ismap` commands: the app (HTTP mode, SQLite store, fake Slack Web API) against
 * bare Bolt (same @slack/bolt, default HTTP receiver, one listener that only acks). Each server runs in a child
 * process of its own and the fake Slack in another; autocannon runs in the bench's own process, so it shares an
 * event loop with neither. Requests come from a pool of signed bodies built ahead (help, audits, status, special,
 * four users; timestamps within Slack's 5-minute window, re-signed before each phase) that autocannon rotates.
 *
 * Per server: a warm-up, then autocannon with 10 connections for `durationS` (as many requests as they get through:
 * requests/s and latency, the figures of `p99Ratio` and `throughputRatio`), then a paced phase at a rate both serve
 * easily (open loop, Poisson arrivals, same schedule for both): the ack latency a person sees under ordinary load.
 * Between phases the bench waits until the app has answered every acknowledged command on its response_url.
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
  /** autocannon, 10 connections. */
  saturated: PhaseResult;
  /** Open loop at `pacedRate` per second. */
  paced: PhaseResult;
}

export interface AckResult {
  connections: number;
  durationS: number;
  pacedRate: number;
  poolSize: number;
  where: string;
  app: AckTargetResult;
  bare: AckTargetResult;
  /** App p99 / bare p99 under autocannon (10 connections). */
  p99Ratio: number;
  /** App requests/s / bare requests/s under autocannon. */
  throughputRatio: number;
  /** App p99 / bare p99 in the paced phase. */
  pacedP99Ratio: number;
  /**
   * Every command acknowledged by the app gets one answer: in the acknowledgement (`inAck`) or posted to its
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

async function load(
  port: number,
  pool: { requests: AutocannonRequest[]; resign(): void },
  options: { connections: number; durationS: number; rate?: number },
): Promise<PhaseResult> {
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
  warmupS?: number;
  pacedRate?: number;
  pacedS?: number;
  log?: (line: string) => void;
}): Promise<AckResult> {
  const { fake } = options;
  const log = options.log ?? (() => undefined);
  const connections = options.connections ?? 10;
  const durationS = options.durationS ?? 10;
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
    const phase = async (which: "app" | "bare", what: string, opts: { durationS: number; rate?: number }) => {
      const port = which === "app" ? app.port : bare.port;
      const result = opts.rate
        ? await pacedPhase(port, pool, opts.rate, opts.durationS)
        : await load(port, pool, { connections, durationS: opts.durationS });
      if (which === "app") {
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
    await phase("bare", "warm-up", { durationS: warmupS });
    await phase("app", "warm-up", { durationS: warmupS });
    const bareSaturated = await phase("bare", "saturated", { durationS });
    const appSaturated = await phase("app", "saturated", { durationS });
    const barePaced = await phase("bare", `${pacedRate}/s`, { durationS: pacedS, rate: pacedRate });
    const appPaced = await phase("app", `${pacedRate}/s`, { durationS: pacedS, rate: pacedRate });
    return {
      connections,
      durationS,
      pacedRate,
      poolSize: pool.requests.length,
      where:
        "app, bare Bolt and the fake Slack each in a child process; autocannon in the bench's main process",
      app: { saturated: appSaturated, paced: appPaced },
      bare: { saturated: bareSaturated, paced: barePaced },
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
    await Promise.all([app.child.close(), bare.child.close()]);
  }
}
