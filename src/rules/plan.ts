import { addDays, type JstDate, periodLastDay } from "../lib/time.js";
import { type Caveat, CaveatList } from "./citations.js";
import { obligations } from "./obligations.js";
import type { TimelineProfile, TimelineRules } from "./timeline.js";

/**
 * A suggested internal-audit schedule: every control objective placed in one period of the coming years, in a
 * period that ends on or before the day its coverage runs out (the timeline's `coveredUntil`, or for objectives
 * never covered the timeline's due day for them), soonest first, the periods as even in size as the deadlines
 * allow. Objectives due before the first period ends cannot wait for a period: they are listed apart, each with
 * its own deadline.
 */

export interface PlanOptions {
  /** How many years to plan; default the internal-audit window (rules/audits.yml). At most 10 (or the window). */
  years?: number;
  /** Periods per year; a divisor of 12 (1, 2, 3, 4, 6, 12). Default 4 (quarters). */
  periodsPerYear?: number;
}

export interface PlanPeriod {
  /** 0-based. */
  index: number;
  /** The day after the previous period's end (asOf's JST day for the first). */
  start: JstDate;
  /** The last day of the period of (index + 1) × (12 / periodsPerYear) months from asOf's day (rules/dates.yml). */
  end: JstDate;
  /** Objectives to audit in this period, soonest deadline first (no deadline last, in catalogue order). */
  objectiveIds: string[];
}

/** An objective that must be audited before the first period ends, with the day it is due by. */
export interface UrgentObjective {
  id: string;
  dueOn: JstDate;
  /** The due day has already passed. */
  overdue: boolean;
}

export interface InternalAuditPlan {
  asOf: JstDate;
  years: number;
  periodsPerYear: number;
  /** Objectives due before the first period ends (overdue ones included), soonest first; in no period. */
  urgent: UrgentObjective[];
  periods: PlanPeriod[];
  /** Objectives whose due day has passed (a subset of urgent). */
  overdue: string[];
  caveats: Caveat[];
}

/** The longest plan, in years, unless the internal-audit window is longer. */
export const MAX_PLAN_YEARS = 10;

/**
 * Plans internal audits so that every objective is covered again before it lapses.
 *
 * Each objective gets a deadline period: the last period starting strictly before its lapse day (lapsed ones: the
 * first period; never-covered ones and lapses beyond the horizon: the last period). Objectives are taken in
 * earliest-deadline order; each period takes the smallest count that still lets every later deadline be met
 * evenly (max over deadlines j ≥ i of ⌈objectives due by j and not yet planned / periods i … j⌉), which also gives
 * sizes differing by at most one when no deadline forces otherwise.
 *
 * @throws RangeError when years or periodsPerYear is not a positive integer, years exceeds MAX_PLAN_YEARS (or the
 *   window, when longer), or periodsPerYear does not divide 12.
 */
export function planInternalAudits(
  rules: TimelineRules,
  profile: TimelineProfile,
  asOf: Date,
  options: PlanOptions = {},
): InternalAuditPlan {
  const windowYears = rules.audits.internalAudit.windowYears;
  const years = options.years ?? windowYears;
  const maxYears = Math.max(MAX_PLAN_YEARS, windowYears);
  const periodsPerYear = options.periodsPerYear ?? 4;
  if (!Number.isInteger(years) || years < 1 || years > maxYears) {
    throw new RangeError(`years must be an integer from 1 to ${maxYears}, got ${years}`);
  }
  if (!Number.isInteger(periodsPerYear) || periodsPerYear < 1 || 12 % periodsPerYear !== 0) {
    throw new RangeError(
      `periodsPerYear must be a divisor of 12 (1, 2, 3, 4, 6 or 12), got ${periodsPerYear}`,
    );
  }

  const timeline = obligations(rules, profile, asOf);
  const coverage = timeline.coverage;
  const asOfDay = timeline.asOf;
  const neverDue = timeline.obligations.find((o) => o.id === "internal:never")?.dueOn;
  const count = years * periodsPerYear;
  const monthsPerPeriod = 12 / periodsPerYear;
  const ends: JstDate[] = [];
  for (let i = 0; i < count; i++) ends.push(periodLastDay(asOfDay, (i + 1) * monthsPerPeriod));
  const firstEnd = ends[0] as JstDate;

  const urgent: UrgentObjective[] = [];
  const items: { id: string; dueOn: JstDate | undefined; deadline: number }[] = [];
  for (const objective of coverage.objectives) {
    const dueOn = objective.coveredUntil ?? neverDue;
    if (dueOn !== undefined && dueOn < firstEnd) {
      urgent.push({ id: objective.id, dueOn, overdue: dueOn < asOfDay });
      continue;
    }
    items.push({ id: objective.id, dueOn, deadline: deadlinePeriod(dueOn, ends) });
  }
  // Earliest deadline first; no deadline last; the sorts are stable so ties keep catalogue order.
  urgent.sort((a, b) => compareDue(a.dueOn, b.dueOn));
  items.sort((a, b) => compareDue(a.dueOn, b.dueOn));

  // dueBy[j]: how many objectives must be planned in periods 0 … j (deadlines are non-decreasing in `items`).
  const dueBy = new Array<number>(count).fill(0);
  for (const item of items) dueBy[item.deadline] = (dueBy[item.deadline] ?? 0) + 1;
  for (let j = 1; j < count; j++) dueBy[j] = (dueBy[j] ?? 0) + (dueBy[j - 1] ?? 0);
  const deadlines = [...new Set(items.map((item) => item.deadline))].sort((a, b) => a - b);

  const periods: PlanPeriod[] = [];
  let planned = 0;
  let firstDeadline = 0;
  for (let i = 0; i < count; i++) {
    while ((deadlines[firstDeadline] ?? count) < i) firstDeadline++;
    let take = 0;
    for (let d = firstDeadline; d < deadlines.length; d++) {
      const j = deadlines[d] as number;
      const need = (dueBy[j] ?? 0) - planned;
      if (need > 0) take = Math.max(take, Math.ceil(need / (j - i + 1)));
    }
    periods.push({
      index: i,
      start: i === 0 ? asOfDay : addDays(ends[i - 1] as JstDate, 1),
      end: ends[i] as JstDate,
      objectiveIds: items.slice(planned, planned + take).map((item) => item.id),
    });
    planned += take;
  }

  const internalAudit = rules.audits.internalAudit;
  const convention = rules.dates.internalCoverage;
  return {
    asOf: asOfDay,
    years,
    periodsPerYear,
    urgent,
    periods,
    overdue: urgent.filter((u) => u.overdue).map((u) => u.id),
    caveats: new CaveatList()
      .add(internalAudit.id, internalAudit, internalAudit.text)
      .add(convention.id, convention, convention.text)
      .toArray(),
  };
}

/** The last period (0-based) that ends on or before the due day; no due day → the last period. */
function deadlinePeriod(dueOn: JstDate | undefined, ends: readonly JstDate[]): number {
  if (dueOn === undefined) return ends.length - 1;
  // Binary search for the number of periods ending on or before dueOn.
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] as JstDate) <= dueOn) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

function compareDue(a: JstDate | undefined, b: JstDate | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
