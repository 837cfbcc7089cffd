import type { ServiceProfile } from "../profile/schema.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "./citations.js";
import { type InternalCoverage, internalCoverage } from "./coverage.js";
import { objectiveCatalogue } from "./objectives.js";
import type { RuleSet } from "./schema.js";
import { addDays, addMonths, addYears, daysBetween, type JstDate, toJstDate } from "./time.js";

/**
 * Which audits an ISMAP-LIU service owes at a given day: the yearly external audits of the governance and
 * management criteria, the multi-year rotation of the important controls subset, and internal-audit coverage.
 */

export type AuditRules = Pick<RuleSet, "audits" | "objectives" | "dates">;
export type AuditProfile = Pick<ServiceProfile, "audits" | "registration">;

/**
 * - `ok`: audited, next due more than the threshold away;
 * - `due_soon`: next due within the threshold (0 … expiringWithinDays days; due today counts);
 * - `overdue`: the due day has passed;
 * - `never`: no audit of that part on record (nextDue then counts from registration, or from asOf).
 */
export type YearlyStatus = "ok" | "due_soon" | "overdue" | "never";

export interface YearlyAudit {
  part: "governance" | "management";
  /** The latest external audit of this part on or before asOf. */
  lastDate?: JstDate;
  /** lastDate (else registration day, else asOf) + intervalMonths; the audit is on time on this day. */
  nextDue: JstDate;
  /** Days from asOf's JST day to nextDue; negative once overdue. */
  daysLeft: number;
  status: YearlyStatus;
  rule: CitedText;
}

export interface ControlsRotation {
  cycleYears: number;
  /** Which year of the cycle asOf falls in, 1 … cycleYears. */
  cycleIndex: number;
  /** First and last day (inclusive) of the whole cycle (cycleYears years) containing asOf. */
  cycleStart: JstDate;
  cycleEnd: JstDate;
  /** First and last day (inclusive) of the current year of the cycle. */
  yearStart: JstDate;
  yearEnd: JstDate;
  /** The day cycles count from, and where it came from. */
  anchor: JstDate;
  anchorFrom: "external_audit" | "registration" | "as_of";
  /** The latest external controls-criteria audit on or before asOf. */
  lastDate?: JstDate;
  /** The subset split into cycleYears groups; group i is due in year i + 1 of every cycle. */
  groups: string[][];
  /** groups[cycleIndex - 1]: the objectives to audit externally this year. */
  groupDueThisCycle: string[];
  /**
   * Subset objectives not externally audited within the last cycleYears (counted from their last audit, or from
   * the anchor when never audited); catalogue order.
   */
  overdue: string[];
  rule: CitedText;
}

export interface RequiredAudits {
  /** The JST day the answer is for. */
  asOf: JstDate;
  external: { governance: YearlyAudit; management: YearlyAudit; controls: ControlsRotation };
  internal: InternalCoverage;
  /** Every inferred / to-be-confirmed fact the answer used: subset areas, cycle years, thresholds. */
  caveats: Caveat[];
}

interface SubsetIndex {
  objectives: AuditRules["objectives"];
  groups: string[][];
  ids: ReadonlySet<string>;
}

const subsetIndexes = new WeakMap<object, SubsetIndex>();

/**
 * Splits the controls subset into `cycleYears` groups: areas in file order, each area's objectives in catalogue
 * order (ids not in the catalogue and repeats are dropped), cut into consecutive runs whose sizes differ by at most
 * one (earlier groups take the extra). Areas stay together except where a cut has to fall inside one.
 */
export function subsetGroups(rules: AuditRules): string[][] {
  return subsetIndex(rules).groups.map((g) => [...g]);
}

function subsetIndex(rules: AuditRules): SubsetIndex {
  const cached = subsetIndexes.get(rules.audits);
  if (cached && cached.objectives === rules.objectives) return cached;
  const catalogue = objectiveCatalogue(rules);
  const subset = rules.audits.controlsSubset;
  const ordered: string[] = [];
  const seen = new Set<string>();
  for (const area of subset.areas) {
    const ids: string[] = [];
    for (const id of area.objectiveIds) {
      if (!catalogue.byId.has(id) || seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
    ids.sort((a, b) => position(catalogue.position, a) - position(catalogue.position, b));
    ordered.push(...ids);
  }
  const k = subset.cycleYears.value;
  const base = Math.floor(ordered.length / k);
  const extra = ordered.length % k;
  const groups: string[][] = [];
  let at = 0;
  for (let i = 0; i < k; i++) {
    const size = base + (i < extra ? 1 : 0);
    groups.push(ordered.slice(at, at + size));
    at += size;
  }
  const index: SubsetIndex = { objectives: rules.objectives, groups, ids: seen };
  subsetIndexes.set(rules.audits, index);
  return index;
}

function position(positions: ReadonlyMap<string, number>, id: string): number {
  return positions.get(id) ?? Number.MAX_SAFE_INTEGER;
}

/** Whole years from `anchor` to `day` (floor; negative when day is earlier), counting clamped anniversaries. */
function wholeYears(anchor: JstDate, day: JstDate): number {
  let k = Number(day.slice(0, 4)) - Number(anchor.slice(0, 4));
  if (addYears(anchor, k) > day) k--;
  return k;
}

/** The audits a service owes at `asOf`. Pure; records dated after asOf are treated as not yet happened. */
export function requiredAudits(rules: AuditRules, profile: AuditProfile, asOf: Date): RequiredAudits {
  const asOfDay = toJstDate(asOf);
  const { everyYear, controlsSubset, internalAudit } = rules.audits;
  const threshold = internalAudit.expiringWithinDays.value;
  const subset = subsetIndex(rules);
  const catalogue = objectiveCatalogue(rules);

  // One pass over the external audits.
  let lastGovernance: JstDate | undefined;
  let lastManagement: JstDate | undefined;
  let firstControls: JstDate | undefined;
  let lastControls: JstDate | undefined;
  /** Latest external controls audit per objective id (any id; only subset ids are read back). */
  const lastControlsById = new Map<string, JstDate>();
  for (const audit of profile.audits.external) {
    const date = audit.date;
    if (date > asOfDay) continue;
    if (audit.part === "governance") {
      if (lastGovernance === undefined || date > lastGovernance) lastGovernance = date;
    } else if (audit.part === "management") {
      if (lastManagement === undefined || date > lastManagement) lastManagement = date;
    } else {
      if (firstControls === undefined || date < firstControls) firstControls = date;
      if (lastControls === undefined || date > lastControls) lastControls = date;
      for (const id of audit.objectiveIds) {
        const seen = lastControlsById.get(id);
        if (seen === undefined || date > seen) lastControlsById.set(id, date);
      }
    }
  }

  const registeredOn = profile.registration.registeredOn;
  const yearlyRule = citedText(everyYear.id, everyYear, everyYear.text);
  const yearly = (part: YearlyAudit["part"], lastDate: JstDate | undefined): YearlyAudit => {
    const nextDue = addMonths(lastDate ?? registeredOn ?? asOfDay, everyYear.intervalMonths);
    const daysLeft = daysBetween(asOfDay, nextDue);
    const status: YearlyStatus =
      lastDate === undefined ? "never" : daysLeft < 0 ? "overdue" : daysLeft <= threshold ? "due_soon" : "ok";
    return {
      part,
      ...(lastDate === undefined ? {} : { lastDate }),
      nextDue,
      daysLeft,
      status,
      rule: yearlyRule,
    };
  };

  // The rotation of the controls subset.
  const cycleYears = controlsSubset.cycleYears.value;
  const [anchor, anchorFrom]: [JstDate, ControlsRotation["anchorFrom"]] =
    firstControls !== undefined
      ? [firstControls, "external_audit"]
      : registeredOn !== undefined
        ? [registeredOn, "registration"]
        : [asOfDay, "as_of"];
  const year = wholeYears(anchor, asOfDay);
  const offset = ((year % cycleYears) + cycleYears) % cycleYears;
  const cycleStartYear = year - offset;
  const overdue: string[] = [];
  const lapseOf = new Map<JstDate, JstDate>();
  for (const id of catalogue.ids) {
    if (!subset.ids.has(id)) continue;
    const from = lastControlsById.get(id) ?? anchor;
    let lapse = lapseOf.get(from);
    if (lapse === undefined) {
      lapse = addYears(from, cycleYears);
      lapseOf.set(from, lapse);
    }
    if (asOfDay >= lapse) overdue.push(id);
  }
  const controls: ControlsRotation = {
    cycleYears,
    cycleIndex: offset + 1,
    cycleStart: addYears(anchor, cycleStartYear),
    cycleEnd: addDays(addYears(anchor, cycleStartYear + cycleYears), -1),
    yearStart: addYears(anchor, year),
    yearEnd: addDays(addYears(anchor, year + 1), -1),
    anchor,
    anchorFrom,
    ...(lastControls === undefined ? {} : { lastDate: lastControls }),
    groups: subset.groups.map((g) => [...g]),
    groupDueThisCycle: [...(subset.groups[offset] ?? [])],
    overdue,
    rule: citedText(controlsSubset.id, controlsSubset, controlsSubset.text),
  };

  const internal = internalCoverage(rules, profile, asOf);
  const caveats = new CaveatList()
    .add(everyYear.id, everyYear, everyYear.text)
    .add(controlsSubset.id, controlsSubset, controlsSubset.text)
    .add(controlsSubset.cycleYears.id, controlsSubset.cycleYears, controlsSubset.cycleYears.text);
  for (const area of controlsSubset.areas) caveats.add(area.id, area, area.label);
  caveats.add(internalAudit.id, internalAudit, internalAudit.text);
  caveats.add(
    internalAudit.expiringWithinDays.id,
    internalAudit.expiringWithinDays,
    internalAudit.expiringWithinDays.text,
  );

  return {
    asOf: asOfDay,
    external: {
      governance: yearly("governance", lastGovernance),
      management: yearly("management", lastManagement),
      controls,
    },
    internal,
    caveats: caveats.toArray(),
  };
}
