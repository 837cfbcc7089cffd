/**
 * What to remind, when, and what to do with reminders that are due: pure functions of (rules, profile, settings,
 * now) and of which occurrences are already done. The sweeper supplies the I/O (store, Slack, clock).
 *
 * Rules of the schedule (all days are JST calendar days, JST being a fixed UTC+9):
 * - Items are the open obligations of the team's timeline (src/rules/obligations.ts, the one place due dates are
 *   computed). An item is due on `dueDate` (the last day it is on time) and past due from the start of the next day.
 * - Each lead L of the team's settings gives one occurrence, sent at `dueDate - L days` at the team's time of day.
 *   A lead whose send instant is not before the item is past due is skipped.
 * - The weekly digest is one occurrence per Monday, sent at the time of day and past due when that Monday ends.
 * - Items already past due when the team's reminders became active (`activeSince`) are left out altogether.
 * - At `now`, the occurrences whose send instant has come are the candidates. Per item: if it is past due, every
 *   candidate not yet done is dropped (never posted, logged and counted by the sweeper). Otherwise only the most
 *   recent candidate (smallest lead) may be posted, marked late when `now` is `lateAfterMs` or more past its send
 *   instant; the older candidates not yet done are superseded (never posted).
 */

import { addDays, type JstDate, startOfJstDay, toJstDate } from "../lib/time.js";
import { obligations } from "../rules/obligations.js";
import type { RuleSet } from "../rules/schema.js";
import type { ServiceProfile } from "../rules/service-profile.js";
import type { Obligation, ObligationsTimeline } from "../rules/timeline.js";
import type { TeamKey } from "../store/keys.js";
import { type ItemKind, itemKeyOf, type OccurrenceId, occurrenceKey } from "./occurrence.js";
import { isActive, type ReminderSettings } from "./settings.js";

export type ReminderRules = Pick<RuleSet, "audits" | "objectives" | "program" | "dates" | "specialMeasure">;
export type ReminderProfile = Pick<ServiceProfile, "audits" | "registration" | "specialMeasure">;

/** The digest lists what falls due within this many days. */
export const DIGEST_HORIZON_DAYS = 90;
/** A reminder sent this long or longer after its send instant is marked late. */
export const DEFAULT_LATE_AFTER_MS = 15 * 60 * 1000;

/**
 * A dated thing the team owes: one open, anchored obligation of the timeline (src/rules/obligations.ts), with the
 * reminder subject that names it in occurrence keys. Every date and day count here is the timeline's.
 */
export interface ReminderItem {
  kind: ItemKind;
  /** Which thing of the kind; part of the occurrence key (lower-case, no `:`), derived from the obligation id. */
  subject: string;
  /** The last JST day the item is on time: the obligation's dueOn. */
  dueDate: JstDate;
  /** The JST day the timeline was computed for (the send time's day when the sweeper builds it). */
  asOf: JstDate;
  /** The timeline's count of days from `asOf` to `dueDate`; negative once overdue. */
  daysLeft: number;
  /** The obligation itself: id, objectives, progress, period, planned, rules, caveats. */
  obligation: Obligation;
  /** Years of the controls-criteria cycle (the timeline's), for saying which year a controls group is. */
  cycleYears: number;
}

/** The Monday digest: what falls due within the horizon and what is already overdue, as of `now`. */
export interface DigestItem {
  kind: "digest";
  subject: "weekly";
  /** The Monday the digest is for. */
  dueDate: JstDate;
  horizonDays: number;
  /** Items due from today to today + horizonDays, soonest first. */
  upcoming: ReminderItem[];
  /** Items whose due day has passed, oldest first. */
  overdue: ReminderItem[];
}

export type ScheduledItem = ReminderItem | DigestItem;

/** One reminder occurrence whose send instant has come. */
export interface PlannedOccurrence extends OccurrenceId {
  key: string;
  /** Shared by every lead of the same item. */
  itemKey: string;
  sendAt: Date;
  /** From this instant the item is past due and the occurrence can no longer be sent. */
  pastDueAt: Date;
  item: ScheduledItem;
}

export type Decision =
  | { action: "send"; occurrence: PlannedOccurrence; late: boolean }
  | { action: "supersede"; occurrence: PlannedOccurrence; supersededBy: string }
  | { action: "drop"; occurrence: PlannedOccurrence };

export interface DecideOptions {
  /** Default 15 minutes. */
  lateAfterMs?: number;
}

/** The instant an item becomes past due: the start of the JST day after its due day. */
export function pastDueAt(dueDate: JstDate): Date {
  return startOfJstDay(addDays(dueDate, 1));
}

/** `dueDate - lead` days at `timeOfDay` (HH:MM) JST. */
export function sendInstant(dueDate: JstDate, lead: number, timeOfDay: string): Date {
  const m = /^(\d{2}):(\d{2})$/.exec(timeOfDay);
  if (!m) throw new RangeError(`time of day must be HH:MM, got ${timeOfDay}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return new Date(startOfJstDay(addDays(dueDate, -lead)).getTime() + minutes * 60_000);
}

/** The JST weekday of a day: 0 Sunday … 6 Saturday. */
export function jstWeekday(day: JstDate): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The latest Monday on or before `day`. */
export function mondayOnOrBefore(day: JstDate): JstDate {
  return addDays(day, -((jstWeekday(day) + 6) % 7));
}

/**
 * The reminder subject of an obligation: stable (the same obligation keeps it on every day), valid in an occurrence
 * key, and unique together with kind and due date.
 * - `external:governance:p2026-04-01` → `governance-p2026-04-01` (part and the period's first day);
 * - `controls:p2026-04-01` → `group-p2026-04-01`;
 * - `internal:<coveredUntil>` → `coverage` (the due date is the covered-until day); `internal:never` →
 *   `coverage-never` (objectives no internal audit has covered yet);
 * - `report:p…` and `validity:p…` → `period-<last day of the period>`.
 */
export function reminderSubject(obligation: Obligation): string {
  const { id, kind, period } = obligation;
  const tag = id.slice(id.lastIndexOf(":") + 1);
  let subject: string;
  switch (kind) {
    case "external":
      subject = `${obligation.part ?? "external"}-${tag}`;
      break;
    case "controls":
      subject = `group-${tag}`;
      break;
    case "internal":
      subject = id === "internal:never" ? "coverage-never" : "coverage";
      break;
    case "report":
    case "validity":
      subject = period ? `period-${period.end}` : tag;
      break;
  }
  return subject.toLowerCase().replace(/[^a-z0-9._-]/g, "-");
}

/**
 * Every open obligation of the team's timeline at `asOf` (src/rules/obligations.ts), soonest due first: one item
 * per obligation that has a due day and is not done. `not_anchored` obligations have no day to remind of (the
 * timeline's hints say what would anchor them) and `done` ones need nothing.
 *
 * Planned obligations (a team preparing its first registration that entered a planned first audit period) are
 * reminded too, marked `obligation.planned`: the team entered the period to work towards those targets and chose
 * reminders; the messages say "planned (target)" so nobody reads them as a programme deadline.
 */
export function reminderItems(rules: ReminderRules, profile: ReminderProfile, asOf: Date): ReminderItem[] {
  return reminderItemsOf(obligations(rules, profile, asOf));
}

/** reminderItems of a timeline already computed (e.g. by `engine.obligations`). */
export function reminderItemsOf(timeline: ObligationsTimeline): ReminderItem[] {
  const items: ReminderItem[] = [];
  for (const obligation of timeline.obligations) {
    if (obligation.status === "done" || obligation.status === "not_anchored") continue;
    if (obligation.dueOn === undefined || obligation.daysLeft === undefined) continue;
    items.push({
      kind: obligation.kind,
      subject: reminderSubject(obligation),
      dueDate: obligation.dueOn,
      asOf: timeline.asOf,
      daysLeft: obligation.daysLeft,
      obligation,
      cycleYears: timeline.controls.cycleYears,
    });
  }
  // In the timeline's order: soonest first, then by kind and id.
  return items;
}

/** The items of the kinds the settings remind about. */
export function itemsForSettings(items: readonly ReminderItem[], settings: ReminderSettings): ReminderItem[] {
  const kinds = new Set<string>(settings.kinds);
  return items.filter((item) => kinds.has(item.kind));
}

/**
 * What the digest of `now` lists: due within the horizon (from today), and overdue, by the timeline's day counts.
 * The items must be those of `now`'s JST day (reminderItems at `now`), as every caller has them.
 */
export function digestOf(
  items: readonly ReminderItem[],
  now: Date,
  horizonDays = DIGEST_HORIZON_DAYS,
): DigestItem {
  return {
    kind: "digest",
    subject: "weekly",
    dueDate: mondayOnOrBefore(toJstDate(now)),
    horizonDays,
    upcoming: items.filter((item) => item.daysLeft >= 0 && item.daysLeft <= horizonDays),
    overdue: items.filter((item) => item.daysLeft < 0),
  };
}

function planned(
  team: TeamKey,
  item: ScheduledItem,
  lead: number,
  sendAt: Date,
  past: Date,
): PlannedOccurrence {
  const id: OccurrenceId = { team, kind: item.kind, subject: item.subject, dueDate: item.dueDate, lead };
  return { ...id, key: occurrenceKey(id), itemKey: itemKeyOf(id), sendAt, pastDueAt: past, item };
}

/**
 * The occurrences whose send instant is at or before `now` (whatever is already done): every lead of every item
 * of an enabled kind, and this week's digest once its Monday send instant has come. Nothing for a team whose
 * reminders are off or paused. Items come in the order given; leads largest first.
 */
export function candidateOccurrences(
  items: readonly ReminderItem[],
  team: TeamKey,
  settings: ReminderSettings,
  now: Date,
): PlannedOccurrence[] {
  if (!isActive(settings)) return [];
  const chosen = itemsForSettings(items, settings);
  const out: PlannedOccurrence[] = [];
  const t = now.getTime();
  const since =
    settings.activeSince === undefined ? Number.NEGATIVE_INFINITY : Date.parse(settings.activeSince);
  for (const item of chosen) {
    const past = pastDueAt(item.dueDate);
    if (past.getTime() <= since) continue;
    for (const lead of settings.leadDays) {
      const sendAt = sendInstant(item.dueDate, lead, settings.timeOfDay);
      if (sendAt.getTime() >= past.getTime() || sendAt.getTime() > t) continue;
      out.push(planned(team, item, lead, sendAt, past));
    }
  }
  if (settings.weeklyDigest) {
    const digest = digestOf(chosen, now);
    const sendAt = sendInstant(digest.dueDate, 0, settings.timeOfDay);
    const past = pastDueAt(digest.dueDate);
    if (sendAt.getTime() <= t && past.getTime() > since) out.push(planned(team, digest, 0, sendAt, past));
  }
  return out;
}

/**
 * What to do with the candidates, given which are done (sent, superseded or dropped before): per item, drop
 * everything pending once past due, else send the most recent candidate if it is pending and supersede the older
 * pending ones. Done occurrences get no decision.
 */
export function decide(
  candidates: readonly PlannedOccurrence[],
  isDone: (key: string) => boolean,
  now: Date,
  options: DecideOptions = {},
): Decision[] {
  const lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const byItem = new Map<string, PlannedOccurrence[]>();
  for (const occurrence of candidates) {
    const list = byItem.get(occurrence.itemKey) ?? [];
    list.push(occurrence);
    byItem.set(occurrence.itemKey, list);
  }
  const decisions: Decision[] = [];
  const t = now.getTime();
  for (const list of byItem.values()) {
    const pending = list.filter((o) => !isDone(o.key));
    if (pending.length === 0) continue;
    if (t >= (list[0] as PlannedOccurrence).pastDueAt.getTime()) {
      for (const occurrence of pending) decisions.push({ action: "drop", occurrence });
      continue;
    }
    const newest = list.reduce((a, b) => (b.sendAt.getTime() > a.sendAt.getTime() ? b : a));
    for (const occurrence of pending) {
      if (occurrence === newest) {
        decisions.push({ action: "send", occurrence, late: t - occurrence.sendAt.getTime() >= lateAfterMs });
      } else {
        decisions.push({ action: "supersede", occurrence, supersededBy: newest.key });
      }
    }
  }
  return decisions;
}

/** The whole pure computation for one team: items → candidates → decisions. */
export function occurrencesDue(
  rules: ReminderRules,
  team: TeamKey,
  profile: ReminderProfile,
  settings: ReminderSettings,
  now: Date,
  isDone: (key: string) => boolean = () => false,
  options: DecideOptions = {},
): Decision[] {
  if (!isActive(settings)) return [];
  return decide(
    candidateOccurrences(reminderItems(rules, profile, now), team, settings, now),
    isDone,
    now,
    options,
  );
}

/** The occurrences that will come due after `from` up to `until` (for showing a team its next reminders). */
export function upcomingOccurrences(
  items: readonly ReminderItem[],
  team: TeamKey,
  settings: ReminderSettings,
  from: Date,
  until: Date,
): PlannedOccurrence[] {
  if (!isActive(settings)) return [];
  const out: PlannedOccurrence[] = [];
  for (const item of itemsForSettings(items, settings)) {
    const past = pastDueAt(item.dueDate);
    for (const lead of settings.leadDays) {
      const sendAt = sendInstant(item.dueDate, lead, settings.timeOfDay);
      if (sendAt >= past || sendAt <= from || sendAt > until) continue;
      out.push(planned(team, item, lead, sendAt, past));
    }
  }
  return out.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
}
