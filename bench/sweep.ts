/** The reminder sweep of the seeded teams, run in a child process on the built app (bench/servers/sweep.mjs). */
import { forkTs } from "./lib/child.js";
import type { FakeChild } from "./lib/fake-child.js";
import { SWEEP_AT } from "./lib/seed.js";

export interface SweepResult {
  teams: number;
  sent: number;
  errors: number;
  wallMs: number;
  /** CPU time (user + system) of the sweep process during the first sweep. */
  cpuMs: number;
  /** A second sweep at the same instant, posting nothing (what every instance pays each minute). */
  secondSweepMs: number;
  maxRssMb: number;
  rssBeforeSweepMb: number;
}

export async function runSweepBench(options: {
  fake: FakeChild;
  storeUrl: string;
  namespace?: string;
}): Promise<SweepResult> {
  const child = forkTs("bench/servers/sweep.mjs", {
    name: "sweep",
    execArgv: process.env.BENCH_SWEEP_EXEC_ARGV ? process.env.BENCH_SWEEP_EXEC_ARGV.split(" ") : [],
    env: {
      SWEEP_AT: SWEEP_AT.toISOString(),
      STORE_URL: options.storeUrl,
      STORE_NAMESPACE: options.namespace ?? "ismap",
      SLACK_BOT_TOKEN: options.fake.botToken,
      SLACK_API_URL: options.fake.url,
    },
  });
  try {
    const result = await child.next<{
      type: "result";
      durationMs: number;
      cpuMs: number;
      sent: number;
      errors: number;
      teams: number;
      secondSweepMs: number;
      secondSweepSent: number;
      maxRssMb: number;
      rssBeforeSweepMb: number;
    }>("result", 180_000);
    if (result.secondSweepSent !== 0)
      throw new Error(`the second sweep posted ${result.secondSweepSent} again`);
    return {
      teams: result.teams,
      sent: result.sent,
      errors: result.errors,
      wallMs: result.durationMs,
      cpuMs: result.cpuMs,
      secondSweepMs: result.secondSweepMs,
      maxRssMb: result.maxRssMb,
      rssBeforeSweepMb: result.rssBeforeSweepMb,
    };
  } finally {
    await child.close();
  }
}
