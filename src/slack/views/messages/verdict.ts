import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import { type Caveat, isUncertain } from "../../../rules/citations.js";
import type { EligibilityResult } from "../../../rules/eligibility.js";
import type { EligibilityAnswers } from "../../../rules/service-profile.js";
import {
  caveatBlocks,
  citation,
  confidenceMark,
  context,
  divider,
  footer,
  header,
  section,
  sections,
} from "../parts.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  citedLine,
  compose,
  type MessageContext,
  ruleText,
  type SlackMessage,
  verdictEmoji,
} from "./common.js";

/** The caveats button's arguments for a verdict: the answers and the instant they were checked at. */
export function verdictArgs(answers: EligibilityAnswers, result: EligibilityResult): string {
  return JSON.stringify({ answers, asOf: result.asOf });
}

/** A statement as the short verdict shows it: its text, and its confidence mark only when it is uncertain. */
function plainLine(item: EligibilityResult["reasons"][number], t: Translator): string {
  const text = ruleText(item.text, t);
  return isUncertain(item.confidence) ? `${text} ${confidenceMark(item.confidence, t)}` : text;
}

/**
 * The verdict on one screen (the message and the result modal): the deciding rule with its citation, the next
 * steps (marked where uncertain), the self-check estimate in one line, and one line counting the other
 * unconfirmed points with a button that shows the full reasons, sources and caveats (verdictDetailMessage).
 */
export function verdictBlocks(
  result: EligibilityResult,
  ctx: MessageContext,
  answers: EligibilityAnswers,
): { blocks: KnownBlock[]; caveats: Caveat[] } {
  const { t, rules } = ctx;
  const [deciding] = result.reasons;
  const blocks: KnownBlock[] = [];
  if (deciding) blocks.push(section(ruleText(deciding.text, t)), citation(deciding, rules, t));
  if (result.nextSteps.length > 0) {
    const lines = result.nextSteps.map((s, i) => `${i + 1}. ${plainLine(s, t)}`);
    blocks.push(...sections(`:footprints: ${bold(t("msg.verdict.nextSteps"))}\n${lines.join("\n")}`));
  }
  if (result.estimate) {
    blocks.push(
      context(
        `:bar_chart: ${bold(t("msg.verdict.estimateTitle"))}: ${t(`msg.verdict.estimate.${result.estimate.suggests}`)}`,
      ),
    );
  }
  const caveats = uniqueCaveats(result.caveats, { t, text: blocksText(blocks) });
  blocks.push(
    ...caveatNotice(caveats, t, "verdict", verdictArgs(answers, result), "concise.caveats.details"),
  );
  return { blocks, caveats };
}

/**
 * The answer of `/ismap check` as a message: the verdict as a headline, then verdictBlocks and the footer.
 */
export function verdictMessage(
  result: EligibilityResult,
  ctx: MessageContext,
  answers: EligibilityAnswers = {},
): SlackMessage {
  const { t, rules, asOf } = ctx;
  const label = t(`verdict.${result.verdict}`);
  const { blocks, caveats } = verdictBlocks(result, ctx, answers);
  const body: KnownBlock[] = [
    header(t("msg.verdict.title")),
    section(`${verdictEmoji(result.verdict)} ${bold(label)}`),
    ...blocks,
  ];
  if (result.rulesVersion !== rules.meta.version) {
    body.push(context(t("msg.verdict.rulesChanged", { version: result.rulesVersion })));
  }
  return { ...compose(`${t("msg.verdict.title")}: ${label}`, body, [footer(rules, asOf, t)], t), caveats };
}

/**
 * Behind the verdict's button: every reason and next step with its sources and confidence, the estimate with its
 * signals and disclaimer, then the caveats not already standing above, each once.
 */
export function verdictDetailMessage(result: EligibilityResult, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const label = t(`verdict.${result.verdict}`);
  const body: KnownBlock[] = [
    header(t("concise.caveats.detailsTitle")),
    section(`${verdictEmoji(result.verdict)} ${bold(label)}`),
  ];
  if (result.reasons.length > 0) {
    const lines = result.reasons.map((r) => `• ${citedLine(r, rules, t)}`);
    body.push(...sections(`${bold(t("msg.verdict.reasons"))}\n${lines.join("\n")}`));
  }
  if (result.nextSteps.length > 0) {
    const lines = result.nextSteps.map((s, i) => `${i + 1}. ${citedLine(s, rules, t)}`);
    body.push(...sections(`:footprints: ${bold(t("msg.verdict.nextSteps"))}\n${lines.join("\n")}`));
  }
  const estimate = result.estimate;
  if (estimate) {
    const lines = [
      `:bar_chart: ${bold(t("msg.verdict.estimateTitle"))}`,
      t(`msg.verdict.estimate.${estimate.suggests}`),
      ...estimate.signals.map((s) => `• ${citedLine(s, rules, t)}`),
    ];
    body.push(
      ...sections(lines.join("\n")),
      context(`:information_source: ${ruleText(estimate.disclaimer, t)}`),
    );
  }
  const rest = uniqueCaveats(result.caveats, { t, text: blocksText(body) });
  const tail = [divider(), ...caveatBlocks(rest, rules, t), footer(rules, asOf, t)];
  return { ...compose(label, body, tail, t), caveats: uniqueCaveats(result.caveats) };
}
