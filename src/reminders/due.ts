/**
 * What to remind, when, and what to do with reminders that are due: pure functions of (rules, profile, settings,
 * now) and of which occurrences are already done. The sweeper supplies the I/O (store, Slack, clock).
 *
 * Rules of the schedule (all days are JST calendar days, JST being a fixed UTC+9):
 * - An item is due on `dueDate` (the last day it is on time) and past due from the start of the next day.
 * - Each lead L of the team's settings gives one occurrence, sent at `dueDate - L days` at the team's time of day.
 *   A lead whose send instant is not before the item is past due is skipped.
 * - The weekly digest is one occurrence per Monday, sent at the time of day and past due when that Monday ends.
 * - Items already past due when the team's reminders became active (`activeSince`) are left out altogether.
 * - At `now`, the occurrences whose send instant has come are the candidates. Per item: if it is past due, every
 *   candidate not yet done is dropped (never posted, logged and counted by the sweeper). Otherwise only the most
 *   recent candidate (smallest lead) may be posted, marked late when `now` is `lateAfterMs` or more past its send
 *   instant; the older candidates not yet done are superseded (never posted).
 */
import type { ServiceProfile } from "../profile/schema.js";
import { requiredAudits } from "../rules/audits.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "../rules/citations.js";
import type { RuleSet } from "../rules/schema.js";
import { addDays, addMonths, type JstDate, startOfJstDay, toJstDate } from "../rules/time.js";
import type { TeamKey } from "../store/keys.js";
import { type ItemKind, itemKeyOf, type OccurrenceId, occurrenceKey } from "./occurrence.js";
import { isActive, type ReminderSettings } from "./settings.js";

export type ReminderRules = Pick<RuleSet, "audits" | "objectives" | "program" | "dates" | "specialMeasure">;
export type ReminderProfile = Pick<ServiceProfile, "audits" | "registration">;

/** The digest lists what falls due within this many days. */
export const DIGEST_HORIZON_DAYS = 90;
/** A reminder sent this long or longer after its send instant is marked late. */
export const DEFAULT_LATE_AFTER_MS = 15 * 60 * 1000;

interface ItemBase {
  /** Which thing of the kind; part of the occurrence key (lower-case, no `:`). */
  subject: string;
  /** The last JST day the item is on time. */
  dueDate: JstDate;
  /** The rule that makes it due, with its sources and confidence. */
  rule: CitedText;
  /** Inferred / to-be-confirmed facts the due date rests on. */
  caveats: Caveat[];
}

/** A dated thing the team owes, derived from the rules and the profile. */
export type ReminderItem = ItemBase &
  (
    | {
        /** The yearly external audit of the governance or management criteria. */
        kind: "external";
        part: "governance" | "management";
        /** The latest external audit of the part; absent when counted from the registration day. */
        lastDate?: JstDate;
      }
    | {
        /** This cycle year's group of the important controls, due for external audit by the year's last day. */
        kind: "controls";
        cycleIndex: number;
        cycleYears: number;
        yearStart: JstDate;
        /** The group's objectives not yet externally audited this cycle year, catalogue order. */
        objectives: string[];
        groupSize: number;
      }
    | {
        /** Internal-audit coverage of these objectives lapses on `lapsesOn` (= dueDate + 1). */
        kind: "internal";
        lapsesOn: JstDate;
        objectives: string[];
      }
    | {
        /** The audit report of the audit period ending `periodEnd`. */
        kind: "report";
        periodEnd: JstDate;
      }
    | {
        /** The registration is valid until dueDate; the renewal is applied for before then. */
        kind: "validity";
        periodEnd: JstDate;
      }
  );

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
 * Every dated item the profile owes as of `asOf`, soonest due first (ties by kind, then subject). Pure: records
 * dated after asOf are treated as not yet happened (as requiredAudits does).
 *
 * - external (governance, management): requiredAudits' nextDue (the latest audit + the interval); counted from the
 *   registration day when never audited; nothing when there is neither.
 * - controls: this cycle year's group, due on the year's last day, listing its objectives not externally audited
 *   since the year started; nothing once all are, or when cycles have no anchor (no audit, no registration).
 * - internal: objectives grouped by the day their coverage lapses; due the day before it lapses.
 * - report: `auditPeriodEnd + reportDue.monthsAfterPeriod` months (addMonths clamps to the month's end, so a
 *   period ending 2028-02-29 has its report due 2028-05-29); done once an external audit on record ends its
 *   period on or after auditPeriodEnd, or (period not given) is dated after it.
 * - validity: for a registered service, `(auditPeriodEnd + 1 day) + validity.monthsAfterDayAfterPeriod` months
 *   (period end 2027-10-31 → 2027-11-01 → valid until 2029-03-01), which is also when the renewal is due.
 */
export function reminderItems(rules: ReminderRules, profile: ReminderProfile, asOf: Date): ReminderItem[] {
  const audits = requiredAudits(rules, profile, asOf);
  const today = audits.asOf;
  const { everyYear, controlsSubset, internalAudit } = rules.audits;
  const items: ReminderItem[] = [];

  const yearlyCaveats = new CaveatList().add(everyYear.id, everyYear, everyYear.text).toArray();
  for (const part of ["governance", "management"] as const) {
    if (!everyYear.parts.includes(part)) continue;
    const yearly = audits.external[part];
    if (yearly.lastDate === undefined && profile.registration.registeredOn === undefined) continue;
    items.push({
      kind: "external",
      subject: part,
      part,
      dueDate: yearly.nextDue,
      ...(yearly.lastDate === undefined ? {} : { lastDate: yearly.lastDate }),
      rule: yearly.rule,
      caveats: yearlyCaveats,
    });
  }

  const controls = audits.external.controls;
  if (controls.anchorFrom !== "as_of" && controls.groupDueThisCycle.length > 0) {
    const auditedThisYear = new Set<string>();
    for (const audit of profile.audits.external) {
      if (audit.part !== "controls" || audit.date < controls.yearStart || audit.date > today) continue;
      for (const id of audit.objectiveIds) auditedThisYear.add(id);
    }
    const remaining = controls.groupDueThisCycle.filter((id) => !auditedThisYear.has(id));
    if (remaining.length > 0) {
      const caveats = new CaveatList()
        .add(controlsSubset.id, controlsSubset, controlsSubset.text)
        .add(controlsSubset.cycleYears.id, controlsSubset.cycleYears, controlsSubset.cycleYears.text);
      const group = new Set(controls.groupDueThisCycle);
      for (const area of controlsSubset.areas) {
        if (area.objectiveIds.some((id) => group.has(id))) caveats.add(area.id, area, area.label);
      }
      items.push({
        kind: "controls",
        subject: `group-${controls.cycleIndex}`,
        dueDate: controls.yearEnd,
        cycleIndex: controls.cycleIndex,
        cycleYears: controls.cycleYears,
        yearStart: controls.yearStart,
        objectives: remaining,
        groupSize: controls.groupDueThisCycle.length,
        rule: controls.rule,
        caveats: caveats.toArray(),
      });
    }
  }

  const byLapse = new Map<JstDate, string[]>();
  for (const objective of audits.internal.objectives) {
    if (objective.lapsesOn === undefined) continue;
    const ids = byLapse.get(objective.lapsesOn) ?? [];
    ids.push(objective.id);
    byLapse.set(objective.lapsesOn, ids);
  }
  const internalCaveats = new CaveatList().add(internalAudit.id, internalAudit, internalAudit.text).toArray();
  for (const [lapsesOn, objectives] of byLapse) {
    items.push({
      kind: "internal",
      subject: "coverage",
      dueDate: addDays(lapsesOn, -1),
      lapsesOn,
      objectives,
      rule: audits.internal.rule,
      caveats: internalCaveats,
    });
  }

  const periodEnd = profile.registration.auditPeriodEnd;
  if (periodEnd !== undefined) {
    const { reportDue, validity } = rules.program;
    const reported = profile.audits.external.some(
      (audit) =>
        audit.date <= today &&
        (audit.periodEnd !== undefined ? audit.periodEnd >= periodEnd : audit.date > periodEnd),
    );
    if (!reported) {
      items.push({
        kind: "report",
        subject: `period-${periodEnd}`,
        dueDate: addMonths(periodEnd, reportDue.monthsAfterPeriod),
        periodEnd,
        rule: citedText(reportDue.id, reportDue, reportDue.text),
        caveats: new CaveatList().add(reportDue.id, reportDue, reportDue.text).toArray(),
      });
    }
    if (profile.registration.status === "registered") {
      items.push({
        kind: "validity",
        subject: `period-${periodEnd}`,
        dueDate: addMonths(addDays(periodEnd, 1), validity.monthsAfterDayAfterPeriod),
        periodEnd,
        rule: citedText(validity.id, validity, validity.text),
        caveats: new CaveatList().add(validity.id, validity, validity.text).toArray(),
      });
    }
  }

  return items.sort(compareItems);
}

const KIND_ORDER: Record<ItemKind, number> = {
  external: 0,
  controls: 1,
  internal: 2,
  report: 3,
  validity: 4,
};

function compareItems(a: ReminderItem, b: ReminderItem): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0;
}

/** The items of the kinds the settings remind about. */
export function itemsForSettings(items: readonly ReminderItem[], settings: ReminderSettings): ReminderItem[] {
  const kinds = new Set<string>(settings.kinds);
  return items.filter((item) => kinds.has(item.kind));
}

/** What the digest of `now` lists: due within the horizon (from today), and overdue. */
export function digestOf(
  items: readonly ReminderItem[],
  now: Date,
  horizonDays = DIGEST_HORIZON_DAYS,
): DigestItem {
  const today = toJstDate(now);
  const until = addDays(today, horizonDays);
  return {
    kind: "digest",
    subject: "weekly",
    dueDate: mondayOnOrBefore(today),
    horizonDays,
    upcoming: items.filter((item) => item.dueDate >= today && item.dueDate <= until),
    overdue: items.filter((item) => item.dueDate < today),
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
