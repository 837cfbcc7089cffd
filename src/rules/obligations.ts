import type { ServiceProfile } from "../profile/schema.js";
import { subsetGroups } from "./audits.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "./citations.js";
import { type InternalCoverage, internalCoverage } from "./coverage.js";
import type { CriteriaPart, RuleSet } from "./schema.js";
import { type SpecialMeasureStatus, specialMeasureStatus } from "./special-measure.js";
import { addDays, daysBetween, type JstDate, periodLastDay, toJstDate } from "./time.js";

/**
 * The team's obligations timeline: every dated thing it owes — external audits per part and audit period, the
 * controls-criteria group of each cycle year, internal-audit coverage, the audit report, the registration's
 * validity and renewal — from the rules, the profile and `asOf`. This is the one place a due date is computed;
 * every screen, reminder and check reads it.
 *
 * Dates are anchored on audit periods (監査対象期間): the one the team entered in its profile, the ones recorded
 * with external audits, and the periods that follow without gaps (rules/dates.yml `nextPeriods`, 12 months
 * assumed). Nothing is invented: with no period at all the period-bound obligations are `not_anchored` and say
 * what would anchor them. A team that has not applied yet may enter a planned first period; its dates are targets
 * (`planned`).
 */

export type TimelineRules = Pick<RuleSet, "audits" | "objectives" | "program" | "dates" | "specialMeasure">;
export type TimelineProfile = Pick<ServiceProfile, "audits" | "registration" | "specialMeasure">;

export type ObligationKind = "external" | "controls" | "internal" | "report" | "validity";

/**
 * - `done`: recorded as done;
 * - `ok`: due more than the due-soon threshold away;
 * - `due_soon`: due within the threshold (0 … expiringWithinDays days; due today counts);
 * - `overdue`: the due day has passed and it is not done;
 * - `not_anchored`: no audit period is known, so it has no date yet.
 */
export type ObligationStatus = "done" | "ok" | "due_soon" | "overdue" | "not_anchored";

/** What the team does next about an obligation; screens translate it. */
export type NextAction =
  | "record_external_audit"
  | "record_internal_audit"
  | "submit_report"
  | "apply_for_renewal"
  | "enter_audit_period"
  | "nothing";

export interface AuditPeriod {
  /** Position in the chain, 0 for the first period known. */
  index: number;
  start: JstDate;
  /** Last day (inclusive). */
  end: JstDate;
  /** `entered`: the profile's period; `recorded`: an external audit's; `assumed`: follows the previous one. */
  origin: "entered" | "recorded" | "assumed";
  /** Which year of the controls-criteria cycle the period is, 1 … cycleYears. */
  cycleYear: number;
  /** The last day the period's audit report is due (rules/program.yml `reportDue`). */
  reportDueOn: JstDate;
}

export interface Obligation {
  /** Stable: the same obligation has the same id on every day it is shown. */
  id: string;
  kind: ObligationKind;
  /** The criteria part, for external and controls obligations. */
  part?: CriteriaPart;
  /** The objectives still to do (controls: the group's remaining; internal: those due together). */
  objectiveIds: string[];
  /** The audit period the obligation belongs to, if any. */
  period?: AuditPeriod;
  /** The last JST day it is on time; absent when not anchored. */
  dueOn?: JstDate;
  /** Days from asOf's JST day to dueOn; negative once overdue. */
  daysLeft?: number;
  status: ObligationStatus;
  /** Anchored on a planned first audit period: the date is a target. */
  planned: boolean;
  /** Where it has parts: how many are done of how many. */
  progress?: { done: number; total: number };
  /** For internal coverage: the day the earliest audit behind it was done (absent for never-covered objectives). */
  lastDone?: JstDate;
  next: NextAction;
  /** The rules it rests on, with their sources and confidence. */
  rules: CitedText[];
  /** The uncertain facts among them. */
  caveats: Caveat[];
}

/** What would anchor dates that are missing. */
export type AnchorHint = "enter_audit_period" | "enter_registration";

export interface ObligationsTimeline {
  /** The JST day the timeline is for. */
  asOf: JstDate;
  /** `registered`: anchored on a real period; `planned`: on a planned first period; `none`: no period known. */
  anchor: "registered" | "planned" | "none";
  /** The chain of audit periods from the first known one through the one after the current. */
  periods: AuditPeriod[];
  /** The period containing asOf, if the chain reaches it. */
  currentPeriod?: AuditPeriod;
  /** The first period starting after asOf. */
  nextPeriod?: AuditPeriod;
  /** Every obligation: dated ones soonest first (ties by kind, then id), then the undated ones. */
  obligations: Obligation[];
  /** Internal-audit coverage of every objective (the same days as the internal obligations). */
  coverage: InternalCoverage;
  /** The controls-criteria cycle: groups of the subset, which group each period owes. */
  controls: { cycleYears: number; groups: string[][] };
  /** Where the special measure stands, with its dates from the rules. */
  special: SpecialMeasureStatus;
  /** What the team could enter to get the dates that are missing. */
  hints: AnchorHint[];
  /** Every uncertain fact the timeline used, once each. */
  caveats: Caveat[];
}

const KIND_ORDER: Record<ObligationKind, number> = {
  external: 0,
  controls: 1,
  internal: 2,
  report: 3,
  validity: 4,
};

const PLANNING_STATUSES: ReadonlySet<string> = new Set(["not_started", "preparing", "pre_applied"]);

/** The JST day of the audit report due after a period ending `end`: 3 months from the day after. */
export function reportDueOn(rules: Pick<RuleSet, "program">, end: JstDate): JstDate {
  return periodLastDay(addDays(end, 1), rules.program.reportDue.monthsAfterPeriod);
}

/** The last day a registration is valid, for an audit period ending `end`: 1 year 4 months from the day after. */
export function validUntilOf(rules: Pick<RuleSet, "program">, end: JstDate): JstDate {
  return periodLastDay(addDays(end, 1), rules.program.validity.monthsAfterDayAfterPeriod);
}

/** The earliest and latest last day an audit period starting on `start` may have (rules/program.yml, dates.yml). */
export function auditPeriodBounds(
  rules: Pick<RuleSet, "program">,
  start: JstDate,
): { earliestEnd: JstDate; latestEnd: JstDate } {
  const { minMonths, maxMonths } = rules.program.auditPeriod;
  return { earliestEnd: periodLastDay(start, minMonths), latestEnd: periodLastDay(start, maxMonths) };
}

interface KnownPeriod {
  start: JstDate;
  end: JstDate;
  origin: "entered" | "recorded";
}

/** The periods known from the profile: the entered one and those recorded with external audits, by start. */
function knownPeriods(profile: TimelineProfile): KnownPeriod[] {
  const byStart = new Map<JstDate, KnownPeriod>();
  const { auditPeriodStart, auditPeriodEnd } = profile.registration;
  if (auditPeriodStart !== undefined && auditPeriodEnd !== undefined && auditPeriodStart <= auditPeriodEnd) {
    byStart.set(auditPeriodStart, { start: auditPeriodStart, end: auditPeriodEnd, origin: "entered" });
  }
  for (const audit of profile.audits.external) {
    const { periodStart, periodEnd } = audit;
    if (periodStart === undefined || periodEnd === undefined || periodStart > periodEnd) continue;
    if (!byStart.has(periodStart))
      byStart.set(periodStart, { start: periodStart, end: periodEnd, origin: "recorded" });
  }
  const sorted = [...byStart.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
  // Overlapping periods cannot both be in the chain: keep the earlier one.
  const chain: KnownPeriod[] = [];
  for (const period of sorted) {
    const last = chain[chain.length - 1];
    if (last === undefined || period.start > last.end) chain.push(period);
  }
  return chain;
}

/**
 * The chain of audit periods: known periods in order, each gap or the time after the last known one filled with
 * assumed periods of `nextPeriods.months`, until the period after the one containing asOf.
 */
function periodChain(rules: TimelineRules, known: readonly KnownPeriod[], today: JstDate): AuditPeriod[] {
  const first = known[0];
  if (first === undefined) return [];
  const cycleYears = rules.audits.controlsSubset.cycleYears.value;
  const assumedMonths = rules.dates.nextPeriods.months;
  const periods: AuditPeriod[] = [];
  const push = (start: JstDate, end: JstDate, origin: AuditPeriod["origin"]) => {
    const index = periods.length;
    periods.push({
      index,
      start,
      end,
      origin,
      cycleYear: (index % cycleYears) + 1,
      reportDueOn: reportDueOn(rules, end),
    });
  };
  let k = 0;
  let start = first.start;
  // Bounded: one period a month at least, over at most the span from the first period to a year after today.
  for (let guard = 0; guard < 2400; guard++) {
    const knownHere = known[k];
    if (knownHere !== undefined && knownHere.start === start) {
      push(knownHere.start, knownHere.end, knownHere.origin);
      k++;
    } else {
      let end = periodLastDay(start, assumedMonths);
      // An assumed period never runs into the next known one.
      if (knownHere !== undefined && end >= knownHere.start) end = addDays(knownHere.start, -1);
      push(start, end, "assumed");
    }
    const last = periods[periods.length - 1] as AuditPeriod;
    if (last.start > today && k >= known.length) break;
    start = addDays(last.end, 1);
  }
  return periods;
}

/**
 * The chain period an external audit belongs to: the one containing its period end when it has one, else the
 * latest period that ended before the audit's date (the first period for an audit dated inside it).
 */
function periodOfAudit(
  periods: readonly AuditPeriod[],
  audit: ServiceProfile["audits"]["external"][number],
): number | undefined {
  if (periods.length === 0) return undefined;
  if (audit.periodEnd !== undefined) {
    const end = audit.periodEnd;
    const hit = periods.find((p) => p.start <= end && end <= p.end);
    if (hit) return hit.index;
  }
  let found: number | undefined;
  for (const p of periods) if (p.end < audit.date) found = p.index;
  return found ?? 0;
}

function statusOf(daysLeft: number, threshold: number): ObligationStatus {
  return daysLeft < 0 ? "overdue" : daysLeft <= threshold ? "due_soon" : "ok";
}

/** The complete, dated timeline of what the team owes at `asOf`. Pure: records dated after asOf have not happened. */
export function obligations(rules: TimelineRules, profile: TimelineProfile, asOf: Date): ObligationsTimeline {
  const today = toJstDate(asOf);
  const { everyYear, controlsSubset, internalAudit } = rules.audits;
  const { reportDue, validity } = rules.program;
  const threshold = internalAudit.expiringWithinDays.value;
  const registration = profile.registration;
  const planning = PLANNING_STATUSES.has(registration.status);

  const periods = periodChain(rules, knownPeriods(profile), today);
  const anchor: ObligationsTimeline["anchor"] =
    periods.length === 0 ? "none" : planning ? "planned" : "registered";
  const planned = anchor === "planned";
  const currentPeriod = periods.find((p) => p.start <= today && today <= p.end);
  const nextPeriod = periods.find((p) => p.start > today);
  // Periods whose obligations are listed: every one that has started, or the first (planned) one.
  const owed = periods.filter((p) => p.start <= today || p.index === 0 || p === currentPeriod);

  const caveats = new CaveatList();
  const cite = (
    id: string,
    citation: Parameters<typeof citedText>[1],
    text: Parameters<typeof citedText>[2],
  ) => {
    caveats.add(id, citation, text);
    return citedText(id, citation, text);
  };
  const periodsRule = cite(rules.dates.periods.id, rules.dates.periods, rules.dates.periods.text);
  const periodRule = cite(
    rules.program.auditPeriod.id,
    rules.program.auditPeriod,
    rules.program.auditPeriod.text,
  );
  const assumedRule = periods.some((p) => p.origin === "assumed")
    ? cite(rules.dates.nextPeriods.id, rules.dates.nextPeriods, rules.dates.nextPeriods.text)
    : undefined;
  const periodRules = [periodRule, periodsRule, ...(assumedRule ? [assumedRule] : [])];
  const caveatsOf = (refs: readonly CitedText[]): Caveat[] => {
    const list = new CaveatList();
    for (const ref of refs) {
      const source = ruleCitation(rules, ref.ruleId);
      if (source) list.add(ref.ruleId, source, ref.text);
    }
    return list.toArray();
  };

  const list: Obligation[] = [];
  const dated = (
    base: Omit<Obligation, "status" | "daysLeft" | "caveats" | "planned">,
    done: boolean,
  ): Obligation => {
    const daysLeft = base.dueOn === undefined ? undefined : daysBetween(today, base.dueOn);
    const status: ObligationStatus =
      base.dueOn === undefined ? "not_anchored" : done ? "done" : statusOf(daysLeft as number, threshold);
    return {
      ...base,
      ...(daysLeft === undefined ? {} : { daysLeft }),
      status,
      planned: planned && base.dueOn !== undefined && base.kind !== "internal",
      caveats: caveatsOf(base.rules),
    };
  };

  // External audits of each period: attribute recorded audits (on or before today) to periods.
  const yearlyRule = cite(everyYear.id, everyYear, everyYear.text);
  const controlsRule = cite(controlsSubset.id, controlsSubset, controlsSubset.text);
  const cycleRule = cite(
    controlsSubset.cycleYears.id,
    controlsSubset.cycleYears,
    controlsSubset.cycleYears.text,
  );
  const reportRule = cite(reportDue.id, reportDue, reportDue.text);
  const latestAuditedPeriod: Partial<Record<CriteriaPart, number>> = {};
  /** Per objective: the latest chain period a controls audit of it is attributed to. */
  const controlsAuditedIn = new Map<string, number>();
  for (const audit of profile.audits.external) {
    if (audit.date > today) continue;
    const at = periodOfAudit(periods, audit);
    if (at === undefined) continue;
    latestAuditedPeriod[audit.part] = Math.max(latestAuditedPeriod[audit.part] ?? -1, at);
    if (audit.part === "controls") {
      for (const id of audit.objectiveIds)
        controlsAuditedIn.set(id, Math.max(controlsAuditedIn.get(id) ?? -1, at));
    }
  }

  const groups = subsetGroups(rules);
  if (anchor === "none") {
    for (const part of everyYear.parts) {
      list.push(
        dated(
          {
            id: `external:${part}`,
            kind: "external",
            part,
            objectiveIds: [],
            next: "enter_audit_period",
            rules: [yearlyRule, periodRule],
          },
          false,
        ),
      );
    }
    list.push(
      dated(
        {
          id: "controls",
          kind: "controls",
          part: "controls",
          objectiveIds: [...(groups[0] ?? [])],
          next: "enter_audit_period",
          rules: [controlsRule, cycleRule, periodRule],
        },
        false,
      ),
    );
    list.push(
      dated(
        {
          id: "report",
          kind: "report",
          objectiveIds: [],
          next: "enter_audit_period",
          rules: [reportRule, periodRule],
        },
        false,
      ),
    );
  }

  for (const period of owed) {
    const tag = `p${period.start}`;
    for (const part of everyYear.parts) {
      // An audit of a later period implies the earlier ones were done (the listing would have lapsed otherwise).
      const done = (latestAuditedPeriod[part] ?? -1) >= period.index;
      list.push(
        dated(
          {
            id: `external:${part}:${tag}`,
            kind: "external",
            part,
            objectiveIds: [],
            period,
            dueOn: period.reportDueOn,
            next: done ? "nothing" : "record_external_audit",
            rules: [yearlyRule, reportRule, ...periodRules],
          },
          done,
        ),
      );
    }
    const group = groups[period.cycleYear - 1] ?? [];
    if (group.length > 0) {
      const inGroup = new Set(group);
      const areaRules = controlsSubset.areas
        .filter((area) => area.objectiveIds.some((id) => inGroup.has(id)))
        .map((area) => cite(area.id, area, area.label));
      const remaining = group.filter((id) => (controlsAuditedIn.get(id) ?? -1) < period.index);
      list.push(
        dated(
          {
            id: `controls:${tag}`,
            kind: "controls",
            part: "controls",
            objectiveIds: remaining,
            period,
            dueOn: period.reportDueOn,
            progress: { done: group.length - remaining.length, total: group.length },
            next: remaining.length === 0 ? "nothing" : "record_external_audit",
            rules: [controlsRule, cycleRule, ...areaRules, reportRule, ...periodRules],
          },
          remaining.length === 0,
        ),
      );
    }
    // The report covers the period's yearly audits: it is done once every part audited yearly is on record for the
    // period (a partial controls audit alone does not make it done).
    const reported = everyYear.parts.every((part) => (latestAuditedPeriod[part] ?? -1) >= period.index);
    list.push(
      dated(
        {
          id: `report:${tag}`,
          kind: "report",
          objectiveIds: [],
          period,
          dueOn: period.reportDueOn,
          next: reported ? "nothing" : "submit_report",
          rules: [reportRule, ...periodRules],
        },
        reported,
      ),
    );
  }

  // Registration validity and renewal: from the entered period of a registered (or applied) service.
  const entered = periods.find((p) => p.origin === "entered");
  if (!planning && entered !== undefined && registration.status !== "withdrawn") {
    const validityRule = cite(validity.id, validity, validity.text);
    list.push(
      dated(
        {
          id: `validity:p${entered.start}`,
          kind: "validity",
          objectiveIds: [],
          period: entered,
          dueOn: validUntilOf(rules, entered.end),
          next: "apply_for_renewal",
          rules: [validityRule, periodsRule],
        },
        false,
      ),
    );
  }

  // Internal-audit coverage: objectives grouped by their last covered day; never-covered ones due by the end of
  // the current (or the planned first) period.
  const coverage = internalCoverage(rules, profile, asOf);
  const internalRule = cite(internalAudit.id, internalAudit, internalAudit.text);
  const conventionRule = cite(
    rules.dates.internalCoverage.id,
    rules.dates.internalCoverage,
    rules.dates.internalCoverage.text,
  );
  const byDay = new Map<JstDate, { ids: string[]; lastDone: JstDate }>();
  const never: string[] = [];
  for (const objective of coverage.objectives) {
    if (objective.coveredUntil === undefined || objective.lastCovered === undefined) {
      never.push(objective.id);
      continue;
    }
    const entry = byDay.get(objective.coveredUntil) ?? { ids: [], lastDone: objective.lastCovered };
    entry.ids.push(objective.id);
    byDay.set(objective.coveredUntil, entry);
  }
  for (const [coveredUntil, { ids, lastDone }] of byDay) {
    list.push(
      dated(
        {
          id: `internal:${coveredUntil}`,
          kind: "internal",
          objectiveIds: ids,
          dueOn: coveredUntil,
          lastDone,
          next: "record_internal_audit",
          rules: [internalRule, conventionRule],
        },
        false,
      ),
    );
  }
  if (never.length > 0) {
    const neverRule = cite(
      rules.dates.neverCovered.id,
      rules.dates.neverCovered,
      rules.dates.neverCovered.text,
    );
    const neverDue = (currentPeriod ?? (planned ? periods[0] : undefined))?.end;
    const obligation = dated(
      {
        id: "internal:never",
        kind: "internal",
        objectiveIds: never,
        ...(neverDue === undefined ? {} : { dueOn: neverDue }),
        next: neverDue === undefined ? "enter_audit_period" : "record_internal_audit",
        rules: [internalRule, ...(neverDue === undefined ? [] : [neverRule, ...periodRules])],
      },
      false,
    );
    obligation.planned = planned && neverDue !== undefined;
    list.push(obligation);
  }

  const hints: AnchorHint[] = [];
  if (anchor === "none") hints.push("enter_audit_period");
  if (registration.status === "registered" && registration.registeredOn === undefined)
    hints.push("enter_registration");

  const special = specialMeasureStatus(rules, profile as ServiceProfile, asOf);
  const allCaveats = new Map<string, Caveat>();
  for (const caveat of [...caveats.toArray(), ...coverage.caveats, ...special.caveats]) {
    if (!allCaveats.has(caveat.ruleId)) allCaveats.set(caveat.ruleId, caveat);
  }

  return {
    asOf: today,
    anchor,
    periods,
    ...(currentPeriod === undefined ? {} : { currentPeriod }),
    ...(nextPeriod === undefined ? {} : { nextPeriod }),
    obligations: list.sort(compareObligations),
    coverage,
    controls: { cycleYears: controlsSubset.cycleYears.value, groups },
    special,
    hints,
    caveats: [...allCaveats.values()],
  };
}

/** The citation (confidence, note) of a rule id the timeline cites. */
function ruleCitation(rules: TimelineRules, ruleId: string) {
  const { audits, program, dates } = rules;
  const all = [
    audits.everyYear,
    audits.controlsSubset,
    audits.controlsSubset.cycleYears,
    ...audits.controlsSubset.areas,
    audits.internalAudit,
    audits.internalAudit.expiringWithinDays,
    program.auditPeriod,
    program.reportDue,
    program.validity,
    dates.periods,
    dates.internalCoverage,
    dates.nextPeriods,
    dates.neverCovered,
  ];
  return all.find((c) => c.id === ruleId);
}

function compareObligations(a: Obligation, b: Obligation): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === undefined) return 1;
    if (b.dueOn === undefined) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The obligations still open (not done), soonest first: what a screen lists as "next". */
export function openObligations(timeline: ObligationsTimeline): Obligation[] {
  return timeline.obligations.filter((o) => o.status !== "done");
}
