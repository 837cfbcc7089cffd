import { addDays, type JstDate, periodLastDay } from "../lib/time.js";
import type { RuleSet } from "./schema.js";
import type { ServiceProfile } from "./service-profile.js";

/**
 * Audit periods (監査対象期間) as the obligations timeline counts them: the period a team entered, those recorded
 * with its external audits, and the periods that follow without a gap; which period a recorded audit belongs to;
 * and the days that follow from a period (its report day, the registration's last valid day) — all by the
 * conventions of rules/dates.yml.
 */

export type PeriodRules = Pick<RuleSet, "audits" | "program" | "dates">;

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
function knownPeriods(profile: Pick<ServiceProfile, "audits" | "registration">): KnownPeriod[] {
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
export function periodChain(
  rules: PeriodRules,
  profile: Pick<ServiceProfile, "audits" | "registration">,
  today: JstDate,
): AuditPeriod[] {
  const known = knownPeriods(profile);
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
export function periodOfAudit(
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
