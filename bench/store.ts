/**
 * Profile reads and writes through the ProfileRepository (validation, migrations, revision check, claim, history)
 * with `teams` profiles stored: each operation timed alone (one at a time), on random teams.
 */
import { ProfileRepository } from "../src/profile/repository.js";
import type { TeamKey } from "../src/store/keys.js";
import type { Store } from "../src/store/store.js";
import { nowMs, roundSummary, type Summary, summarize } from "./lib/stats.js";

export interface StoreResult {
  teams: number;
  reads: number;
  writes: number;
  readMs: Summary;
  writeMs: Summary;
}

export async function runStoreBench(
  store: Store,
  teams: TeamKey[],
  options: { reads?: number; writes?: number } = {},
): Promise<StoreResult> {
  const repo = new ProfileRepository(store);
  const reads = options.reads ?? 2000;
  const writes = options.writes ?? 500;
  const pick = (i: number) => teams[(i * 7919) % teams.length] as TeamKey;
  for (let i = 0; i < 50; i++) await repo.get(pick(i));
  const readTimes: number[] = [];
  for (let i = 0; i < reads; i++) {
    const started = nowMs();
    await repo.get(pick(i + 50));
    readTimes.push(nowMs() - started);
  }
  const writeTimes: number[] = [];
  for (let i = 0; i < writes; i++) {
    const team = pick(i * 13 + 1);
    const { revision } = await repo.get(team);
    const started = nowMs();
    const saved = await repo.save(team, {
      baseRevision: revision,
      actor: "U0BENCH001",
      at: new Date(),
      summary: "bench",
      update: (profile) => ({ ...profile, service: { ...profile.service, name: `Service ${i}` } }),
    });
    writeTimes.push(nowMs() - started);
    if (!saved.ok) throw new Error(`bench write ${i} was refused as stale`);
  }
  return {
    teams: teams.length,
    reads,
    writes,
    readMs: roundSummary(summarize(readTimes)),
    writeMs: roundSummary(summarize(writeTimes)),
  };
}
