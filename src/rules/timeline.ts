import type { JstDate } from "../lib/time.js";
import type { AuditPeriod } from "./audit-periods.js";
import type { Caveat, CitedText } from "./citations.js";
import type { InternalCoverage } from "./coverage.js";
import type { CriteriaPart, RuleSet } from "./schema.js";
import type { ServiceProfile } from "./service-profile.js";
import type { SpecialMeasureStatus } from "./special-measure.js";

/** The shape of the obligations timeline (`obligations()` in obligations.ts builds it): what every screen reads. */

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
