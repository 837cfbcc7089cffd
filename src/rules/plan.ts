import type { ServiceProfile } from "../profile/schema.js";
import { type Caveat, CaveatList } from "./citations.js";
import { type CoverageRules, internalCoverage } from "./coverage.js";
import { addDays, addMonths, type JstDate } from "./time.js";

/**
 * A suggested internal-audit schedule: every control objective placed in one period of the coming years, each
 * before its coverage lapses, soonest lapse first, and the periods as even in size as the deadlines allow.
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
  /** asOf's JST day + index × (12 / periodsPerYear) months. */
  start: JstDate;
  /** The day before the next period starts (inclusive). */
  end: JstDate;
  /** Objectives to audit in this period, soonest lapse first (never-covered last, in catalogue order). */
  objectiveIds: string[];
}

export interface InternalAuditPlan {
  asOf: JstDate;
  years: number;
  periodsPerYear: number;
  periods: PlanPeriod[];
  /** Objectives whose coverage has already lapsed; they are all in the first period. */
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
  rules: CoverageRules,
  profile: Pick<ServiceProfile, "audits">,
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

  const coverage = internalCoverage(rules, profile, asOf);
  const asOfDay = coverage.asOf;
  const count = years * periodsPerYear;
  const monthsPerPeriod = 12 / periodsPerYear;
  const starts: JstDate[] = [];
  for (let i = 0; i <= count; i++) starts.push(addMonths(asOfDay, i * monthsPerPeriod));

  // Earliest lapse first; never-covered last; the sort is stable so ties keep catalogue order.
  const items = coverage.objectives.map((o) => ({
    id: o.id,
    lapsesOn: o.lapsesOn,
    deadline: deadlinePeriod(o.status === "lapsed", o.lapsesOn, starts, count),
  }));
  items.sort((a, b) => compareLapse(a.lapsesOn, b.lapsesOn));

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
      start: starts[i] as JstDate,
      end: addDays(starts[i + 1] as JstDate, -1),
      objectiveIds: items.slice(planned, planned + take).map((item) => item.id),
    });
    planned += take;
  }

  return {
    asOf: asOfDay,
    years,
    periodsPerYear,
    periods,
    overdue: coverage.objectives.filter((o) => o.status === "lapsed").map((o) => o.id),
    caveats: new CaveatList()
      .add(rules.audits.internalAudit.id, rules.audits.internalAudit, rules.audits.internalAudit.text)
      .toArray(),
  };
}

/** The last period (0-based) whose start is strictly before the lapse day; lapsed → 0; unknown → the last. */
function deadlinePeriod(
  lapsed: boolean,
  lapsesOn: JstDate | undefined,
  starts: JstDate[],
  count: number,
): number {
  if (lapsed) return 0;
  if (lapsesOn === undefined) return count - 1;
  // Binary search for the number of starts (among the first `count`) that are before lapsesOn.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as JstDate) < lapsesOn) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

function compareLapse(a: JstDate | undefined, b: JstDate | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
