/**
 * What the Workflow Builder steps hand to the next step: the obligations due within N days as a count and a list
 * (one line each, the same lines as every other screen), and the internal-audit coverage after a recorded audit.
 * Every date comes from the obligations timeline. Pure.
 */
import type { Translator } from "../../i18n/translator.js";
import { addDays } from "../../lib/time.js";
import type { ObligationsTimeline } from "../../rules/timeline.js";
import { dueWithin } from "../views/messages/team-state.js";
import { coverageLines, hintLines, obligationLine } from "../views/messages/timeline.js";

/** Slack caps a string output; a long list is cut with a pointer to `/ismap audits`. */
export const LIST_MAX_LINES = 30;

export interface DueOutputs {
  count: number;
  list: string;
}

export function dueOutputs(timeline: ObligationsTimeline, days: number, t: Translator): DueOutputs {
  const due = dueWithin(timeline, { kind: "days", days, until: addDays(timeline.asOf, days) });
  if (due.length === 0) {
    // No dates at all is not "nothing due": say what would date the obligations.
    const hints = timeline.anchor === "none" ? hintLines(timeline, t) : [];
    return { count: 0, list: [t("steps.due.none", { days }), ...hints].join("\n") };
  }
  const lines = due.slice(0, LIST_MAX_LINES).map((o) => obligationLine(o, t));
  if (due.length > LIST_MAX_LINES)
    lines.push(t("assistant.team.more", { count: due.length - LIST_MAX_LINES }));
  return {
    count: due.length,
    list: [t("steps.due.heading", { count: due.length, days }), ...lines].join("\n"),
  };
}

export interface CoverageOutputs {
  coverage: string;
  covered: number;
  total: number;
}

export function coverageOutputs(timeline: ObligationsTimeline, t: Translator): CoverageOutputs {
  const { counts, objectives } = timeline.coverage;
  return {
    coverage: coverageLines(timeline, t).join("\n"),
    covered: counts.covered + counts.expiring,
    total: objectives.length,
  };
}
