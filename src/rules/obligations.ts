import type { LocalizedText } from "../i18n/locale.js";
import { daysBetween, type JstDate, toJstDate } from "../lib/time.js";
import { type AuditPeriod, periodChain, periodOfAudit, validUntilOf } from "./audit-periods.js";
import { subsetGroups } from "./audits.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "./citations.js";
import { type InternalCoverage, internalCoverage } from "./coverage.js";
import type { Citation, CriteriaPart, RuleSet } from "./schema.js";
import type { ServiceProfile } from "./service-profile.js";
import { type SpecialMeasureStatus, specialMeasureStatus } from "./special-measure.js";

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

function statusOf(daysLeft: number, threshold: number): ObligationStatus {
  return daysLeft < 0 ? "overdue" : daysLeft <= threshold ? "due_soon" : "ok";
}

type Draft = Omit<Obligation, "status" | "daysLeft" | "caveats" | "planned">;

interface CitedRule {
  ref: CitedText;
  caveat?: Caveat;
}

/** Rules data never changes once loaded: each rule's citation and caveat are built once, per rule object. */
const citedRules = new WeakMap<object, CitedRule>();

function citedRule(rule: Citation & { id: string }, text: LocalizedText): CitedRule {
  let entry = citedRules.get(rule);
  if (entry === undefined) {
    const [caveat] = new CaveatList().add(rule.id, rule, text).toArray();
    entry = { ref: citedText(rule.id, rule, text), ...(caveat ? { caveat } : {}) };
    citedRules.set(rule, entry);
  }
  return entry;
}

/** What every part of the timeline reads: the day, the periods, and the rules cited so far (for the caveats). */
class TimelineContext {
  readonly today: JstDate;
  readonly planned: boolean;
  readonly periodRules: CitedText[];
  readonly #cited = new Map<string, CitedRule>();
  readonly #daysLeft = new Map<JstDate, number>();

  constructor(
    readonly rules: TimelineRules,
    readonly periods: readonly AuditPeriod[],
    asOf: Date,
    planning: boolean,
  ) {
    this.today = toJstDate(asOf);
    this.planned = planning && periods.length > 0;
    const { program, dates } = rules;
    this.periodRules = [
      this.cite(program.auditPeriod),
      this.cite(dates.periods),
      ...(periods.some((p) => p.origin === "assumed") ? [this.cite(dates.nextPeriods)] : []),
    ];
  }

  /** A rule an obligation rests on (the same object each time); uncertain ones become the timeline's caveats. */
  cite(rule: Citation & { id: string; text?: LocalizedText }, text?: LocalizedText): CitedText {
    let entry = this.#cited.get(rule.id);
    if (entry === undefined) {
      const shown = text ?? rule.text;
      if (shown === undefined) throw new TypeError(`rule ${rule.id} has no text to cite`);
      entry = citedRule(rule, shown);
      this.#cited.set(rule.id, entry);
    }
    return entry.ref;
  }

  /** Days from today to `day`; many obligations share a day. */
  daysLeft(day: JstDate): number {
    let days = this.#daysLeft.get(day);
    if (days === undefined) {
      days = daysBetween(this.today, day);
      this.#daysLeft.set(day, days);
    }
    return days;
  }

  /** Every uncertain rule cited so far, in the order first cited. */
  get caveats(): Caveat[] {
    return [...this.#cited.values()].flatMap((e) => (e.caveat ? [e.caveat] : []));
  }

  /** The uncertain rules among `refs` (all cited through this context), once each. */
  caveatsOf(refs: readonly CitedText[]): Caveat[] {
    const out: Caveat[] = [];
    for (const ref of refs) {
      const caveat = this.#cited.get(ref.ruleId)?.caveat;
      if (caveat && !out.includes(caveat)) out.push(caveat);
    }
    return out;
  }

  /** A drafted obligation with its status, day count, planned mark and caveats. */
  finish(draft: Draft, done: boolean): Obligation {
    const threshold = this.rules.audits.internalAudit.expiringWithinDays.value;
    const daysLeft = draft.dueOn === undefined ? undefined : this.daysLeft(draft.dueOn);
    const status: ObligationStatus =
      daysLeft === undefined ? "not_anchored" : done ? "done" : statusOf(daysLeft, threshold);
    // Drafts are fresh literals made for this call: completing one in place spares a copy per obligation.
    const obligation = draft as Obligation;
    if (daysLeft !== undefined) obligation.daysLeft = daysLeft;
    obligation.status = status;
    obligation.planned = this.planned && draft.dueOn !== undefined && draft.kind !== "internal";
    obligation.caveats = this.caveatsOf(draft.rules);
    return obligation;
  }
}

/** Which chain period the recorded external audits (on or before today) reach, per part and per objective. */
function auditedPeriods(ctx: TimelineContext, profile: TimelineProfile) {
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
function unanchoredObligations(ctx: TimelineContext, groups: readonly string[][]): Obligation[] {
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
function periodObligations(
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
function validityObligation(ctx: TimelineContext, entered: AuditPeriod): Obligation {
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
function internalObligations(
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
