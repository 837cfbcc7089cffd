import type { KnownBlock } from "@slack/types";
import type { EligibilityResult } from "../../../rules/eligibility.js";
import { caveatBlocks, citation, context, divider, footer, header, section, sections } from "../parts.js";
import {
  bold,
  citedLine,
  compose,
  type MessageContext,
  ruleText,
  type SlackMessage,
  verdictEmoji,
} from "./common.js";

/**
 * The answer of `/ismap check`: the verdict as a headline with the deciding rule and its citation, the facts it
 * rests on, the next steps, the self-check estimate (labelled as such) when there is one, the caveats and the footer.
 */
export function verdictMessage(result: EligibilityResult, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const label = t(`verdict.${result.verdict}`);
  const [deciding, ...others] = result.reasons;
  const body: KnownBlock[] = [header(t("msg.verdict.title"))];

  const headline = `${verdictEmoji(result.verdict)} ${bold(label)}`;
  body.push(section(deciding ? `${headline}\n${ruleText(deciding.text, t)}` : headline));
  if (deciding) body.push(citation(deciding, rules, t));

  if (others.length > 0) {
    body.push(divider());
    const lines = others.map((r) => `• ${citedLine(r, rules, t)}`);
    body.push(...sections(`${bold(t("msg.verdict.reasons"))}\n${lines.join("\n")}`));
  }

  if (result.nextSteps.length > 0) {
    body.push(divider());
    const lines = result.nextSteps.map((s, i) => `${i + 1}. ${citedLine(s, rules, t)}`);
    body.push(...sections(`:footprints: ${bold(t("msg.verdict.nextSteps"))}\n${lines.join("\n")}`));
  }

  const estimate = result.estimate;
  if (estimate) {
    body.push(divider());
    const lines = [
      `:bar_chart: ${bold(t("msg.verdict.estimateTitle"))}`,
      t(`msg.verdict.estimate.${estimate.suggests}`),
    ];
    if (estimate.signals.length > 0) {
      lines.push(
        `_${t("msg.verdict.signals")}_`,
        ...estimate.signals.map((s) => `• ${citedLine(s, rules, t)}`),
      );
    }
    body.push(...sections(lines.join("\n")));
    body.push(context(`:information_source: ${ruleText(estimate.disclaimer, t)}`));
  }

  if (result.rulesVersion !== rules.meta.version) {
    body.push(context(t("msg.verdict.rulesChanged", { version: result.rulesVersion })));
  }

  const tail = [...caveatBlocks(result.caveats, rules, t), footer(rules, asOf, t)];
  if (tail.length > 1) tail.unshift(divider());
  return compose(`${t("msg.verdict.title")}: ${label}`, body, tail, t);
}
