/**
 * What the sweeper does when Slack refuses a post: a long rate limit defers the occurrence to a later sweep, a
 * fatal error (the app left the channel, the token was revoked…) pauses the team's reminders and tells its editors
 * once, anything else is retried by a later sweep with exponential back-off. The retry state lives in the store.
 */
import type { WebClient } from "@slack/web-api";
import { createTranslator } from "../../i18n/translator.js";
import type { PlannedOccurrence } from "../../reminders/due.js";
import { retryKey } from "../../reminders/occurrence.js";
import { PAUSE_REASONS, type PauseReason, type ReminderSettings } from "../../reminders/settings.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import type { SlackMessage } from "../../slack/views/messages/common.js";
import { remindersPausedMessage } from "../../slack/views/messages/reminder.js";
import { type TeamKey, teamScope } from "../../store/keys.js";
import { record } from "./report.js";
import { describeError, type SweepReport, type SweepSettings } from "./types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export type SlackFailure =
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

export interface RetryState {
  attempts: number;
  /** ISO instant before which the occurrence is not tried again. */
  nextAt: string;
  lastError: string;
}

export function isRetryState(value: unknown): value is RetryState {
  const v = value as RetryState | undefined;
  return typeof v?.attempts === "number" && typeof v.nextAt === "string";
}

/** The post that failed, and what the sweep knows about it. */
export interface FailedPost {
  team: TeamKey;
  settings: ReminderSettings;
  profile: ServiceProfile;
  client: WebClient;
  occurrence: PlannedOccurrence;
  late: boolean;
  at: Date;
  report: SweepReport;
  retry: RetryState | undefined;
}

/** A Retry-After too long to wait under the claim: a later sweep tries again once it has passed. */
export async function deferRateLimited(s: SweepSettings, post: FailedPost, wait: number): Promise<void> {
  const { occurrence, late, at, report, retry } = post;
  const key = occurrence.key;
  await s.store.set(
    retryKey(key),
    {
      attempts: retry?.attempts ?? 0,
      nextAt: new Date(at.getTime() + wait).toISOString(),
      lastError: "ratelimited",
    } satisfies RetryState,
    s.claimTtlMs + wait + DAY_MS,
  );
  report.deferred++;
  s.logger.warn(`rate limited posting ${key}; Retry-After ${wait} ms is too long to wait, deferred`);
  record(report, occurrence, "deferred", late, "ratelimited");
}

/** Pauses the team's reminders; the one instance that wins the pause tells the team's editors. */
export async function pauseTeam(s: SweepSettings, post: FailedPost, reason: PauseReason): Promise<void> {
  const { team, occurrence, late, at, report } = post;
  const key = occurrence.key;
  const won = await s.settingsRepo.pause(team, reason, at, key);
  if (won) {
    report.paused++;
    s.logger.warn(`paused the reminders of ${teamScope(team)}: ${reason} posting ${key}`);
    await tellEditors(s, post, reason);
  }
  record(report, occurrence, "paused", late, reason);
}

/** Any other failure: retried by a later sweep after base × 2^(attempts − 1), at most max. */
export async function scheduleRetry(s: SweepSettings, post: FailedPost, detail: string): Promise<void> {
  const { occurrence, late, at, report, retry } = post;
  const key = occurrence.key;
  const attempts = (retry?.attempts ?? 0) + 1;
  const backoff = Math.min(s.retryMaxMs, s.retryBaseMs * 2 ** (attempts - 1));
  const nextAt = new Date(at.getTime() + backoff);
  await s.store
    .set(
      retryKey(key),
      { attempts, nextAt: nextAt.toISOString(), lastError: detail } satisfies RetryState,
      Math.max(1, occurrence.pastDueAt.getTime() - at.getTime()) + DAY_MS,
    )
    .catch((e: unknown) => s.logger.error(`could not store the retry state of ${key}: ${describeError(e)}`));
  report.failed++;
  s.logger.warn(
    `posting ${key} failed (${detail}), attempt ${attempts}; retrying from ${nextAt.toISOString()}`,
  );
  record(report, occurrence, "failed", late, detail);
}

async function tellEditors(s: SweepSettings, post: FailedPost, reason: PauseReason): Promise<void> {
  const { team, client, settings, profile, at } = post;
  const logger = s.logger;
  const recipients = [...new Set([...profile.editors, ...(settings.updatedBy ? [settings.updatedBy] : [])])];
  if (recipients.length === 0) {
    logger.warn(`reminders of ${teamScope(team)} paused (${reason}); no editor on record to tell`);
    return;
  }
  const ctx = { rules: s.engine.rules, t: createTranslator(settings.locale), asOf: at };
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
