import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import { lastDayBefore } from "../../../lib/time.js";
import type { RuleSet } from "../../../rules/schema.js";
import type {
  ReliefStatus,
  SpecialMeasureAcceptance,
  SpecialMeasureStatus,
} from "../../../rules/special-measure.js";
import { citation, confidenceMark, divider, footer, header, sections } from "../parts.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  citedLine,
  compose,
  EMOJI,
  type MessageContext,
  ruleText,
  type SlackMessage,
  withNote,
} from "./common.js";

export const ACCEPTANCE_EMOJI: Record<SpecialMeasureAcceptance, string> = {
  not_yet_in_force: EMOJI.wait,
  accepting: ":large_green_circle:",
  closed: EMOJI.stop,
};

export const RELIEF_EMOJI: Record<ReliefStatus, string> = {
  available: EMOJI.ok,
  used: ":ballot_box_with_check:",
  unknown: ":grey_question:",
  not_applicable: ":heavy_minus_sign:",
};

export function reliefLabel(status: ReliefStatus, t: Translator): string {
  return status === "not_applicable"
    ? t("msg.special.reliefNotApplicable")
    : t(`specialMeasure.relief.${status}`);
}

/** The last JST day before an exclusive deadline instant (2025-04-01T00:00+09:00 → 2025年3月31日). */
export function lastDayShown(deadline: string, t: Translator): string {
  return t.date(lastDayBefore(deadline));
}

/** One line on where acceptance stands: "2025年4月1日以降、新たな受付は終了しています。" */
export function acceptanceLine(status: SpecialMeasureStatus, t: Translator): string {
  if (status.acceptance === "closed") {
    return t("msg.special.closedSince", { date: t.date(new Date(status.closedSince ?? status.deadline)) });
  }
  if (status.acceptance === "accepting") {
    const line = t("msg.special.accepting", { date: lastDayShown(status.deadline, t) });
    return status.daysLeft === undefined
      ? line
      : withNote(line, t("date.daysLeft", { count: status.daysLeft }), t);
  }
  return t("msg.special.notYet", { date: t.date(new Date(status.inForceFrom)) });
}

/** The team's standing: listed or not, the pre-application, the reliefs. */
export function teamLines(status: SpecialMeasureStatus, t: Translator): string[] {
  const team = status.team;
  const lines = [
    team.listed
      ? `${EMOJI.ok} ${team.listedOn ? t("msg.special.listedOn", { date: t.date(team.listedOn) }) : t("msg.special.listed")}`
      : `${EMOJI.none} ${t("msg.special.notListed")}`,
  ];
  if (team.preApplicationSubmittedOn) {
    const when = team.submittedBeforeDeadline
      ? "msg.special.preApplicationBefore"
      : "msg.special.preApplicationAfter";
    lines.push(
      `:page_facing_up: ${withNote(t("msg.special.preApplication", { date: t.date(team.preApplicationSubmittedOn) }), t(when), t)}`,
    );
  } else {
    lines.push(`:page_facing_up: ${t("msg.special.preApplicationNone")}`);
  }
  return lines;
}

function periodEndText(rules: Pick<RuleSet, "specialMeasure">, t: Translator): string {
  const end = rules.specialMeasure.periodEnd;
  const date =
    end.at === null
      ? t("msg.special.unpublished")
      : t("msg.special.deadlineValue", { date: lastDayShown(end.at, t) });
  return `${date} ${confidenceMark(end.confidence, t)}`;
}

/**
 * The answer of `/ismap special`: whether the measure accepts services (for any day from 2025-04-01 JST: closed since
 * 2025年4月1日), its dates, the team's standing and reliefs, the benefits and facts with citations, caveats, footer.
 */
export function specialMessage(status: SpecialMeasureStatus, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const measure = rules.specialMeasure;
  const name = t.pick(measure.name);
  const acceptance = t(`specialMeasure.acceptance.${status.acceptance}`);
  const line = acceptanceLine(status, t);

  const body: KnownBlock[] = [header(name)];
  body.push({
    type: "section",
    text: { type: "mrkdwn", text: `${ACCEPTANCE_EMOJI[status.acceptance]} ${bold(acceptance)}\n${line}` },
    fields: [
      { type: "mrkdwn", text: `${bold(t("msg.special.inForce"))}\n${t.date(new Date(status.inForceFrom))}` },
      {
        type: "mrkdwn",
        text: `${bold(t("msg.special.deadline"))}\n${t("msg.special.deadlineValue", { date: lastDayShown(status.deadline, t) })}`,
      },
      { type: "mrkdwn", text: `${bold(t("msg.special.periodEnd"))}\n${periodEndText(rules, t)}` },
    ],
  });
  const stateFact =
    status.facts.find((f) => f.ruleId === measure.acceptanceClosed.id && status.acceptance === "closed") ??
    status.facts.find((f) => f.ruleId === measure.deadline.id);
  if (stateFact) body.push(citation(stateFact, rules, t));

  body.push(divider());
  const team = [`:office: ${bold(t("msg.special.teamTitle"))}`, ...teamLines(status, t)];
  if (status.team.reliefs.length > 0) {
    team.push(`_${t("msg.special.reliefsTitle")}_`);
    for (const relief of status.team.reliefs) {
      team.push(
        `• ${RELIEF_EMOJI[relief.status]} ${bold(reliefLabel(relief.status, t))} — ${citedLine(relief, rules, t)}`,
      );
    }
  }
  body.push(...sections(team.join("\n")));

  if (status.benefits.length > 0) {
    body.push(divider());
    const lines = status.benefits.map((b) => `• ${citedLine(b, rules, t)}`);
    body.push(...sections(`:gift: ${bold(t("msg.special.benefitsTitle"))}\n${lines.join("\n")}`));
  }
  // The background facts are behind the button, with the caveats not standing in them.
  const details =
    status.facts.length > 0
      ? sections(
          `:books: ${bold(t("msg.special.factsTitle"))}\n${status.facts.map((f) => `• ${citedLine(f, rules, t)}`).join("\n")}`,
        )
      : [];
  const caveats = uniqueCaveats(status.caveats, { t, text: blocksText(body) });
  const tail = [
    divider(),
    ...caveatNotice(
      caveats,
      t,
      "special",
      "",
      details.length > 0 ? "concise.caveats.more" : "concise.caveats.open",
    ),
    footer(rules, asOf, t),
  ];
  return {
    ...compose(`${ruleText(measure.name, t)}: ${line}`, body, tail, t),
    caveats,
    details,
    shared: {
      headline: `${ACCEPTANCE_EMOJI[status.acceptance]} ${name}: ${acceptance}`,
      lines: [line, ...teamLines(status, t).slice(0, 1)],
    },
  };
}
