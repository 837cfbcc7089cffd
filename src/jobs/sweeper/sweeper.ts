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
 */
import type { InstallationQuery, InstallationStore } from "@slack/bolt";
import { LogLevel, WebClient } from "@slack/web-api";
import { createTranslator } from "../../i18n/translator.js";
import { keepAliveFetch } from "../../lib/keep-alive-fetch.js";
import type { ProfileRepository } from "../../profile/repository.js";
import {
  candidateOccurrences,
  DEFAULT_LATE_AFTER_MS,
  type Decision,
  decide,
  type PlannedOccurrence,
  reminderItems,
} from "../../reminders/due.js";
import { outcomeKey, type ReminderKind, retryKey, teamFromScope } from "../../reminders/occurrence.js";
import {
  isActive,
  PAUSE_REASONS,
  type PauseReason,
  type ReminderSettings,
  type ReminderSettingsRepository,
} from "../../reminders/settings.js";
import type { RulesEngine } from "../../rules/engine.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import type { SlackMessage } from "../../slack/views/messages/common.js";
import {
  digestMessage,
  reminderMessage,
  remindersPausedMessage,
} from "../../slack/views/messages/reminder.js";
import type { ClaimAnswer } from "../../store/claims.js";
import { type TeamKey, teamScope } from "../../store/keys.js";
import type { Store } from "../../store/keyv-factory.js";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Done marks are kept this long after the item is past due, then expire from the store. */
const DONE_KEPT_AFTER_PAST_DUE_MS = 400 * DAY_MS;
/** Known-done keys remembered in process; the set is cleared when it grows past this. */
const DONE_CACHE_MAX = 1_000_000;
/** A post waits at most this long for others to join its batch of done marks. */
const FINISH_BATCH_DELAY_MS = 4;
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

/** One pool of keep-alive sockets for every client of the process (the sockets are made on demand). */
const sharedFetch = keepAliveFetch();

/**
 * A Web API client suited to the sweeper: no retries of its own, rate limits rejected, 10 s timeout, and a lean
 * keep-alive HTTP transport (keep-alive-fetch.ts).
 */
export function reminderWebClient(
  token: string,
  options: { slackApiUrl?: string | undefined; timeoutMs?: number } = {},
): WebClient {
  return new WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
    fetch: sharedFetch,
  });
}

/** clientFor over an installation store (OAuth): the bot token of each team's installation, one client per token. */
export function clientsFromInstallations(
  installations: Pick<InstallationStore, "fetchInstallation">,
  options: { slackApiUrl?: string | undefined } = {},
): ClientFor {
  const clients = new Map<string, WebClient>();
  const botToken = (query: InstallationQuery<boolean>) =>
    installations
      .fetchInstallation(query)
      .then((installation) => installation.bot?.token)
      .catch(() => undefined);
  return async (team) => {
    // The workspace's own installation, else an org-wide one of its Enterprise Grid organisation.
    const token =
      (await botToken({
        teamId: team.teamId,
        enterpriseId: team.enterpriseId,
        isEnterpriseInstall: false,
      })) ??
      (team.enterpriseId
        ? await botToken({ teamId: undefined, enterpriseId: team.enterpriseId, isEnterpriseInstall: true })
        : undefined);
    if (!token) return undefined;
    let client = clients.get(token);
    if (!client) {
      client = reminderWebClient(token, options);
      clients.set(token, client);
    }
    return client;
  };
}

const consoleLogger: ReminderLogger = {
  debug: () => undefined,
  info: (...m) => console.info("[reminders]", ...m),
  warn: (...m) => console.warn("[reminders]", ...m),
  error: (...m) => console.error("[reminders]", ...m),
};

type SlackFailure =
  | { type: "rate_limited"; retryAfterMs: number }
  | { type: "fatal"; reason: PauseReason }
  | { type: "retry"; detail: string };

/** What a failed Web API call means for the sweeper. */
export function classifySlackError(error: unknown): SlackFailure {
  const e = error as {
    code?: unknown;
    retryAfter?: unknown;
    statusCode?: unknown;
    data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
    message?: unknown;
  };
  if (e?.code === "slack_webapi_rate_limited_error") {
    const seconds = typeof e.retryAfter === "number" ? e.retryAfter : 1;
    return { type: "rate_limited", retryAfterMs: Math.max(0, seconds) * 1000 };
  }
  const platform = typeof e?.data?.error === "string" ? e.data.error : undefined;
  if (platform === "ratelimited") {
    const seconds = e.data?.response_metadata?.retryAfter;
    return { type: "rate_limited", retryAfterMs: (typeof seconds === "number" ? seconds : 30) * 1000 };
  }
  if (platform && (PAUSE_REASONS as readonly string[]).includes(platform)) {
    return { type: "fatal", reason: platform as PauseReason };
  }
  if (platform) return { type: "retry", detail: platform };
  if (typeof e?.statusCode === "number") return { type: "retry", detail: `HTTP ${e.statusCode}` };
  return { type: "retry", detail: String(e?.message ?? error) };
}

/** One team of a batch, read and decided, ready to post. */
interface PreparedTeam {
  team: TeamKey;
  settings: ReminderSettings;
  profile: ServiceProfile;
  decisions: Decision[];
  /** The stored retry state of each occurrence to send, by key (read with the batch). */
  retries: Map<string, unknown>;
}

interface RetryState {
  attempts: number;
  /** ISO instant before which the occurrence is not tried again. */
  nextAt: string;
  lastError: string;
}

function isRetryState(value: unknown): value is RetryState {
  const v = value as RetryState | undefined;
  return typeof v?.attempts === "number" && typeof v.nextAt === "string";
}

/**
 * Gathers single calls into batches: a batch goes when it holds `maxSize` items, or `delayMs` after its first one
 * came (0: on the event loop's next turn, so that only calls made meanwhile join it).
 */
function batched<I, O>(
  run: (items: I[]) => Promise<O[]>,
  maxSize: number,
  delayMs: number,
): (item: I) => Promise<O> {
  let pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const flush = () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = undefined;
    const batch = pending;
    pending = [];
    Promise.resolve()
      .then(() => run(batch.map((p) => p.item)))
      .then(
        (values) => {
          for (const [i, p] of batch.entries()) p.resolve(values[i] as O);
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      );
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= maxSize) flush();
      else if (delayMs > 0) timer ??= setTimeout(flush, delayMs);
      else immediate ??= setImmediate(flush);
    });
}

/** A posted (or closed) occurrence whose done mark and outcome are to be written, and its claim released. */
interface Finish {
  key: string;
  ttlMs: number;
  outcome: Record<string, unknown>;
}

/** Runs `work` over `items` with at most `n` running at once. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSweeper(deps: SweeperDependencies): Sweeper {
  const { store, profiles, settings: settingsRepo, engine, clientFor } = deps;
  const claims = store.claims;
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? consoleLogger;
  const claimTtlMs = deps.claimTtlMs ?? 5 * 60 * 1000;
  const concurrency = Math.max(1, deps.concurrency ?? 32);
  const batchSize = Math.max(1, deps.batchSize ?? 256);
  const lateAfterMs = deps.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const maxRateLimitWaitMs = deps.maxRateLimitWaitMs ?? 30_000;
  const retryBaseMs = deps.retry?.baseMs ?? 60_000;
  const retryMaxMs = deps.retry?.maxMs ?? 60 * 60 * 1000;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** Keys known to be done: done marks are never taken back, so a positive answer can be remembered. */
  let doneCache = new Set<string>();
  /** Posted, but the done mark could not be written: retried at the start of every sweep. */
  const unmarked = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;

  const remember = (key: string) => {
    if (doneCache.size >= DONE_CACHE_MAX) doneCache = new Set();
    doneCache.add(key);
  };

  const doneTtl = (occurrence: PlannedOccurrence, at: Date) =>
    Math.max(1, Math.round(occurrence.pastDueAt.getTime() - at.getTime() + DONE_KEPT_AFTER_PAST_DUE_MS));

  async function doneKeys(keys: readonly string[]): Promise<Set<string>> {
    const unknown = keys.filter((key) => !doneCache.has(key));
    const answers =
      unknown.length === 0
        ? []
        : claims.isDoneMany
          ? await claims.isDoneMany(unknown)
          : await Promise.all(unknown.map((key) => claims.isDone(key)));
    answers.forEach((done, i) => {
      if (done) remember(unknown[i] as string);
    });
    return new Set(keys.filter((key) => doneCache.has(key)));
  }

  async function markDone(key: string, ttlMs: number): Promise<boolean> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await claims.markDone(key, ttlMs);
        remember(key);
        unmarked.delete(key);
        return true;
      } catch (error) {
        if (attempt === 3) {
          logger.error(
            `could not mark ${key} done (${describeError(error)}); this instance will not post it again`,
          );
        } else {
          await sleep(100 * attempt);
        }
      }
    }
    remember(key);
    unmarked.set(key, ttlMs);
    return false;
  }

  /** Claims with the re-check under the claim; the calls of one event loop turn share one store round trip. */
  const claimUndone = batched<string, ClaimAnswer>(
    async (keys) => {
      if (claims.claimUndone) return claims.claimUndone(keys, claimTtlMs);
      return Promise.all(
        keys.map(async (key): Promise<ClaimAnswer> => {
          if (!(await claims.claim(key, claimTtlMs))) return "taken";
          try {
            if (!(await claims.isDone(key))) return "claimed";
          } catch (error) {
            await claims.release(key).catch(() => undefined);
            throw error;
          }
          await claims.release(key).catch(() => undefined);
          return "done";
        }),
      );
    },
    256,
    0,
  );

  /**
   * Writes done marks and outcomes of several occurrences together (one store round trip, one SQLite commit),
   * then releases their claims. Each poster waits for its batch, so that at most one post per poster (`concurrency`)
   * is ever accepted by Slack without its done mark written. Resolves false for marks that could not be written
   * (their claims are kept until they lapse).
   */
  const finish = batched<Finish, boolean>(
    async (items) => {
      const outcomes = (
        store.setMany
          ? store.setMany(
              items.map(({ key, ttlMs, outcome }) => ({ key: outcomeKey(key), value: outcome, ttlMs })),
            )
          : Promise.all(items.map(({ key, ttlMs, outcome }) => store.set(outcomeKey(key), outcome, ttlMs)))
      ).catch(() => undefined);
      const finishMany = claims.finishMany?.bind(claims);
      let marked: boolean[];
      if (!finishMany) {
        marked = await Promise.all(
          items.map(async ({ key, ttlMs }) => {
            const ok = await markDone(key, ttlMs);
            if (ok) await claims.release(key).catch(() => undefined);
            return ok;
          }),
        );
      } else {
        marked = await finishTogether(finishMany, items);
      }
      await outcomes;
      return marked;
    },
    // Each poster has at most one finish pending: once every poster waits, waiting longer gains nothing.
    Math.min(concurrency, 256),
    FINISH_BATCH_DELAY_MS,
  );

  async function finishTogether(
    finishMany: NonNullable<typeof claims.finishMany>,
    items: readonly Finish[],
  ): Promise<boolean[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        await finishMany(items.map(({ key, ttlMs }) => ({ key, ttlMs })));
        for (const { key } of items) {
          remember(key);
          unmarked.delete(key);
        }
        return items.map(() => true);
      } catch (error) {
        if (attempt < 3) {
          await sleep(100 * attempt);
          continue;
        }
        for (const { key, ttlMs } of items) {
          logger.error(
            `could not mark ${key} done (${describeError(error)}); this instance will not post it again`,
          );
          remember(key);
          unmarked.set(key, ttlMs);
        }
        return items.map(() => false);
      }
    }
  }

  function record(
    report: SweepReport,
    occurrence: PlannedOccurrence,
    status: OccurrenceStatus,
    late: boolean,
    error?: string,
  ): void {
    report.occurrences.push({
      key: occurrence.key,
      team: teamScope(occurrence.team),
      kind: occurrence.kind,
      subject: occurrence.subject,
      dueDate: occurrence.dueDate,
      lead: occurrence.lead,
      sendAt: occurrence.sendAt.toISOString(),
      late,
      status,
      ...(error === undefined ? {} : { error }),
    });
  }

  /** Supersede or drop: marked done (under the claim, so only one instance counts it) and never posted. */
  async function close(decision: Decision, at: Date, dryRun: boolean, report: SweepReport): Promise<void> {
    const { occurrence } = decision;
    const status = decision.action === "drop" ? "dropped" : "superseded";
    if (!dryRun) {
      const answer = await claimUndone(occurrence.key);
      if (answer === "done") remember(occurrence.key);
      if (answer !== "claimed") return;
      await finish({
        key: occurrence.key,
        ttlMs: doneTtl(occurrence, at),
        outcome: {
          status,
          at: at.toISOString(),
          ...(decision.action === "supersede" ? { supersededBy: decision.supersededBy } : {}),
        },
      });
    }
    if (decision.action === "drop") {
      report.droppedPastDue++;
      const line = `${dryRun ? "would drop" : "dropped"} ${occurrence.key}: past due since ${occurrence.pastDueAt.toISOString()} before it was posted`;
      // Called as methods: Bolt's logger reads its level from `this`.
      if (dryRun) logger.debug(line);
      else logger.warn(line);
    } else if (decision.action === "supersede") {
      report.superseded++;
      const line = `${dryRun ? "would supersede" : "superseded"} ${occurrence.key} by ${decision.supersededBy}`;
      if (dryRun) logger.debug(line);
      else logger.info(line);
    }
    record(report, occurrence, status, false);
  }

  function buildMessage(decision: Decision & { action: "send" }, settings: ReminderSettings, at: Date) {
    const ctx = { rules: engine.rules, t: createTranslator(settings.locale), asOf: at };
    const { occurrence, late } = decision;
    const item = occurrence.item;
    return item.kind === "digest"
      ? digestMessage(item, ctx, late)
      : reminderMessage({ item, lead: occurrence.lead, sendAt: occurrence.sendAt, late }, ctx);
  }

  async function tellEditors(
    team: TeamKey,
    client: WebClient,
    settings: ReminderSettings,
    profile: ServiceProfile,
    reason: PauseReason,
    at: Date,
  ): Promise<void> {
    const recipients = [
      ...new Set([...profile.editors, ...(settings.updatedBy ? [settings.updatedBy] : [])]),
    ];
    if (recipients.length === 0) {
      logger.warn(`reminders of ${teamScope(team)} paused (${reason}); no editor on record to tell`);
      return;
    }
    const ctx = { rules: engine.rules, t: createTranslator(settings.locale), asOf: at };
    const message: SlackMessage = remindersPausedMessage({ reason, channel: settings.channel }, ctx);
    for (const user of recipients) {
      try {
        await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks });
        logger.info(`told ${user} that the reminders of ${teamScope(team)} are paused (${reason})`);
      } catch (error) {
        logger.warn(
          `could not tell ${user} that reminders of ${teamScope(team)} are paused: ${describeError(error)}`,
        );
      }
    }
  }

  /** Posts one occurrence under its claim. Returns "paused" when the team's reminders were stopped. */
  async function deliver(
    team: TeamKey,
    settings: ReminderSettings,
    profile: ServiceProfile,
    client: WebClient,
    decision: Decision & { action: "send" },
    at: Date,
    report: SweepReport,
    retryRaw: unknown,
  ): Promise<"ok" | "paused"> {
    const { occurrence, late } = decision;
    const key = occurrence.key;
    const retry = isRetryState(retryRaw) ? retryRaw : undefined;
    if (retry && Date.parse(retry.nextAt) > at.getTime()) {
      report.deferred++;
      record(report, occurrence, "deferred", late, retry.lastError);
      return "ok";
    }
    const answer = await claimUndone(key);
    if (answer === "taken") {
      report.claimedElsewhere++;
      record(report, occurrence, "claimed_elsewhere", late);
      return "ok";
    }
    if (answer === "done") {
      remember(key);
      return "ok";
    }
    /** Whether the claim is still this function's to release (finish releases it once the done mark is written). */
    let release = true;
    try {
      const message = buildMessage(decision, settings, at);
      const channel = settings.channel as string;
      let waits = 0;
      for (;;) {
        try {
          const posted = await client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            unfurl_media: false,
            metadata: {
              event_type: REMINDER_EVENT_TYPE,
              event_payload: {
                key,
                team: teamScope(team),
                kind: occurrence.kind,
                subject: occurrence.subject,
                due: occurrence.dueDate,
                lead: occurrence.lead,
                late,
              },
            },
          });
          release = false;
          await finish({
            key,
            ttlMs: doneTtl(occurrence, at),
            outcome: { status: late ? "late" : "sent", at: at.toISOString(), channel, ts: posted.ts ?? null },
          });
          if (retry) await store.delete(retryKey(key)).catch(() => undefined);
          report.sent++;
          if (late) report.late++;
          if (late) logger.info(`posted ${key} late (due to go out at ${occurrence.sendAt.toISOString()})`);
          else logger.debug(`posted ${key}`);
          record(report, occurrence, "sent", late);
          return "ok";
        } catch (error) {
          const failure = classifySlackError(error);
          if (failure.type === "rate_limited") {
            const wait = failure.retryAfterMs;
            if (waits < 3 && wait <= maxRateLimitWaitMs && wait < claimTtlMs / 2) {
              waits++;
              logger.info(`rate limited posting ${key}; waiting ${wait} ms as Slack asks`);
              await sleep(wait);
              continue;
            }
            await store.set(
              retryKey(key),
              {
                attempts: retry?.attempts ?? 0,
                nextAt: new Date(at.getTime() + wait).toISOString(),
                lastError: "ratelimited",
              } satisfies RetryState,
              claimTtlMs + wait + DAY_MS,
            );
            report.deferred++;
            logger.warn(`rate limited posting ${key}; Retry-After ${wait} ms is too long to wait, deferred`);
            record(report, occurrence, "deferred", late, "ratelimited");
            return "ok";
          }
          if (failure.type === "fatal") {
            const won = await settingsRepo.pause(team, failure.reason, at, key);
            if (won) {
              report.paused++;
              logger.warn(`paused the reminders of ${teamScope(team)}: ${failure.reason} posting ${key}`);
              await tellEditors(team, client, settings, profile, failure.reason, at);
            }
            record(report, occurrence, "paused", late, failure.reason);
            return "paused";
          }
          const attempts = (retry?.attempts ?? 0) + 1;
          const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** (attempts - 1));
          const nextAt = new Date(at.getTime() + backoff);
          await store
            .set(
              retryKey(key),
              { attempts, nextAt: nextAt.toISOString(), lastError: failure.detail } satisfies RetryState,
              Math.max(1, occurrence.pastDueAt.getTime() - at.getTime()) + DAY_MS,
            )
            .catch((e: unknown) =>
              logger.error(`could not store the retry state of ${key}: ${describeError(e)}`),
            );
          report.failed++;
          logger.warn(
            `posting ${key} failed (${failure.detail}), attempt ${attempts}; retrying from ${nextAt.toISOString()}`,
          );
          record(report, occurrence, "failed", late, failure.detail);
          return "ok";
        }
      }
    } finally {
      if (release) await claims.release(key).catch(() => undefined);
    }
  }

  /**
   * Reads what a batch of teams needs (settings, profiles, done marks, retry states: one store round trip each)
   * and decides each team's occurrences. A team whose documents cannot be read is counted and logged here.
   */
  async function prepareBatch(
    teams: readonly TeamKey[],
    at: Date,
    dryRun: boolean,
    report: SweepReport,
  ): Promise<PreparedTeam[]> {
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
    const done = await doneKeys(planned.flatMap((p) => p.candidates.map((c) => c.key)));
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
    prepared: PreparedTeam,
    at: Date,
    dryRun: boolean,
    report: SweepReport,
  ): Promise<void> {
    const { team, settings, profile, decisions } = prepared;
    for (const decision of decisions) {
      if (decision.action !== "send") await close(decision, at, dryRun, report);
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
    const client = await clientFor(team);
    if (!client) {
      report.errors++;
      logger.warn(
        `no Slack client for ${teamScope(team)} (no installation?); ${sends.length} reminder(s) wait`,
      );
      for (const d of sends) record(report, d.occurrence, "no_client", d.late);
      return;
    }
    for (const [i, d] of sends.entries()) {
      if (stopping) return;
      const retry = prepared.retries.get(d.occurrence.key);
      if ((await deliver(team, settings, profile, client, d, at, report, retry)) === "paused") {
        for (const rest of sends.slice(i + 1)) record(report, rest.occurrence, "paused", rest.late);
        return;
      }
    }
  }

  async function teamsToSweep(teamId: string | undefined): Promise<TeamKey[]> {
    const indexed = await settingsRepo.indexedTeams();
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

  async function sweepOnce(at: Date, options: SweepOptions = {}): Promise<SweepReport> {
    const started = Date.now();
    const dryRun = options.dryRun ?? false;
    const report: SweepReport = {
      at: at.toISOString(),
      dryRun,
      teams: 0,
      sent: 0,
      late: 0,
      superseded: 0,
      droppedPastDue: 0,
      failed: 0,
      paused: 0,
      deferred: 0,
      claimedElsewhere: 0,
      errors: 0,
      durationMs: 0,
      occurrences: [],
    };
    if (!dryRun) {
      for (const [key, ttl] of [...unmarked]) {
        await claims
          .markDone(key, ttl)
          .then(() => unmarked.delete(key))
          .catch(() => undefined);
      }
    }
    const teams = await teamsToSweep(options.teamId);
    report.teams = teams.length;
    type Prepared = { teams: TeamKey[]; prepared?: PreparedTeam[]; error?: unknown };
    const prepare = (batch: TeamKey[]): Promise<Prepared> =>
      prepareBatch(batch, at, dryRun, report).then(
        (prepared) => ({ teams: batch, prepared }),
        (error: unknown) => ({ teams: batch, error }),
      );
    // The next batch is read while the current one posts.
    let next: Promise<Prepared> | undefined =
      teams.length > 0 ? prepare(teams.slice(0, batchSize)) : undefined;
    for (let start = 0; next && !stopping; start += batchSize) {
      const current: Prepared = await next;
      const following = teams.slice(start + batchSize, start + 2 * batchSize);
      next = following.length > 0 ? prepare(following) : undefined;
      if (current.error !== undefined || !current.prepared) {
        report.errors += current.teams.length;
        const first = current.teams[0] as TeamKey;
        const which =
          current.teams.length === 1
            ? teamScope(first)
            : `${current.teams.length} teams from ${teamScope(first)}`;
        logger.error(`sweeping ${which} failed: ${describeError(current.error)}`);
        continue;
      }
      await pool(current.prepared, concurrency, async (prepared) => {
        if (stopping) return;
        try {
          await sweepTeam(prepared, at, dryRun, report);
        } catch (error) {
          report.errors++;
          logger.error(`sweeping ${teamScope(prepared.team)} failed: ${describeError(error)}`);
        }
      });
    }
    // A batch read ahead when stop() came in is dropped unread (its failure, if any, is not reported).
    await next;
    report.durationMs = Date.now() - started;
    const busy = report.sent + report.superseded + report.droppedPastDue + report.failed + report.paused;
    const summary = `sweep ${report.at}${dryRun ? " (dry run)" : ""}: ${report.teams} teams, ${report.sent} ${dryRun ? "would send" : "sent"} (${report.late} late), ${report.superseded} superseded, ${report.droppedPastDue} dropped past due, ${report.failed} failed, ${report.paused} paused, ${report.deferred} deferred, ${report.errors} errors, ${report.durationMs} ms`;
    if (busy > 0 || report.errors > 0) logger.info(summary);
    else logger.debug(summary);
    return report;
  }

  return {
    sweepOnce,
    start(intervalMs = 60_000) {
      if (timer) return;
      stopping = false;
      const tick = () => {
        if (running) return;
        running = sweepOnce(clock())
          .catch((error: unknown) => logger.error(`sweep failed: ${describeError(error)}`))
          .finally(() => {
            running = undefined;
          });
      };
      timer = setInterval(tick, intervalMs);
      timer.unref?.();
      tick();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
