import { toJstDate } from "../lib/time.js";
import { periodChain } from "./audit-periods.js";
import { subsetGroups } from "./audits.js";
import type { Caveat } from "./citations.js";
import { internalCoverage } from "./coverage.js";
import {
  auditedPeriods,
  internalObligations,
  periodObligations,
  unanchoredObligations,
  validityObligation,
} from "./obligation-kinds.js";
import type { ServiceProfile } from "./service-profile.js";
import { specialMeasureStatus } from "./special-measure.js";
import type {
  AnchorHint,
  Obligation,
  ObligationKind,
  ObligationsTimeline,
  TimelineProfile,
  TimelineRules,
} from "./timeline.js";
import { TimelineContext } from "./timeline-context.js";

export { type AuditPeriod, auditPeriodBounds, reportDueOn, validUntilOf } from "./audit-periods.js";

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
 * (`planned`). The timeline's shape is in timeline.ts, each kind of obligation in obligation-kinds.ts.
 */

const KIND_ORDER: Record<ObligationKind, number> = {
  external: 0,
  controls: 1,
  internal: 2,
  report: 3,
  validity: 4,
};

const PLANNING_STATUSES: ReadonlySet<string> = new Set(["not_started", "preparing", "pre_applied"]);

/** The complete, dated timeline of what the team owes at `asOf`. Pure: records dated after asOf have not happened. */
export function obligations(rules: TimelineRules, profile: TimelineProfile, asOf: Date): ObligationsTimeline {
  const registration = profile.registration;
  const planning = PLANNING_STATUSES.has(registration.status);
  const periods = periodChain(rules, profile, toJstDate(asOf));
  const ctx = new TimelineContext(rules, periods, asOf, planning);
  const today = ctx.today;
  const anchor: ObligationsTimeline["anchor"] =
    periods.length === 0 ? "none" : planning ? "planned" : "registered";
  const currentPeriod = periods.find((p) => p.start <= today && today <= p.end);
  const nextPeriod = periods.find((p) => p.start > today);
  const groups = subsetGroups(rules);
  const audited = auditedPeriods(ctx, profile);

  const list: Obligation[] = anchor === "none" ? unanchoredObligations(ctx, groups) : [];
  // Periods whose obligations are listed: every one that has started, and the first (a planned one ahead).
  for (const period of periods) {
    if (period.start <= today || period.index === 0)
      list.push(...periodObligations(ctx, period, groups, audited));
  }
  const entered = periods.find((p) => p.origin === "entered");
  if (!planning && entered !== undefined && registration.status !== "withdrawn") {
    list.push(validityObligation(ctx, entered));
  }
  const coverage = internalCoverage(rules, profile, asOf);
  const neverDue = (currentPeriod ?? (ctx.planned ? periods[0] : undefined))?.end;
  list.push(...internalObligations(ctx, coverage, neverDue));

  const hints: AnchorHint[] = [];
  if (anchor === "none") hints.push("enter_audit_period");
  if (registration.status === "registered" && registration.registeredOn === undefined)
    hints.push("enter_registration");

  const special = specialMeasureStatus(rules, profile as ServiceProfile, asOf);
  const caveats = new Map<string, Caveat>();
  for (const caveat of [...ctx.caveats, ...coverage.caveats, ...special.caveats]) {
    if (!caveats.has(caveat.ruleId)) caveats.set(caveat.ruleId, caveat);
  }

  return {
    asOf: today,
    anchor,
    periods,
    ...(currentPeriod === undefined ? {} : { currentPeriod }),
    ...(nextPeriod === undefined ? {} : { nextPeriod }),
    obligations: list.sort(compareObligations),
    coverage,
    controls: { cycleYears: rules.audits.controlsSubset.cycleYears.value, groups },
    special,
    hints,
    caveats: [...caveats.values()],
  };
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
