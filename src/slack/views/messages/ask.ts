import type { KnownBlock } from "@slack/types";
import type { Caveat } from "../../../rules/citations.js";
import { isUncertain } from "../../../rules/citations.js";
import type { RulesEngine } from "../../../rules/engine.js";
import type { FaqMatch } from "../../../rules/faq.js";
import { citation, context, divider, escapeMrkdwn, footer, header, section, truncate } from "../parts.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import { bold, compose, type MessageContext, ruleText, type SlackMessage, userText } from "./common.js";

export type AskAnswer = ReturnType<RulesEngine["answerQuestion"]>;

/** How much of the question is echoed back. */
export const QUESTION_ECHO_MAX = 200;
/** Related topics shown under a confident answer. */
export const RELATED_SHOWN = 2;

/** The caveat of an answer that rests on an uncertain fact: the FAQ entry's note, else what the mark means. */
function caveatOf(match: FaqMatch, ctx: MessageContext): Caveat[] {
  if (!isUncertain(match.ref.confidence)) return [];
  const entry = ctx.rules.faq.entries.find((e) => e.id === match.id);
  const hint = ctx.t(`confidence.hint.${match.ref.confidence}`);
  return [{ ...match.ref, text: entry?.note ?? { ja: hint, en: hint } }];
}

/**
 * The answer of `/ismap ask`: the question echoed (escaped, shortened), then the best FAQ answer with its topic,
 * citation and confidence mark and up to two related topics; or, when no answer is confident, an honest "not sure"
 * with the closest topics and a hint to rephrase or see `/ismap help`.
 */
export function askMessage(answer: AskAnswer, question: string, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const echo = userText(question.replace(/\s+/g, " ").trim(), QUESTION_ECHO_MAX);
  const body: KnownBlock[] = [
    header(t("msg.ask.title")),
    context(`:speech_balloon: ${t("msg.ask.question", { question: echo || "—" })}`),
  ];
  const best = answer.matches[0];
  let text: string;
  let caveats: Caveat[] = [];

  if (answer.confident && best) {
    body.push(section(`:bulb: ${bold(ruleText(best.topic, t))}\n${ruleText(best.answer, t)}`));
    body.push(citation(best.ref, rules, t));
    caveats = caveatOf(best, ctx);
    const related = answer.matches.slice(1, 1 + RELATED_SHOWN);
    if (related.length > 0) {
      const lines = related.map((m) => `• ${ruleText(m.topic, t)}`);
      body.push(context(`${bold(t("msg.ask.related"))}\n${lines.join("\n")}`));
    }
    text = `${ruleText(best.topic, t)}: ${escapeMrkdwn(truncate(t.pick(best.answer), 300))}`;
  } else {
    const lines = [`:thinking_face: ${bold(t("msg.ask.notConfident"))}`];
    if (answer.closestTopics.length > 0) {
      lines.push(
        `_${t("msg.ask.closest")}_`,
        ...answer.closestTopics.map((topic) => `• ${ruleText(topic, t)}`),
      );
    }
    lines.push(t("msg.ask.rephrase"));
    body.push(section(lines.join("\n")));
    text = t("msg.ask.notConfident");
  }

  const listed = uniqueCaveats(caveats, { t, text: blocksText(body) });
  const tail = [divider(), ...caveatNotice(listed, t, "ask", question), footer(rules, asOf, t)];
  return {
    ...compose(text, body, tail, t),
    caveats: listed,
    shared: { headline: t("msg.ask.title"), lines: [t("msg.ask.question", { question: echo || "—" }), text] },
  };
}
