import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import { CaveatList } from "../../../rules/citations.js";
import { objectiveCatalogue } from "../../../rules/objectives.js";
import { obligationTitle } from "../../../rules/obligation-title.js";
import type { RuleSet } from "../../../rules/schema.js";
import type { ServiceProfile } from "../../../rules/service-profile.js";
import type { Obligation, ObligationsTimeline } from "../../../rules/timeline.js";
import { citation, divider, escapeMrkdwn, footer, header, sections } from "../parts.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  compactIds,
  compose,
  EMOJI,
  type MessageContext,
  mergeCaveats,
  type SlackMessage,
  withNote,
} from "./common.js";
import {
  coverageLines,
  coveredUntilText,
  focusPeriod,
  hintLines,
  nextObligations,
  nextToCover,
  OBLIGATION_EMOJI,
  obligationDue,
  obligationLine,
  periodText,
} from "./timeline.js";

/** Up to this many objectives of a group are listed with their labels; more are shown as ids only. */
export const LABELLED_OBJECTIVES_MAX = 24;
/** How many of the objectives next to reach their last covered day are listed. */
export const NEXT_TO_LAPSE_SHOWN = 10;
/** How many items the summary names. */
export const SUMMARY_ITEMS_SHOWN = 6;

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

/** The overall state, naming the items that need attention (overdue), else those due soon. */
function summary(
  timeline: ObligationsTimeline,
  t: Translator,
): { emoji: string; head: string; lines: string[] } {
  const open = timeline.obligations.filter((o) => o.status !== "done");
  const overdue = open.filter((o) => o.status === "overdue");
  const soon = open.filter((o) => o.status === "due_soon");
  const items = (list: readonly Obligation[]) => {
    const lines = list
      .slice(0, SUMMARY_ITEMS_SHOWN)
      .map(
        (o) =>
          `• ${t("obligation.item", { title: obligationTitle(o, t), action: t(`obligation.next.${o.next}`) })}`,
      );
    if (list.length > SUMMARY_ITEMS_SHOWN)
      lines.push(`_${t("msg.common.more", { count: list.length - SUMMARY_ITEMS_SHOWN })}_`);
    return lines;
  };
  if (overdue.length > 0) {
    return {
      emoji: EMOJI.bad,
      head: t("msg.audits.summaryAttention", { count: overdue.length }),
      lines: items(overdue),
    };
  }
  if (soon.length > 0) return { emoji: EMOJI.soon, head: t("msg.audits.summarySoon"), lines: items(soon) };
  if (timeline.anchor === "none")
    return { emoji: EMOJI.none, head: t("msg.audits.summaryNoDates"), lines: [] };
  return { emoji: EMOJI.ok, head: t("msg.audits.summaryOk"), lines: [] };
}

const samePeriod = (o: Obligation, start: string | undefined) => o.period?.start === start;

/**
 * The obligations of one kind (and part) a section shows: those of the period that matters now, and earlier ones
 * still open. Without any period, the undated ones.
 */
function relevant(timeline: ObligationsTimeline, pick: (o: Obligation) => boolean): Obligation[] {
  const focus = focusPeriod(timeline)?.start;
  return timeline.obligations.filter(
    (o) =>
      pick(o) &&
      (o.period === undefined ||
        samePeriod(o, focus) ||
        (o.status !== "done" && focus !== undefined && o.period.start < focus)),
  );
}

/** `:red_circle: *期限超過* — 期限 2026年6月30日（156日超過）` and the period it belongs to. */
function periodObligationText(o: Obligation, t: Translator): string {
  // Undated: what would date it instead of a date.
  const due = o.dueOn === undefined ? t(`obligation.next.${o.next}`) : obligationDue(o, t);
  const line = `${OBLIGATION_EMOJI[o.status]} ${bold(t(`obligation.status.${o.status}`))} — ${due}`;
  const planned = o.planned ? ` _${t("obligation.planned")}_` : "";
  const period = o.period ? `\n_${t("obligation.periodOf", { range: periodText(o.period, t) })}_` : "";
  return `${line}${planned}${period}`;
}

/** The external audits on record, by part: the latest one dated on or before the timeline's day. */
type Records = Pick<ServiceProfile, "audits">;

function lastRecorded(records: Records | undefined, part: string, asOf: string): string | undefined {
  let last: string | undefined;
  for (const audit of records?.audits.external ?? []) {
    if (audit.part === part && audit.date <= asOf && (last === undefined || audit.date > last))
      last = audit.date;
  }
  return last;
}

function partField(
  timeline: ObligationsTimeline,
  part: "governance" | "management",
  records: Records | undefined,
  t: Translator,
): string {
  const list = relevant(timeline, (o) => o.kind === "external" && o.part === part);
  const last = lastRecorded(records, part, timeline.asOf);
  return [
    bold(t(`criteria.${part}`)),
    ...list.map((o) => periodObligationText(o, t)),
    ...(last === undefined ? [] : [t("obligation.lastRecorded", { date: t.date(last) })]),
  ].join("\n");
}

/** The controls-criteria part: the counts on the answer (`full` false), every objective id behind its button. */
function controlsLines(
  timeline: ObligationsTimeline,
  rules: Pick<RuleSet, "objectives">,
  t: Translator,
  full = true,
): string[] {
  const { cycleYears, groups } = timeline.controls;
  const focus = focusPeriod(timeline);
  const lines = [`:arrows_counterclockwise: ${bold(t("msg.audits.controlsTitle", { years: cycleYears }))}`];
  const controls = timeline.obligations.filter((o) => o.kind === "controls");
  const current = controls.find((o) => o.period === undefined || samePeriod(o, focus?.start));
  if (current !== undefined) {
    const year = current.period?.cycleYear ?? 1;
    const group = groups[year - 1] ?? [];
    const remaining = new Set(current.objectiveIds);
    const done = group.filter((id) => !remaining.has(id));
    if (current.period !== undefined) {
      lines.push(
        t("msg.audits.cycle", { index: year, years: cycleYears, range: periodText(current.period, t) }),
      );
    }
    lines.push(obligationLine(current, t));
    if (current.objectiveIds.length > 0) {
      const count = current.objectiveIds.length;
      if (full)
        lines.push(
          bold(t("msg.audits.remaining", { count })),
          objectiveLines(current.objectiveIds, rules, t),
        );
      else lines.push(t("concise.audits.remainingBehind", { count, button: t("concise.caveats.more") }));
    }
    if (done.length > 0 && full)
      lines.push(`${EMOJI.ok} ${t("msg.audits.doneIds", { ids: compactIds(done, t) })}`);
  }
  const earlier = controls.filter((o) => o !== current && o.status !== "done" && o.objectiveIds.length > 0);
  for (const o of earlier) {
    lines.push(
      `${OBLIGATION_EMOJI[o.status]} ${bold(
        t("msg.audits.overdueYear", { year: o.period?.cycleYear ?? 1, count: o.objectiveIds.length }),
      )} — ${obligationDue(o, t)}`,
      ...(full ? [compactIds(o.objectiveIds, t)] : []),
    );
  }
  if (timeline.anchor !== "none" && earlier.every((o) => o.status !== "overdue"))
    lines.push(`${EMOJI.ok} ${t("msg.audits.noOverdue")}`);
  return lines;
}

/** The inferred or unconfirmed mapping of the controls subset's areas onto objectives, which the groups rest on. */
function areaCaveats(rules: Pick<RuleSet, "audits">) {
  const list = new CaveatList();
  for (const area of rules.audits.controlsSubset.areas) list.add(area.id, area, area.label);
  return list.toArray();
}

/**
 * The answer of `/ismap audits`, read from the obligations timeline: a summary naming the items that need
 * attention; per part (governance, management) this period's external audit and an earlier one still open; the
 * controls-criteria group of this period with done/remaining objectives and earlier cycle years' objectives still
 * open; the audit report and the registration's validity; internal-audit coverage with the next objectives to reach
 * their last covered day; the caveats and the footer. With the profile's records it also says when each part was
 * last audited.
 */
export function auditsMessage(
  timeline: ObligationsTimeline,
  ctx: MessageContext,
  /** The profile's records, to say when each part was last audited (as recorded). */
  records?: Records,
): SlackMessage {
  const { t, rules, asOf } = ctx;
  const state = summary(timeline, t);
  const body: KnownBlock[] = [
    header(t("msg.audits.title")),
    ...sections([`${state.emoji} ${bold(state.head)}`, ...state.lines, ...hintLines(timeline, t)].join("\n")),
  ];
  const period = focusPeriod(timeline);
  const ruleOf = (o: Obligation | undefined) => o?.rules[0];

  // Governance and management: every audit period.
  const external = timeline.obligations.find((o) => o.kind === "external");
  body.push(divider(), {
    type: "section",
    text: { type: "mrkdwn", text: `:calendar: ${bold(t("msg.audits.externalTitle"))}` },
    fields: (["governance", "management"] as const).map((part) => ({
      type: "mrkdwn" as const,
      text: partField(timeline, part, records, t),
    })),
  });
  const externalRule = ruleOf(external);
  if (externalRule) body.push(citation(externalRule, rules, t));

  // Controls criteria: the important subset, one group per cycle year.
  body.push(divider(), ...sections(controlsLines(timeline, rules, t, false).join("\n")));
  // Which objectives remain, and those of earlier cycle years, are behind the button.
  const details = sections(controlsLines(timeline, rules, t).join("\n"));
  const controlsRule = ruleOf(timeline.obligations.find((o) => o.kind === "controls"));
  if (controlsRule) body.push(citation(controlsRule, rules, t));

  // The audit report and the registration's validity.
  const deadlines = relevant(timeline, (o) => o.kind === "report" || o.kind === "validity");
  const deadlineLines = deadlines.map((o) => {
    const line = obligationLine(o, t);
    return o.period && o.kind === "report" && !samePeriod(o, period?.start)
      ? withNote(line, t("obligation.periodOf", { range: periodText(o.period, t) }), t)
      : line;
  });
  body.push(
    divider(),
    ...sections([`:page_facing_up: ${bold(t("msg.audits.reportTitle"))}`, ...deadlineLines].join("\n")),
  );
  const reportRule = ruleOf(deadlines[0]);
  if (reportRule) body.push(citation(reportRule, rules, t));

  // Internal audit coverage.
  const coverage = timeline.coverage;
  const internalOpen = timeline.obligations.filter(
    (o) => o.kind === "internal" && (o.status === "overdue" || o.lastDone === undefined),
  );
  body.push(
    divider(),
    ...sections(
      [
        `:mag: ${bold(t("msg.audits.internalTitle", { years: coverage.windowYears }))}`,
        ...coverageLines(timeline, t),
        ...internalOpen.map((o) => obligationLine(o, t)),
      ].join("\n"),
    ),
  );
  const catalogue = objectiveCatalogue(rules);
  const upcoming = nextToCover(coverage);
  const next = upcoming.slice(0, NEXT_TO_LAPSE_SHOWN).map((o) => {
    const objective = catalogue.byId.get(o.id);
    const label = objective ? ` ${escapeMrkdwn(t.pick(objective.label))}` : "";
    const icon = o.status === "expiring" ? EMOJI.soon : "•";
    return `${icon} \`${escapeMrkdwn(o.id)}\`${label} — ${coveredUntilText(o, t)}`;
  });
  const more = upcoming.length - next.length;
  if (more > 0) next.push(`_${t("msg.common.more", { count: more })}_`);
  body.push(
    ...sections(
      next.length > 0
        ? `${bold(t("msg.audits.nextToLapse"))}\n${next.join("\n")}`
        : `${EMOJI.none} ${t("msg.audits.nothingCovered")}`,
    ),
  );
  body.push(citation(coverage.rule, rules, t));

  // The caveats of what this answer shows (the special measure's are left to `/ismap special`).
  const caveats = uniqueCaveats(
    mergeCaveats(
      ...timeline.obligations.map((o) => o.caveats),
      timeline.coverage.caveats,
      areaCaveats(rules),
    ),
    { t, text: blocksText(body) },
  );
  const tail = [
    divider(),
    ...caveatNotice(caveats, t, "audits", "", "concise.caveats.more"),
    footer(rules, asOf, t),
  ];
  return {
    ...compose(`${t("msg.audits.title")}: ${state.head}`, body, tail, t),
    caveats,
    details,
    shared: {
      headline: `${state.emoji} ${state.head}`,
      lines: nextObligations(timeline).map((o) => obligationLine(o, t)),
    },
  };
}
