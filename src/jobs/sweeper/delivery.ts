/**
 * Posting one occurrence exactly once: claimed (with the re-check under the claim), posted with its metadata,
 * marked done. Occurrences superseded or past due are closed instead (marked done, never posted). Rate limits
 * short enough are waited out under the claim; other failures go to failures.ts.
 */
import type { WebClient } from "@slack/web-api";
import { createTranslator } from "../../i18n/translator.js";
import type { Decision } from "../../reminders/due.js";
import { retryKey } from "../../reminders/occurrence.js";
import type { ReminderSettings } from "../../reminders/settings.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import { digestMessage, reminderMessage } from "../../slack/views/messages/reminder.js";
import { type TeamKey, teamScope } from "../../store/keys.js";
import { type ClaimBook, doneTtl } from "./claims.js";
import {
  classifySlackError,
  deferRateLimited,
  type FailedPost,
  isRetryState,
  pauseTeam,
  scheduleRetry,
} from "./failures.js";
import { record } from "./report.js";
import { REMINDER_EVENT_TYPE, type SweepReport, type SweepSettings } from "./types.js";

export type SendDecision = Decision & { action: "send" };

/** Supersede or drop: marked done (under the claim, so only one instance counts it) and never posted. */
export async function close(
  s: SweepSettings,
  book: ClaimBook,
  decision: Decision,
  at: Date,
  dryRun: boolean,
  report: SweepReport,
): Promise<void> {
  const { logger } = s;
  const { occurrence } = decision;
  const status = decision.action === "drop" ? "dropped" : "superseded";
  if (!dryRun) {
    const answer = await book.claimUndone(occurrence.key);
    if (answer === "done") book.remember(occurrence.key);
    if (answer !== "claimed") return;
    await book.finish({
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

function buildMessage(s: SweepSettings, decision: SendDecision, settings: ReminderSettings, at: Date) {
  const ctx = { rules: s.engine.rules, t: createTranslator(settings.locale), asOf: at };
  const { occurrence, late } = decision;
  const item = occurrence.item;
  return item.kind === "digest"
    ? digestMessage(item, ctx, late)
    : reminderMessage({ item, lead: occurrence.lead, sendAt: occurrence.sendAt, late }, ctx);
}

/** Posts one occurrence under its claim. Returns "paused" when the team's reminders were stopped. */
export async function deliver(
  s: SweepSettings,
  book: ClaimBook,
  team: TeamKey,
  settings: ReminderSettings,
  profile: ServiceProfile,
  client: WebClient,
  decision: SendDecision,
  at: Date,
  report: SweepReport,
  retryRaw: unknown,
): Promise<"ok" | "paused"> {
  const { logger, claims, store } = s;
  const { occurrence, late } = decision;
  const key = occurrence.key;
  const retry = isRetryState(retryRaw) ? retryRaw : undefined;
  if (retry && Date.parse(retry.nextAt) > at.getTime()) {
    report.deferred++;
    record(report, occurrence, "deferred", late, retry.lastError);
    return "ok";
  }
  const answer = await book.claimUndone(key);
  if (answer === "taken") {
    report.claimedElsewhere++;
    record(report, occurrence, "claimed_elsewhere", late);
    return "ok";
  }
  if (answer === "done") {
    book.remember(key);
    return "ok";
  }
  /** Whether the claim is still this function's to release (finish releases it once the done mark is written). */
  let release = true;
  try {
    const message = buildMessage(s, decision, settings, at);
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
        await book.finish({
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
        const post: FailedPost = { team, settings, profile, client, occurrence, late, at, report, retry };
        if (failure.type === "rate_limited") {
          const wait = failure.retryAfterMs;
          if (waits < 3 && wait <= s.maxRateLimitWaitMs && wait < s.claimTtlMs / 2) {
            waits++;
            logger.info(`rate limited posting ${key}; waiting ${wait} ms as Slack asks`);
            await s.sleep(wait);
            continue;
          }
          await deferRateLimited(s, post, wait);
          return "ok";
        }
        if (failure.type === "fatal") {
          await pauseTeam(s, post, failure.reason);
          return "paused";
        }
        await scheduleRetry(s, post, failure.detail);
        return "ok";
      }
    }
  } finally {
    if (release) await claims.release(key).catch(() => undefined);
  }
}
