/**
 * An open-loop load generator: requests go out at planned instants (Poisson arrivals at `rate` per second, from a
 * seeded generator, so every target gets the same schedule) whether or not earlier ones have been answered, over
 * keep-alive connections. Latency is measured from the request's planned instant to the end of its response, so a
 * server that falls behind is charged for the wait (no coordinated omission).
 */
import { Agent, request } from "node:http";
import { nowMs } from "./stats.js";

export interface PacedRequest {
  body: string;
  headers: Record<string, string>;
  /** Called just before the request is written (e.g. to note when it went out). */
  onSend?: (plannedAt: number) => void;
}

export interface PacedResult {
  latencies: number[];
  /** 2xx responses that carried a body (an answer in the acknowledgement). */
  withBody: number;
  sent: number;
  non2xx: number;
  errors: number;
  durationS: number;
}

/** Mulberry32: a small seeded generator, so schedules repeat run after run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function poissonSchedule(rate: number, durationS: number, seed = 42): number[] {
  const random = seeded(seed);
  const out: number[] = [];
  let at = 0;
  for (;;) {
    at += (-Math.log(1 - random()) / rate) * 1000;
    if (at >= durationS * 1000) return out;
    out.push(at);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function paced(options: {
  port: number;
  rate: number;
  durationS: number;
  next: (index: number) => PacedRequest;
  seed?: number;
  timeoutMs?: number;
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const schedule = poissonSchedule(options.rate, options.durationS, options.seed);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let withBody = 0;
  const pending: Promise<void>[] = [];
  const start = nowMs();
  for (const [index, offset] of schedule.entries()) {
    const plannedAt = start + offset;
    const wait = plannedAt - nowMs();
    if (wait > 1) await sleep(wait);
    const item = options.next(index);
    pending.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: options.port,
            path: "/slack/events",
            method: "POST",
            agent,
            headers: { ...item.headers, "content-length": Buffer.byteLength(item.body) },
            timeout: options.timeoutMs ?? 10_000,
          },
          (res) => {
            let bytes = 0;
            res.on("data", (chunk: Buffer) => {
              bytes += chunk.length;
            });
            res.on("end", () => {
              if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) {
                latencies.push(nowMs() - plannedAt);
                if (bytes > 0) withBody++;
              } else {
                non2xx++;
              }
              resolve();
            });
          },
        );
        req.on("timeout", () => req.destroy(new Error("timeout")));
        req.on("error", () => {
          errors++;
          resolve();
        });
        item.onSend?.(plannedAt);
        req.end(item.body);
      }),
    );
  }
  await Promise.all(pending);
  const durationS = (nowMs() - start) / 1000;
  agent.destroy();
  return { latencies, withBody, sent: schedule.length, non2xx, errors, durationS };
}
