/**
 * Cold start: from spawning the process to its "listening" log line, for `node --import tsx src/index.ts` (what
 * `npm run dev` runs) and for the built `node dist/index.js` (what `npm start` runs after `npm run build`). Each
 * start gets a fresh SQLite file and a free port; Slack's auth.test at start-up goes to the fake Slack. One
 * unmeasured start per variant first (warm disk cache and tsx's compile cache), then `runs` measured ones.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SIGNING_SECRET } from "./ack.js";
import type { FakeChild } from "./lib/fake-child.js";
import { nowMs, round, roundSummary, type Summary, summarize } from "./lib/stats.js";

export interface ColdStartResult {
  runs: number;
  tsx: Summary & { all: number[] };
  dist: Summary & { all: number[] };
  buildMs: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function startOnce(args: string[], fake: FakeChild): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "ismap-cold-"));
  const port = await freePort();
  const started = nowMs();
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      PORT: String(port),
      STORE_URL: `sqlite://${join(dir, "cold.sqlite")}`,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "listening" line within 30 s:\n${output}`)),
        30_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("listening")) {
          clearTimeout(timer);
          resolve(nowMs() - started);
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before listening:\n${output}`));
      });
    });
  } finally {
    // A child that already exited (before listening) has no exit event left to wait for.
    const running = child.exitCode === null && child.signalCode === null;
    const exited = running ? new Promise((resolve) => child.once("exit", resolve)) : Promise.resolve();
    if (running) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runColdStartBench(options: {
  fake: FakeChild;
  runs?: number;
  buildMs: number;
}): Promise<ColdStartResult> {
  const runs = options.runs ?? 5;
  const variants = {
    tsx: ["--import", "tsx", "src/index.ts"],
    dist: ["dist/index.js"],
  } as const;
  const times: Record<keyof typeof variants, number[]> = { tsx: [], dist: [] };
  for (const args of Object.values(variants)) await startOnce([...args], options.fake);
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(variants) as [keyof typeof variants, readonly string[]][]) {
      times[name].push(await startOnce([...args], options.fake));
    }
  }
  const describe = (values: number[]) => ({ ...roundSummary(summarize(values)), all: values.map(round) });
  return { runs, tsx: describe(times.tsx), dist: describe(times.dist), buildMs: options.buildMs };
}
