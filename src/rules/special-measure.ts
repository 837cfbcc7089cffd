import type { LocalizedText } from "../i18n/locale.js";
import { daysBetween, parseInstant, startOfJstDay, toJstDate } from "../lib/time.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "./citations.js";
import type { RuleSet } from "./schema.js";
import type { Citation } from "./schema-base.js";
import type { ServiceProfile } from "./service-profile.js";

/** Whether the special measure takes new services at `asOf`. */
export type SpecialMeasureAcceptance = "not_yet_in_force" | "accepting" | "closed";

/**
 * "unknown": the team is listed and has not used the relief, but the operating period is over and no source says
 * whether the relief can still be used.
 */
export type ReliefStatus = "used" | "available" | "unknown" | "not_applicable";

/** A once-only relief of the measure and where the team stands with it; `id` is also the `ruleId`. */
export interface ReliefState extends CitedText {
  id: string;
  status: ReliefStatus;
}

export interface SpecialMeasureStatus {
  acceptance: SpecialMeasureAcceptance;
  /** ISO instants as written in the rules (JST offset). */
  inForceFrom: string;
  deadline: string;
  /** The deadline, once acceptance has closed. */
  closedSince?: string;
  /** While accepting: JST calendar days left, counting today (1 on the last day). */
  daysLeft?: number;
  team: {
    listed: boolean;
    listedOn?: string;
    preApplicationSubmittedOn?: string;
    /** Whether the pre-application (a JST day) was submitted before the deadline; absent without a date. */
    submittedBeforeDeadline?: boolean;
    reliefs: ReliefState[];
  };
  benefits: CitedText[];
  /**
   * When it started, the deadline, whether acceptance closed, the period's end, what is unknown after it (once it is
   * over), background and (while accepting) the steps to the list.
   */
  facts: CitedText[];
  /** Every inferred, to-be-confirmed or conflicting fact used, once each. */
  caveats: Caveat[];
}

/** Where an instant falls against a dated fact of the measure: before it came into force, during, or after its end. */
export type MeasurePhase = "before" | "during" | "after";

/**
 * The phase of the measure's acceptance (ends at the deadline) or operating period (ends at periodEnd; an unknown
 * end never comes) at `asOf`. The FAQ's dated answers and specialMeasureStatus both read it, so they cannot disagree.
 */
export function measurePhase(
  measure: RuleSet["specialMeasure"],
  fact: "acceptance" | "period",
  asOf: Date,
): MeasurePhase {
  const t = asOf.getTime();
  if (t < parseInstant(measure.inForceFrom.at).getTime()) return "before";
  const end = fact === "acceptance" ? measure.deadline.at : measure.periodEnd.at;
  return end !== null && t >= parseInstant(end).getTime() ? "after" : "during";
}

const ACCEPTANCE: Record<MeasurePhase, SpecialMeasureAcceptance> = {
  before: "not_yet_in_force",
  during: "accepting",
  after: "closed",
};

/** Rules data never changes once loaded: each fact's citation is built once per rule object (answers share it). */
const cited = new WeakMap<Citation, CitedText>();
function citedOnce(id: string, citation: Citation, text: LocalizedText): CitedText {
  let found = cited.get(citation);
  if (found === undefined) {
    found = citedText(id, citation, text);
    cited.set(citation, found);
  }
  return found;
}

/**
 * Where the special measure stands at `asOf`, and where the team stands with it.
 *
 * Reliefs: "used" when the profile lists the id as used; otherwise, for a team listed by `asOf` (when the day is
 * known), "available" while the measure period runs (from inForceFrom until periodEnd; an unknown end counts as
 * still running, with its to-be-confirmed caveat) and "unknown" after it (no source says whether the reliefs can
 * still be used; its caveat is added); otherwise "not_applicable".
 * Unknown relief ids in the profile are ignored.
 */
export function specialMeasureStatus(
  rules: Pick<RuleSet, "specialMeasure">,
  profile: ServiceProfile,
  asOf: Date,
): SpecialMeasureStatus {
  if (Number.isNaN(asOf.getTime())) throw new RangeError("asOf is not a valid date");
  const measure = rules.specialMeasure;
  const t = asOf.getTime();
  const deadline = parseInstant(measure.deadline.at);

  const acceptance = ACCEPTANCE[measurePhase(measure, "acceptance", asOf)];

  const caveats = new CaveatList();
  const cite = (id: string, citation: Citation, text: LocalizedText): CitedText => {
    caveats.add(id, citation, text);
    return citedOnce(id, citation, text);
  };

  const facts: CitedText[] = [
    cite(measure.inForceFrom.id, measure.inForceFrom, measure.inForceFrom.text),
    cite(measure.deadline.id, measure.deadline, measure.deadline.text),
  ];
  if (acceptance === "closed") {
    facts.push(cite(measure.acceptanceClosed.id, measure.acceptanceClosed, measure.acceptanceClosed.text));
  }
  facts.push(cite(measure.periodEnd.id, measure.periodEnd, measure.periodEnd.text));
  const periodOver = measurePhase(measure, "period", asOf) === "after";
  if (periodOver) {
    const { reliefs, list } = measure.afterPeriod;
    facts.push(cite(list.id, list, list.text), cite(reliefs.id, reliefs, reliefs.text));
  }
  for (const fact of measure.facts) facts.push(cite(fact.id, fact, fact.text));
  if (acceptance === "accepting") {
    for (const step of measure.steps) facts.push(cite(step.id, step, step.text));
  }

  const benefits = measure.benefits.map((b) => cite(b.id, b, b.text));

  const sm = profile.specialMeasure;
  // A pre-application on record after the deadline did not qualify (the profile form refuses one; older stored
  // profiles may hold it): its reliefs are never shown as usable.
  const lateApplication =
    sm.preApplicationSubmittedOn !== undefined &&
    startOfJstDay(sm.preApplicationSubmittedOn).getTime() >= deadline.getTime();
  const listedByNow =
    sm.listed && !lateApplication && (sm.listedOn === undefined || startOfJstDay(sm.listedOn).getTime() <= t);
  const periodRuns = measurePhase(measure, "period", asOf) === "during";
  const used = new Set(sm.reliefsUsed);
  const reliefs = measure.reliefs.map((relief): ReliefState => {
    const status: ReliefStatus = used.has(relief.id)
      ? "used"
      : !listedByNow
        ? "not_applicable"
        : periodRuns
          ? "available"
          : periodOver
            ? "unknown"
            : "not_applicable";
    return { id: relief.id, ...cite(relief.id, relief, relief.text), status };
  });

  const team: SpecialMeasureStatus["team"] = { listed: sm.listed, reliefs };
  if (sm.listedOn !== undefined) team.listedOn = sm.listedOn;
  if (sm.preApplicationSubmittedOn !== undefined) {
    team.preApplicationSubmittedOn = sm.preApplicationSubmittedOn;
    team.submittedBeforeDeadline = startOfJstDay(sm.preApplicationSubmittedOn).getTime() < deadline.getTime();
  }

  const status: SpecialMeasureStatus = {
    acceptance,
    inForceFrom: measure.inForceFrom.at,
    deadline: measure.deadline.at,
    team,
    benefits,
    facts,
    caveats: caveats.toArray(),
  };
  if (acceptance === "closed") status.closedSince = measure.deadline.at;
  if (acceptance === "accepting") status.daysLeft = daysBetween(toJstDate(asOf), toJstDate(deadline));
  return status;
}
