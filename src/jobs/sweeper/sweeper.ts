/**
 * The reminder sweeper: every minute, in every instance, it walks the teams whose reminders are on, works out
 * which occurrences are due (the pure functions of due.ts), and posts each one exactly once.
 *
 * Exactly once: an occurrence is claimed in the store before it is posted (Redis `SET NX PX` across instances, an
 * in-process claim for SQLite and memory, which serve one instance), re-checked as not done under the claim, posted,
 * then marked done. A crash between claim and post leaves the claim to lapse after `claimTtlMs` and a later sweep
 * (of any instance) posts it. Only a crash between Slack's answer and the done mark can post twice. Claims (with
 * the re-check) and done marks go to the store in batches — the claims asked for in one event loop turn, the done
 * marks of posts answered within a few milliseconds of each other — and each poster waits for its batch's done
 * marks before it posts again, so a crash can post twice at most `concurrency` reminders.
 *
 * Slack errors: 429 waits Retry-After (under the claim) and tries again; not_in_channel, channel_not_found,
 * is_archived, invalid_auth, token_revoked and account_inactive pause the team's reminders (one instance wins the
 * pause and DMs the team's editors, once); anything else is logged, counted and retried by a later sweep with
 * exponential back-off until the item is past due, when it is dropped (logged and counted).
 *
 * This file runs the sweep (batches of teams, read ahead, posted by a bounded pool); the rest of the folder:
 * claims.ts (claims and done marks, with their state), delivery.ts (one post), failures.ts (what a refused post
 * leads to), pacing.ts (batching and the pool), report.ts, clients.ts and types.ts.
 */
import type { Decision, PlannedOccurrence } from "../../reminders/due.js";
import { candidateOccurrences, decide, reminderItems } from "../../reminders/due.js";
import { retryKey, teamFromScope } from "../../reminders/occurrence.js";
import { isActive, type ReminderSettings } from "../../reminders/settings.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import { type TeamKey, teamScope } from "../../store/keys.js";
import { type ClaimBook, createClaimBook } from "./claims.js";
import { close, deliver } from "./delivery.js";
import { pool } from "./pacing.js";
import { emptyReport, record, summaryLine, wasBusy } from "./report.js";
import {
  describeError,
  resolveSettings,
  type Sweeper,
  type SweeperDependencies,
  type SweepOptions,
  type SweepReport,
  type SweepSettings,
} from "./types.js";

export { clientsFromInstallations, reminderWebClient } from "./clients.js";
export { classifySlackError } from "./failures.js";
export {
  type ClientFor,
  type OccurrenceStatus,
  REMINDER_EVENT_TYPE,
  type ReminderLogger,
  type Sweeper,
  type SweeperDependencies,
  type SweepOccurrence,
  type SweepOptions,
  type SweepReport,
} from "./types.js";

/** One team of a batch, read and decided, ready to post. */
interface PreparedTeam {
  team: TeamKey;
  settings: ReminderSettings;
  profile: ServiceProfile;
  decisions: Decision[];
  /** The stored retry state of each occurrence to send, by key (read with the batch). */
  retries: Map<string, unknown>;
}

/** One sweeper's state: its settings, its claim book, and whether stop() was called. */
interface Run {
  readonly s: SweepSettings;
  readonly book: ClaimBook;
  stopping: boolean;
}

/**
 * Reads what a batch of teams needs (settings, profiles, done marks, retry states: one store round trip each)
 * and decides each team's occurrences. A team whose documents cannot be read is counted and logged here.
 */
async function prepareBatch(
  run: Run,
  teams: readonly TeamKey[],
  at: Date,
  dryRun: boolean,
  report: SweepReport,
): Promise<PreparedTeam[]> {
  const { s, book } = run;
  const { logger, settingsRepo, profiles, engine, store, lateAfterMs } = s;
  const failed = (team: TeamKey, error: unknown) => {
    report.errors++;
    logger.error(`sweeping ${teamScope(team)} failed: ${describeError(error)}`);
  };
  const settingsOf = await settingsRepo.getMany(teams);
  const active: { team: TeamKey; settings: ReminderSettings }[] = [];
  for (const [i, team] of teams.entries()) {
    const entry = settingsOf[i];
    if (!entry) continue;
    if ("error" in entry) failed(team, entry.error);
    else if (entry.settings && isActive(entry.settings)) active.push({ team, settings: entry.settings });
  }
  if (active.length === 0) return [];
  const profilesOf = profiles.getMany
    ? await profiles.getMany(active.map((a) => a.team))
    : await Promise.all(
        active.map(({ team }) =>
          profiles.get(team).then(
            (profile) => ({ profile }),
            (error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }),
          ),
        ),
      );
  const planned: {
    team: TeamKey;
    settings: ReminderSettings;
    profile: ServiceProfile;
    candidates: PlannedOccurrence[];
  }[] = [];
  for (const [i, { team, settings }] of active.entries()) {
    const entry = profilesOf[i];
    if (!entry) continue;
    if ("error" in entry) {
      failed(team, entry.error);
      continue;
    }
    const { profile } = entry.profile;
    try {
      const candidates = candidateOccurrences(reminderItems(engine.rules, profile, at), team, settings, at);
      if (candidates.length > 0) planned.push({ team, settings, profile, candidates });
    } catch (error) {
      failed(team, error);
    }
  }
  if (planned.length === 0) return [];
  const done = await book.doneKeys(planned.flatMap((p) => p.candidates.map((c) => c.key)));
  const prepared = planned.map(({ team, settings, profile, candidates }) => ({
    team,
    settings,
    profile,
    decisions: decide(candidates, (key) => done.has(key), at, { lateAfterMs }),
    retries: new Map<string, unknown>(),
  }));
  if (!dryRun) {
    const sendKeys = prepared.flatMap((p) =>
      p.decisions.filter((d) => d.action === "send").map((d) => d.occurrence.key),
    );
    const states = await store.getMany(sendKeys.map(retryKey));
    const byKey = new Map(sendKeys.map((key, i) => [key, states[i]]));
    for (const p of prepared) {
      for (const d of p.decisions)
        if (d.action === "send") p.retries.set(d.occurrence.key, byKey.get(d.occurrence.key));
    }
  }
  return prepared;
}

async function sweepTeam(
  run: Run,
  prepared: PreparedTeam,
  at: Date,
  dryRun: boolean,
  report: SweepReport,
): Promise<void> {
  const { s, book } = run;
  const { team, settings, profile, decisions } = prepared;
  for (const decision of decisions) {
    if (decision.action !== "send") await close(s, book, decision, at, dryRun, report);
  }
  const sends = decisions.filter((d): d is Decision & { action: "send" } => d.action === "send");
  if (sends.length === 0) return;
  if (dryRun) {
    for (const d of sends) {
      report.sent++;
      if (d.late) report.late++;
      record(report, d.occurrence, "would_send", d.late);
    }
    return;
  }
  const client = await s.clientFor(team);
  if (!client) {
    report.errors++;
    s.logger.warn(
      `no Slack client for ${teamScope(team)} (no installation?); ${sends.length} reminder(s) wait`,
    );
    for (const d of sends) record(report, d.occurrence, "no_client", d.late);
    return;
  }
  for (const [i, d] of sends.entries()) {
    if (run.stopping) return;
    const retry = prepared.retries.get(d.occurrence.key);
    if ((await deliver(s, book, team, settings, profile, client, d, at, report, retry)) === "paused") {
      for (const rest of sends.slice(i + 1)) record(report, rest.occurrence, "paused", rest.late);
      return;
    }
  }
}

async function teamsToSweep(run: Run, teamId: string | undefined): Promise<TeamKey[]> {
  const indexed = await run.s.settingsRepo.indexedTeams();
  if (teamId === undefined) return indexed;
  const wanted = teamId.includes(":") ? teamFromScope(teamId) : { teamId };
  if (!wanted) throw new RangeError(`not a team id or scope: ${teamId}`);
  const matches = indexed.filter(
    (team) =>
      team.teamId === wanted.teamId &&
      (wanted.enterpriseId === undefined || team.enterpriseId === wanted.enterpriseId),
  );
  return matches.length > 0 ? matches : [wanted];
}

async function sweepOnce(run: Run, at: Date, options: SweepOptions = {}): Promise<SweepReport> {
  const { s, book } = run;
  const started = Date.now();
  const dryRun = options.dryRun ?? false;
  const report = emptyReport(at, dryRun);
  if (!dryRun) await book.retryUnmarked();
  const teams = await teamsToSweep(run, options.teamId);
  report.teams = teams.length;
  type Prepared = { teams: TeamKey[]; prepared?: PreparedTeam[]; error?: unknown };
  const prepare = (batch: TeamKey[]): Promise<Prepared> =>
    prepareBatch(run, batch, at, dryRun, report).then(
      (prepared) => ({ teams: batch, prepared }),
      (error: unknown) => ({ teams: batch, error }),
    );
  // The next batch is read while the current one posts.
  let next: Promise<Prepared> | undefined =
    teams.length > 0 ? prepare(teams.slice(0, s.batchSize)) : undefined;
  for (let start = 0; next && !run.stopping; start += s.batchSize) {
    const current: Prepared = await next;
    const following = teams.slice(start + s.batchSize, start + 2 * s.batchSize);
    next = following.length > 0 ? prepare(following) : undefined;
    if (current.error !== undefined || !current.prepared) {
      report.errors += current.teams.length;
      const first = current.teams[0] as TeamKey;
      const which =
        current.teams.length === 1
          ? teamScope(first)
          : `${current.teams.length} teams from ${teamScope(first)}`;
      s.logger.error(`sweeping ${which} failed: ${describeError(current.error)}`);
      continue;
    }
    await pool(current.prepared, s.concurrency, async (prepared) => {
      if (run.stopping) return;
      try {
        await sweepTeam(run, prepared, at, dryRun, report);
      } catch (error) {
        report.errors++;
        s.logger.error(`sweeping ${teamScope(prepared.team)} failed: ${describeError(error)}`);
      }
    });
  }
  // A batch read ahead when stop() came in is dropped unread (its failure, if any, is not reported).
  await next;
  report.durationMs = Date.now() - started;
  if (wasBusy(report)) s.logger.info(summaryLine(report));
  else s.logger.debug(summaryLine(report));
  return report;
}

export function createSweeper(deps: SweeperDependencies): Sweeper {
  const s = resolveSettings(deps);
  const run: Run = { s, book: createClaimBook(s), stopping: false };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    sweepOnce: (at, options) => sweepOnce(run, at, options),
    start(intervalMs = 60_000) {
      if (timer) return;
      run.stopping = false;
      const tick = () => {
        if (running) return;
        running = sweepOnce(run, s.clock())
          .catch((error: unknown) => s.logger.error(`sweep failed: ${describeError(error)}`))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setInterval(tick, intervalMs);
      timer.unref?.();
      tick();
    },
    async stop() {
      run.stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
