import type { JstDate } from "../lib/time.js";
import { type AuditPeriod, periodOfAudit, validUntilOf } from "./audit-periods.js";
import type { CitedText } from "./citations.js";
import type { InternalCoverage } from "./coverage.js";
import type { CriteriaPart } from "./schema.js";
import type { Obligation, TimelineProfile } from "./timeline.js";
import type { Draft, TimelineContext } from "./timeline-context.js";

/** The obligations of each kind, drafted from the rules and the profile and finished through the timeline context. */

/** Which chain period the recorded external audits (on or before today) reach, per part and per objective. */
export function auditedPeriods(ctx: TimelineContext, profile: TimelineProfile) {
  const latestByPart: Partial<Record<CriteriaPart, number>> = {};
  const controlsByObjective = new Map<string, number>();
  for (const audit of profile.audits.external) {
    if (audit.date > ctx.today) continue;
    const at = periodOfAudit(ctx.periods, audit);
    if (at === undefined) continue;
    latestByPart[audit.part] = Math.max(latestByPart[audit.part] ?? -1, at);
    if (audit.part !== "controls") continue;
    for (const id of audit.objectiveIds)
      controlsByObjective.set(id, Math.max(controlsByObjective.get(id) ?? -1, at));
  }
  return {
    /** An audit of a later period implies the earlier ones were done (the listing would have lapsed otherwise). */
    partDone: (part: CriteriaPart, period: AuditPeriod) => (latestByPart[part] ?? -1) >= period.index,
    objectiveDone: (id: string, period: AuditPeriod) => (controlsByObjective.get(id) ?? -1) >= period.index,
  };
}

/** Without any audit period: the period-bound obligations, undated, each saying what would date it. */
export function unanchoredObligations(ctx: TimelineContext, groups: readonly string[][]): Obligation[] {
  const { everyYear, controlsSubset } = ctx.rules.audits;
  const periodRule = ctx.periodRules[0] as CitedText;
  const undated = (draft: Omit<Draft, "next">) => ctx.finish({ ...draft, next: "enter_audit_period" }, false);
  return [
    ...everyYear.parts.map((part) =>
      undated({
        id: `external:${part}`,
        kind: "external",
        part,
        objectiveIds: [],
        rules: [ctx.cite(everyYear), periodRule],
      }),
    ),
    undated({
      id: "controls",
      kind: "controls",
      part: "controls",
      objectiveIds: [...(groups[0] ?? [])],
      rules: [ctx.cite(controlsSubset), ctx.cite(controlsSubset.cycleYears), periodRule],
    }),
    undated({
      id: "report",
      kind: "report",
      objectiveIds: [],
      rules: [ctx.cite(ctx.rules.program.reportDue), periodRule],
    }),
  ];
}

/**
 * What one audit period owes, all by its report day: the external audit of each part audited yearly, the
 * controls-criteria group of its cycle year (objectives still to audit, progress), and the audit report, which is
 * done once the yearly audits are on record (a partial controls audit alone does not make it done).
 */
export function periodObligations(
  ctx: TimelineContext,
  period: AuditPeriod,
  groups: readonly string[][],
  audited: ReturnType<typeof auditedPeriods>,
): Obligation[] {
  const { everyYear, controlsSubset } = ctx.rules.audits;
  const tag = `p${period.start}`;
  const reportRule = ctx.cite(ctx.rules.program.reportDue);
  const out: Obligation[] = [];
  for (const part of everyYear.parts) {
    const done = audited.partDone(part, period);
    out.push(
      ctx.finish(
        {
          id: `external:${part}:${tag}`,
          kind: "external",
          part,
          objectiveIds: [],
          period,
          dueOn: period.reportDueOn,
          next: done ? "nothing" : "record_external_audit",
          rules: [ctx.cite(everyYear), reportRule, ...ctx.periodRules],
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
      .map((area) => ctx.cite(area, area.label));
    const remaining = group.filter((id) => !audited.objectiveDone(id, period));
    out.push(
      ctx.finish(
        {
          id: `controls:${tag}`,
          kind: "controls",
          part: "controls",
          objectiveIds: remaining,
          period,
          dueOn: period.reportDueOn,
          progress: { done: group.length - remaining.length, total: group.length },
          next: remaining.length === 0 ? "nothing" : "record_external_audit",
          rules: [
            ctx.cite(controlsSubset),
            ctx.cite(controlsSubset.cycleYears),
            ...areaRules,
            reportRule,
            ...ctx.periodRules,
          ],
        },
        remaining.length === 0,
      ),
    );
  }
  const reported = everyYear.parts.every((part) => audited.partDone(part, period));
  out.push(
    ctx.finish(
      {
        id: `report:${tag}`,
        kind: "report",
        objectiveIds: [],
        period,
        dueOn: period.reportDueOn,
        next: reported ? "nothing" : "submit_report",
        rules: [reportRule, ...ctx.periodRules],
      },
      reported,
    ),
  );
  return out;
}

/** The registration's last valid day, also the day to have applied for renewal, from the period entered. */
export function validityObligation(ctx: TimelineContext, entered: AuditPeriod): Obligation {
  return ctx.finish(
    {
      id: `validity:p${entered.start}`,
      kind: "validity",
      objectiveIds: [],
      period: entered,
      dueOn: validUntilOf(ctx.rules, entered.end),
      next: "apply_for_renewal",
      rules: [ctx.cite(ctx.rules.program.validity), ctx.cite(ctx.rules.dates.periods)],
    },
    false,
  );
}

/**
 * Internal-audit coverage: objectives grouped by their last covered day; those never covered due by `neverDue`
 * (the current or the planned first period's last day), undated without one.
 */
export function internalObligations(
  ctx: TimelineContext,
  coverage: InternalCoverage,
  neverDue: JstDate | undefined,
): Obligation[] {
  const { internalAudit } = ctx.rules.audits;
  const { internalCoverage: convention, neverCovered } = ctx.rules.dates;
  const internalRule = ctx.cite(internalAudit);
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
  const out = [...byDay].map(([coveredUntil, { ids, lastDone }]) =>
    ctx.finish(
      {
        id: `internal:${coveredUntil}`,
        kind: "internal",
        objectiveIds: ids,
        dueOn: coveredUntil,
        lastDone,
        next: "record_internal_audit",
        rules: [internalRule, ctx.cite(convention)],
      },
      false,
    ),
  );
  if (never.length > 0) {
    const obligation = ctx.finish(
      {
        id: "internal:never",
        kind: "internal",
        objectiveIds: never,
        ...(neverDue === undefined ? {} : { dueOn: neverDue }),
        next: neverDue === undefined ? "enter_audit_period" : "record_internal_audit",
        rules: [
          internalRule,
          ...(neverDue === undefined ? [] : [ctx.cite(neverCovered), ...ctx.periodRules]),
        ],
      },
      false,
    );
    obligation.planned = ctx.planned && neverDue !== undefined;
    out.push(obligation);
  }
  return out;
}
