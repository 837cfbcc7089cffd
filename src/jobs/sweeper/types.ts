/**
 * The reminder sweeper's contract (dependencies, options, the sweep report) and the settings one sweeper runs
 * with, resolved once from its dependencies with their defaults.
 */
import type { WebClient } from "@slack/web-api";
import type { ProfileRepository } from "../../profile/repository.js";
import { DEFAULT_LATE_AFTER_MS } from "../../reminders/due.js";
import type { ReminderKind } from "../../reminders/occurrence.js";
import type { ReminderSettingsRepository } from "../../reminders/settings.js";
import type { RulesEngine } from "../../rules/engine.js";
import type { TeamKey } from "../../store/keys.js";
import type { Store } from "../../store/store.js";

/** The event type of the metadata every reminder carries (its occurrence key and fields). */
export const REMINDER_EVENT_TYPE = "ismap_reminder";

export interface ReminderLogger {
  debug(...message: unknown[]): void;
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
}

/** The Web API client posting for a team; undefined when the app has no installation there. */
export type ClientFor = (team: TeamKey) => WebClient | undefined | Promise<WebClient | undefined>;

export interface SweeperDependencies {
  store: Store;
  /** `getMany` (one store round trip per batch of teams) is used when present, else `get` per team. */
  profiles: Pick<ProfileRepository, "get"> & Partial<Pick<ProfileRepository, "getMany">>;
  settings: ReminderSettingsRepository;
  engine: Pick<RulesEngine, "rules">;
  /**
   * Best built with reminderWebClient (no retries inside the client, rate limits rejected), so that the sweeper
   * does the waiting and the back-off; a client with Bolt's defaults works but may hold a sweep for minutes.
   */
  clientFor: ClientFor;
  clock?: () => Date;
  logger?: ReminderLogger;
  /** How long a claim on an occurrence lasts; a crashed holder's work is retried after it (default 5 min). */
  claimTtlMs?: number;
  /**
   * Teams swept in parallel (default 32); each team's occurrences are posted one after another. Also the most
   * posts Slack may have accepted whose done marks are not yet written (see `finish`).
   */
  concurrency?: number;
  /**
   * Teams whose settings, profiles, done marks and retry states are read together, in one store round trip each
   * (default 256); the next batch is read while the current one posts.
   */
  batchSize?: number;
  /** A reminder posted this long or longer after its send instant is marked late (default 15 min). */
  lateAfterMs?: number;
  /** The longest Retry-After waited for in a sweep (default 30 s); longer ones defer to a later sweep. */
  maxRateLimitWaitMs?: number;
  /** Back-off of failed posts: base × 2^(attempts − 1), at most max (default 1 min, 1 h). */
  retry?: { baseMs?: number; maxMs?: number };
  sleep?: (ms: number) => Promise<void>;
}

export type OccurrenceStatus =
  /** Posted (late or not). */
  | "sent"
  /** Dry run: would be posted. */
  | "would_send"
  /** An older lead of an item whose newer lead is due or sent; never posted. */
  | "superseded"
  /** Past due before it could be posted; never posted. */
  | "dropped"
  /** The post failed; retried by a later sweep after the back-off. */
  | "failed"
  /** Waiting out a back-off or a long Retry-After. */
  | "deferred"
  /** Another instance (or a crashed one, until its claim lapses) holds the claim. */
  | "claimed_elsewhere"
  /** Not posted because the team's reminders were paused (by this post's error or an earlier one). */
  | "paused"
  /** No Web API client for the team (no installation). */
  | "no_client";

export interface SweepOccurrence {
  key: string;
  /** `<enterprise or ->:<team>`. */
  team: string;
  kind: ReminderKind;
  subject: string;
  /** JST due day (the Monday for a digest). */
  dueDate: string;
  lead: number;
  sendAt: string;
  late: boolean;
  status: OccurrenceStatus;
  error?: string;
}

export interface SweepReport {
  at: string;
  dryRun: boolean;
  /** Teams looked at (in the index, or the one asked for). */
  teams: number;
  /** Posted (in a dry run: would be posted), late ones included. */
  sent: number;
  /** Of `sent`, how many were late. */
  late: number;
  superseded: number;
  droppedPastDue: number;
  /** Posts that failed and will be retried. */
  failed: number;
  /** Teams whose reminders this sweep paused. */
  paused: number;
  deferred: number;
  claimedElsewhere: number;
  /** Teams that could not be swept (store unavailable, corrupt document, no client). */
  errors: number;
  durationMs: number;
  occurrences: SweepOccurrence[];
}

export interface SweepOptions {
  /** Compute and report only: no claim, no post, no mark. Needs no Slack client. */
  dryRun?: boolean;
  /** Only this team: a team id (`T…`) or a scope (`E…:T…`, `-:T…`). */
  teamId?: string;
}

export interface Sweeper {
  sweepOnce(at: Date, options?: SweepOptions): Promise<SweepReport>;
  /** Sweeps now and then every `intervalMs` (default 60 s); sweeps never overlap. */
  start(intervalMs?: number): void;
  /** Stops the timer, lets a running sweep finish its current posts, and resolves when it has. */
  stop(): Promise<void>;
}

export const consoleLogger: ReminderLogger = {
  debug: () => undefined,
  info: (...m) => console.info("[reminders]", ...m),
  warn: (...m) => console.warn("[reminders]", ...m),
  error: (...m) => console.error("[reminders]", ...m),
};

/** The dependencies of one sweeper with their defaults filled in. */
export interface SweepSettings {
  store: Store;
  claims: Store["claims"];
  profiles: SweeperDependencies["profiles"];
  settingsRepo: ReminderSettingsRepository;
  engine: SweeperDependencies["engine"];
  clientFor: ClientFor;
  clock: () => Date;
  logger: ReminderLogger;
  claimTtlMs: number;
  concurrency: number;
  batchSize: number;
  lateAfterMs: number;
  maxRateLimitWaitMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  sleep: (ms: number) => Promise<void>;
}

export function resolveSettings(deps: SweeperDependencies): SweepSettings {
  return {
    store: deps.store,
    claims: deps.store.claims,
    profiles: deps.profiles,
    settingsRepo: deps.settings,
    engine: deps.engine,
    clientFor: deps.clientFor,
    clock: deps.clock ?? (() => new Date()),
    logger: deps.logger ?? consoleLogger,
    claimTtlMs: deps.claimTtlMs ?? 5 * 60 * 1000,
    concurrency: Math.max(1, deps.concurrency ?? 32),
    batchSize: Math.max(1, deps.batchSize ?? 256),
    lateAfterMs: deps.lateAfterMs ?? DEFAULT_LATE_AFTER_MS,
    maxRateLimitWaitMs: deps.maxRateLimitWaitMs ?? 30_000,
    retryBaseMs: deps.retry?.baseMs ?? 60_000,
    retryMaxMs: deps.retry?.maxMs ?? 60 * 60 * 1000,
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
