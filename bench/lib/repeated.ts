/**
 * The repeated-question phase of bench/ack.ts: a pool of signed `/ismap` commands the app has answered already (it
 * answers them in the acknowledgement itself, from its answer cache), sent by autocannon with N connections.
 */
import autocannon, { type AutocannonRequest } from "autocannon";
import { computeSignature, slashCommand } from "../../dev/slack-requests/index.js";
import type { Command, ResponseSink } from "./answers.js";
import type { FakeChild } from "./fake-child.js";
import { nowMs, round, roundSummary, type Summary, summarize } from "./stats.js";
import { benchTeam, COMMANDS, teamId } from "./teams.js";

/** autocannon counts headers in a response's size: an empty acknowledgement is about 120 bytes. */
const ANSWER_BYTES = 512;

export interface RepeatedPhase {
  rps: number;
  answeredInAck: number;
  latencyMs: Summary;
  requests: number;
  non2xx: number;
  errors: number;
  durationS: number;
}

/** Signed repeated-question bodies for autocannon; re-sign before each phase so the timestamps stay fresh. */
export function repeatedPool(
  fake: FakeChild,
  sink: ResponseSink,
  teams: number,
  signingSecret: string,
): { requests: AutocannonRequest[]; resign(): void; prime: Command[] } {
  const bodies: string[] = [];
  const prime: Command[] = [];
  for (let i = 0; i < teams; i++) {
    const t = benchTeam(i);
    for (const text of COMMANDS) {
      const ask = (responseUrl: string) =>
        slashCommand(
          { ...fake, teamId: teamId(i), responseUrl: () => responseUrl },
          { text, user_id: t.userId },
        ).body;
      bodies.push(ask(`${sink.origin}/response/repeated`));
      const responseUrl = sink.url();
      prime.push({ body: ask(responseUrl), responseUrl });
    }
  }
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
        "x-slack-signature": computeSignature(signingSecret, ts, body),
      };
    });
  };
  resign();
  return { requests, resign, prime };
}

export async function saturate(
  port: number,
  pool: { requests: AutocannonRequest[]; resign(): void },
  connections: number,
  durationS: number,
): Promise<RepeatedPhase & { latencies: number[] }> {
  pool.resign();
  const latencies: number[] = [];
  let non2xx = 0;
  let answeredInAck = 0;
  const started = nowMs();
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: durationS,
    timeout: 10,
    requests: pool.requests,
  });
  instance.on("response", (_client: unknown, statusCode: number, bytes: number, responseTime: number) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(responseTime);
      if (bytes > ANSWER_BYTES) answeredInAck++;
    } else non2xx++;
  });
  const result = await instance;
  const seconds = (nowMs() - started) / 1000;
  return {
    rps: round(latencies.length / seconds),
    answeredInAck,
    latencyMs: roundSummary(summarize(latencies)),
    requests: latencies.length + non2xx,
    non2xx,
    errors: result.errors + result.timeouts,
    durationS: round(seconds),
    latencies,
  };
}

export function pooledRepeated(rounds: (RepeatedPhase & { latencies: number[] })[]): RepeatedPhase {
  const latencies = rounds.flatMap((r) => r.latencies);
  const durationS = rounds.reduce((sum, r) => sum + r.durationS, 0);
  const sum = (pick: (r: RepeatedPhase) => number) => rounds.reduce((total, r) => total + pick(r), 0);
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
