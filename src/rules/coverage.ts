import { addDays, addYears, daysBetween, type JstDate, toJstDate } from "../lib/time.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "./citations.js";
import { objectiveCatalogue } from "./objectives.js";
import type { RuleSet } from "./schema.js";
import type { ServiceProfile } from "./service-profile.js";

/**
 * Internal-audit coverage: for each control objective, when an internal audit last covered it and the last day
 * that coverage counts. One convention (rules/dates.yml `internalCoverage`, the earlier of the possible readings):
 * an audit on day D covers an objective until the day before the same calendar day `windowYears` later, where
 * 29 February becomes 28 February first: 2023-12-04 → covered until 2026-12-03; 2024-02-29 → until 2027-02-27
 * (the period reading would give 2027-02-28). The next audit is due by that day.
 */

/**
 * - `covered`: covered within the window, lapsing more than the threshold away;
 * - `expiring`: covered, but its last covered day is within the threshold (0 … expiringWithinDays days left);
 * - `lapsed`: covered once, but the window has run out (asOf's JST day is after the last covered day);
 * - `never`: no internal audit on record covers it.
 */
export type CoverageStatus = "covered" | "expiring" | "lapsed" | "never";

/** Statuses from worst to best: never < lapsed < expiring < covered. */
export const COVERAGE_STATUS_ORDER: readonly CoverageStatus[] = ["never", "lapsed", "expiring", "covered"];

/** Position of a status in COVERAGE_STATUS_ORDER: higher is better. */
export function coverageRank(status: CoverageStatus): number {
  return COVERAGE_STATUS_ORDER.indexOf(status);
}

export interface ObjectiveCoverage {
  id: string;
  /** The most recent internal audit (on or before asOf) that covered the objective. */
  lastCovered?: JstDate;
  /** The last JST day the coverage counts: the next internal audit of the objective is due by this day. */
  coveredUntil?: JstDate;
  /** The first JST day the objective is no longer covered (coveredUntil + 1 day). */
  lapsesOn?: JstDate;
  status: CoverageStatus;
  /** Days from asOf's JST day to coveredUntil (0 on the last covered day); negative once lapsed. */
  daysLeft?: number;
}

export interface InternalCoverage {
  /** The JST day coverage was computed for. */
  asOf: JstDate;
  windowYears: number;
  expiringWithinDays: number;
  /** One entry per catalogue objective, in catalogue order. */
  objectives: ObjectiveCoverage[];
  counts: Record<CoverageStatus, number>;
  /** Covered and expiring objectives, soonest lapse first (ties in catalogue order). */
  nextToLapse: ObjectiveCoverage[];
  rule: CitedText;
  /** Uncertain facts the result rests on (the expiring threshold). */
  caveats: Caveat[];
}

export type CoverageRules = Pick<RuleSet, "audits" | "objectives" | "dates">;

/** The last day an internal audit on `day` covers its objectives (rules/dates.yml `internalCoverage`). */
export function coveredUntilOf(rules: Pick<RuleSet, "audits">, day: JstDate): JstDate {
  return addDays(addYears(day, rules.audits.internalAudit.windowYears), -1);
}

/**
 * The latest date each objective was covered by an internal audit dated on or before `asOfDay`, indexed by the
 * objective's catalogue position. Ids without a position are ignored. One pass over the records.
 */
export function lastInternalCoverage(
  profile: Pick<ServiceProfile, "audits">,
  asOfDay: JstDate,
  position: ReadonlyMap<string, number>,
): (JstDate | undefined)[] {
  const last = new Array<JstDate | undefined>(position.size).fill(undefined);
  for (const audit of profile.audits.internal) {
    const date = audit.date;
    if (date > asOfDay) continue;
    for (const id of audit.objectiveIds) {
      const at = position.get(id);
      if (at === undefined) continue;
      const seen = last[at];
      if (seen === undefined || date > seen) last[at] = date;
    }
  }
  return last;
}

/** Internal-audit coverage of every control objective at `asOf`. Pure: audits dated after asOf are ignored. */
export function internalCoverage(
  rules: CoverageRules,
  profile: Pick<ServiceProfile, "audits">,
  asOf: Date,
): InternalCoverage {
  const rule = rules.audits.internalAudit;
  const windowYears = rule.windowYears;
  const threshold = rule.expiringWithinDays.value;
  const catalogue = objectiveCatalogue(rules);
  const asOfDay = toJstDate(asOf);
  const last = lastInternalCoverage(profile, asOfDay, catalogue.position);

  // Many objectives share an audit date: compute each date's lapse day and days left once.
  const perDate = new Map<JstDate, { coveredUntil: JstDate; lapsesOn: JstDate; daysLeft: number }>();
  const counts: Record<CoverageStatus, number> = { covered: 0, expiring: 0, lapsed: 0, never: 0 };
  const objectives: ObjectiveCoverage[] = [];
  const pending: ObjectiveCoverage[] = [];
  for (const [at, id] of catalogue.ids.entries()) {
    const lastCovered = last[at];
    if (lastCovered === undefined) {
      objectives.push({ id, status: "never" });
      counts.never++;
      continue;
    }
    let dated = perDate.get(lastCovered);
    if (dated === undefined) {
      const coveredUntil = coveredUntilOf(rules, lastCovered);
      dated = {
        coveredUntil,
        lapsesOn: addDays(coveredUntil, 1),
        daysLeft: daysBetween(asOfDay, coveredUntil),
      };
      perDate.set(lastCovered, dated);
    }
    const { coveredUntil, lapsesOn, daysLeft } = dated;
    const status: CoverageStatus = daysLeft < 0 ? "lapsed" : daysLeft <= threshold ? "expiring" : "covered";
    const entry: ObjectiveCoverage = { id, lastCovered, coveredUntil, lapsesOn, status, daysLeft };
    objectives.push(entry);
    counts[status]++;
    if (status !== "lapsed") pending.push(entry);
  }
  // Catalogue order is kept among equal dates because the sort is stable.
  pending.sort((a, b) => compareDays(a.lapsesOn, b.lapsesOn));

  return {
    asOf: asOfDay,
    windowYears,
    expiringWithinDays: threshold,
    objectives,
    counts,
    nextToLapse: pending,
    rule: citedText(rule.id, rule, rule.text),
    caveats: new CaveatList()
      .add(rule.id, rule, rule.text)
      .add(rules.dates.internalCoverage.id, rules.dates.internalCoverage, rules.dates.internalCoverage.text)
      .add(rule.expiringWithinDays.id, rule.expiringWithinDays, rule.expiringWithinDays.text)
      .toArray(),
  };
}

function compareDays(a: JstDate | undefined, b: JstDate | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}
