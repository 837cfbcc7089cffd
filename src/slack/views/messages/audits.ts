import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import type { RequiredAudits, YearlyAudit } from "../../../rules/audits.js";
import { COVERAGE_STATUS_ORDER, type CoverageStatus } from "../../../rules/coverage.js";
import { objectiveCatalogue } from "../../../rules/objectives.js";
import type { RuleSet } from "../../../rules/schema.js";
import {
  caveatBlocks,
  citation,
  divider,
  escapeMrkdwn,
  footer,
  header,
  section,
  sections,
} from "../parts.js";
import {
  bold,
  compactIds,
  compose,
  dateRange,
  daysLeftText,
  EMOJI,
  type MessageContext,
  mergeCaveats,
  type SlackMessage,
  withNote,
} from "./common.js";

/** Up to this many objectives of a group are listed with their labels; more are shown as ids only. */
export const LABELLED_OBJECTIVES_MAX = 24;
/** How many of the objectives next to lapse are listed. */
export const NEXT_TO_LAPSE_SHOWN = 10;

export const COVERAGE_EMOJI: Record<CoverageStatus, string> = {
  covered: EMOJI.ok,
  expiring: EMOJI.soon,
  lapsed: EMOJI.bad,
  never: EMOJI.none,
};

type Level = "ok" | "soon" | "attention";

/** How urgent a yearly audit is: overdue (also when never audited and past the day it was due) needs attention. */
export function yearlyLevel(audit: YearlyAudit, soonWithinDays: number): Level {
  if (audit.status === "overdue" || audit.daysLeft < 0) return "attention";
  if (audit.status === "due_soon" || (audit.status === "never" && audit.daysLeft <= soonWithinDays))
    return "soon";
  return "ok";
}

export function yearlyEmoji(audit: YearlyAudit, soonWithinDays: number): string {
  const level = yearlyLevel(audit, soonWithinDays);
  if (level === "attention") return EMOJI.bad;
  if (level === "soon") return EMOJI.soon;
  return audit.status === "never" ? EMOJI.none : EMOJI.ok;
}

export function yearlyStatusLabel(audit: YearlyAudit, t: Translator): string {
  return audit.status === "never" ? t("msg.audits.never") : t(`audit.due.${audit.status}`);
}

/** "2027年1月15日(残り50日)": a yearly audit's next due day and how far away it is. */
export function nextDueText(audit: YearlyAudit, t: Translator): string {
  return withNote(t("audit.nextDue", { date: t.date(audit.nextDue) }), daysLeftText(audit.daysLeft, t), t);
}

/** The overall state: items that need attention now, else items due soon, else all on track. */
function summary(audits: RequiredAudits, t: Translator): { emoji: string; text: string } {
  const soonWithin = audits.internal.expiringWithinDays;
  const { governance, management, controls } = audits.external;
  const levels: Level[] = [yearlyLevel(governance, soonWithin), yearlyLevel(management, soonWithin)];
  levels.push(controls.overdue.length > 0 ? "attention" : "ok");
  const counts = audits.internal.counts;
  levels.push(counts.lapsed + counts.never > 0 ? "attention" : counts.expiring > 0 ? "soon" : "ok");
  const attention = levels.filter((l) => l === "attention").length;
  if (attention > 0)
    return { emoji: EMOJI.bad, text: t("msg.audits.summaryAttention", { count: attention }) };
  if (levels.includes("soon")) return { emoji: EMOJI.soon, text: t("msg.audits.summarySoon") };
  return { emoji: EMOJI.ok, text: t("msg.audits.summaryOk") };
}

function yearlyField(audit: YearlyAudit, soonWithin: number, t: Translator): string {
  const last = audit.lastDate
    ? t("msg.audits.last", { date: t.date(audit.lastDate) })
    : t("msg.audits.never");
  return [
    bold(t(`criteria.${audit.part}`)),
    `${yearlyEmoji(audit, soonWithin)} ${yearlyStatusLabel(audit, t)}`,
    last,
    nextDueText(audit, t),
  ].join("\n");
}

/** Ids with their short labels, one a line; ids only (compact) when there are many. */
export function objectiveLines(
  ids: readonly string[],
  rules: Pick<RuleSet, "objectives">,
  t: Translator,
): string {
  if (ids.length > LABELLED_OBJECTIVES_MAX) return compactIds(ids, t, 130);
  const catalogue = objectiveCatalogue(rules);
  return ids
    .map((id) => {
      const objective = catalogue.byId.get(id);
      if (!objective) return `• \`${escapeMrkdwn(id)}\``;
      return `• \`${escapeMrkdwn(objective.id)}\` ${escapeMrkdwn(t.pick(objective.label))}`;
    })
    .join("\n");
}

/**
 * The answer of `/ismap audits`: the yearly external audits of the governance and management criteria, the rotation
 * of the important controls (this year's group, overdue objectives), internal-audit coverage with the next objectives
 * to lapse, the caveats and the footer.
 */
export function auditsMessage(audits: RequiredAudits, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const { governance, management, controls } = audits.external;
  const internal = audits.internal;
  const soonWithin = internal.expiringWithinDays;
  const state = summary(audits, t);
  const body: KnownBlock[] = [header(t("msg.audits.title")), section(`${state.emoji} ${bold(state.text)}`)];

  // Governance and management: every year.
  body.push(divider(), {
    type: "section",
    text: { type: "mrkdwn", text: `:calendar: ${bold(t("msg.audits.externalTitle"))}` },
    fields: [governance, management].map((a) => ({
      type: "mrkdwn" as const,
      text: yearlyField(a, soonWithin, t),
    })),
  });
  body.push(citation(governance.rule, rules, t));

  // Controls criteria: the important subset, one group a year.
  const controlLines = [
    `:arrows_counterclockwise: ${bold(t("msg.audits.controlsTitle", { years: controls.cycleYears }))}`,
    t("msg.audits.cycle", {
      index: controls.cycleIndex,
      years: controls.cycleYears,
      range: dateRange(controls.yearStart, controls.yearEnd, t),
    }),
    t("msg.audits.controlsLast", {
      date: controls.lastDate ? t.date(controls.lastDate) : t("msg.audits.never"),
    }),
    bold(t("msg.audits.groupThisYear", { count: controls.groupDueThisCycle.length })),
    objectiveLines(controls.groupDueThisCycle, rules, t),
    controls.overdue.length > 0
      ? `${EMOJI.bad} ${bold(t("msg.audits.overdueObjectives", { count: controls.overdue.length }))}\n${compactIds(controls.overdue, t)}`
      : `${EMOJI.ok} ${t("msg.audits.noOverdue")}`,
  ];
  body.push(divider(), ...sections(controlLines.filter((l) => l !== "").join("\n")));
  body.push(citation(controls.rule, rules, t));

  // Internal audit coverage.
  const covered = internal.counts.covered + internal.counts.expiring;
  body.push(divider(), {
    type: "section",
    text: {
      type: "mrkdwn",
      text: `:mag: ${bold(t("msg.audits.internalTitle", { years: internal.windowYears }))}\n${t("audit.objectivesCovered", { covered, total: internal.objectives.length })}`,
    },
    fields: [...COVERAGE_STATUS_ORDER].reverse().map((status) => ({
      type: "mrkdwn" as const,
      text: `${COVERAGE_EMOJI[status]} ${t("msg.audits.count", { label: t(`audit.coverage.${status}`), count: internal.counts[status] })}`,
    })),
  });
  const catalogue = objectiveCatalogue(rules);
  const next = internal.nextToLapse.slice(0, NEXT_TO_LAPSE_SHOWN).map((o) => {
    const objective = catalogue.byId.get(o.id);
    const label = objective ? ` ${escapeMrkdwn(t.pick(objective.label))}` : "";
    const until = o.lapsesOn ? t("audit.coveredUntil", { date: t.date(o.lapsesOn) }) : "";
    const when = o.daysLeft === undefined ? until : withNote(until, daysLeftText(o.daysLeft, t), t);
    return `${COVERAGE_EMOJI[o.status]} \`${escapeMrkdwn(o.id)}\`${label} — ${when}`;
  });
  const more = internal.nextToLapse.length - next.length;
  if (more > 0) next.push(`_${t("msg.common.more", { count: more })}_`);
  body.push(
    ...sections(
      next.length > 0
        ? `${bold(t("msg.audits.nextToLapse"))}\n${next.join("\n")}`
        : `${EMOJI.none} ${t("msg.audits.nothingCovered")}`,
    ),
  );
  body.push(citation(internal.rule, rules, t));

  const tail = [divider(), ...caveatBlocks(mergeCaveats(audits.caveats, internal.caveats), rules, t)];
  tail.push(footer(rules, asOf, t));
  return compose(`${t("msg.audits.title")}: ${state.text}`, body, tail, t);
}
