/**
 * The answer to a question about the team's own state in the assistant panel ("what do we owe this month",
 * "which objectives lapse before March", "when does our registration expire", "when is our next audit"): the
 * matching part of the obligations timeline, with the rules it rests on and their caveats. Every date and day
 * count is the timeline's own; the only thing decided here is which entries fall within the span asked about.
 */
import type { KnownBlock } from "@slack/types";
import type { RuleRef } from "../../../rules/citations.js";
import type { Obligation, ObligationsTimeline } from "../../../rules/timeline.js";
import type { TeamIntent, TeamRange } from "../../assistant/team-intent.js";
import { citation, context, divider, footer, header, section } from "../parts.js";
import { QUESTION_ECHO_MAX } from "./ask.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  compose,
  EMOJI,
  type MessageContext,
  mergeCaveats,
  type SlackMessage,
  userText,
} from "./common.js";
import { coveredUntilText, hintLines, keyObligations, nextToCover, obligationLine } from "./timeline.js";

/** How many obligations or objectives one answer lists before "and N more". */
export const TEAM_ITEMS_SHOWN = 12;

/** The open obligations due on or before the range's last day, overdue ones included, in the timeline's order. */
export function dueWithin(timeline: ObligationsTimeline, range: TeamRange): Obligation[] {
  return timeline.obligations.filter(
    (o) => o.status !== "done" && o.dueOn !== undefined && o.dueOn <= range.until,
  );
}

/** The objectives whose coverage ends on or before the range's last day, soonest first (the timeline's order). */
export function lapsingWithin(timeline: ObligationsTimeline, range: TeamRange) {
  return nextToCover(timeline.coverage).filter(
    (o) => o.coveredUntil !== undefined && o.coveredUntil <= range.until,
  );
}

/** The next external audit still open: the first one in the timeline's order. */
export function nextExternalAudit(timeline: ObligationsTimeline): Obligation | undefined {
  return timeline.obligations.find(
    (o) => (o.kind === "external" || o.kind === "controls") && o.status !== "done",
  );
}

/** What the team does next about one obligation (the timeline's own next action), if anything. */
function nextActionLine(o: Obligation | undefined, t: MessageContext["t"]): string[] {
  if (!o || o.next === "nothing" || o.status === "done") return [];
  return [`${EMOJI.next} ${t("obligation.nextAction", { action: t(`obligation.next.${o.next}`) })}`];
}

function rangeText(range: TeamRange, ctx: MessageContext): string {
  const date = ctx.t.date(range.until);
  return ctx.t(`assistant.team.range.${range.kind}`, { date, days: "days" in range ? range.days : 0 });
}

function moreLine(total: number, ctx: MessageContext): string[] {
  return total > TEAM_ITEMS_SHOWN
    ? [`_${ctx.t("assistant.team.more", { count: total - TEAM_ITEMS_SHOWN })}_`]
    : [];
}

/** The rules behind the shown obligations, once each (the first few, as citations). */
function citationsOf(obligations: readonly Obligation[], ctx: MessageContext): KnownBlock[] {
  const seen = new Map<string, RuleRef>();
  for (const o of obligations) for (const r of o.rules) if (!seen.has(r.ruleId)) seen.set(r.ruleId, r);
  return [...seen.values()].slice(0, 3).map((ref) => citation(ref, ctx.rules, ctx.t));
}

export function teamStateMessage(
  intent: TeamIntent,
  timeline: ObligationsTimeline,
  question: string,
  ctx: MessageContext,
): SlackMessage {
  const { t } = ctx;
  const echo = userText(question.replace(/\s+/g, " ").trim(), QUESTION_ECHO_MAX);
  const body: KnownBlock[] = [
    header(t("assistant.team.title")),
    context(`:speech_balloon: ${t("msg.ask.question", { question: echo || "—" })}`),
  ];
  let text: string;
  let shown: Obligation[] = [];
  let caveats = [...timeline.caveats];

  switch (intent.kind) {
    case "due": {
      const due = dueWithin(timeline, intent.range);
      shown = due.slice(0, TEAM_ITEMS_SHOWN);
      const heading = bold(
        t("assistant.team.dueHeading", { range: rangeText(intent.range, ctx), count: due.length }),
      );
      const lines =
        due.length === 0 ? [t("assistant.team.nothingDue")] : shown.map((o) => obligationLine(o, t));
      const overdue = due.filter((o) => o.status === "overdue").length;
      if (overdue > 0) lines.unshift(`_${t("assistant.team.overdue", { count: overdue })}_`);
      body.push(section([heading, ...lines, ...moreLine(due.length, ctx)].join("\n")));
      text = t("assistant.team.dueHeading", { range: rangeText(intent.range, ctx), count: due.length });
      caveats = mergeCaveats(...shown.map((o) => o.caveats));
      break;
    }
    case "lapse": {
      const lapsing = lapsingWithin(timeline, intent.range);
      const heading = bold(
        t("assistant.team.lapseHeading", { range: rangeText(intent.range, ctx), count: lapsing.length }),
      );
      const lines =
        lapsing.length === 0
          ? [t("assistant.team.nothingLapses")]
          : lapsing.slice(0, TEAM_ITEMS_SHOWN).map((o) => `• ${o.id} — ${coveredUntilText(o, t)}`);
      const lapsed = timeline.coverage.counts.lapsed + timeline.coverage.counts.never;
      const notCovered = lapsed > 0 ? [`_${t("assistant.team.notCovered", { count: lapsed })}_`] : [];
      body.push(section([heading, ...lines, ...moreLine(lapsing.length, ctx), ...notCovered].join("\n")));
      body.push(citation(timeline.coverage.rule, ctx.rules, t));
      text = t("assistant.team.lapseHeading", { range: rangeText(intent.range, ctx), count: lapsing.length });
      caveats = mergeCaveats(timeline.coverage.caveats);
      break;
    }
    case "registration": {
      const { validity } = keyObligations(timeline);
      shown = validity ? [validity] : [];
      const line = validity ? obligationLine(validity, t) : t("assistant.team.noRegistration");
      body.push(
        section(
          [bold(t("assistant.team.registrationHeading")), line, ...nextActionLine(validity, t)].join("\n"),
        ),
      );
      text = validity ? obligationLine(validity, t) : t("assistant.team.noRegistration");
      caveats = mergeCaveats(...shown.map((o) => o.caveats));
      break;
    }
    case "next_audit": {
      const next = nextExternalAudit(timeline);
      shown = next ? [next] : [];
      const line = next ? obligationLine(next, t) : t("assistant.team.noAudit");
      body.push(
        section([bold(t("assistant.team.nextAuditHeading")), line, ...nextActionLine(next, t)].join("\n")),
      );
      text = line;
      caveats = mergeCaveats(...shown.map((o) => o.caveats));
      break;
    }
  }
  body.push(...citationsOf(shown, ctx));
  const hints = hintLines(timeline, t);
  if (hints.length > 0) body.push(context(hints.join("\n")));
  // Caveats once (as every answer): a line counting them, and a button that rebuilds this answer's list.
  const unique = uniqueCaveats(caveats, { t, text: blocksText(body) });
  const tail = [divider(), ...caveatNotice(unique, t, "team", question), footer(ctx.rules, ctx.asOf, t)];
  return { ...compose(text, body, tail, t), caveats: unique };
}
