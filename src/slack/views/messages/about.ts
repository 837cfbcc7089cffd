import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import type { Source } from "../../../rules/schema.js";
import { Confidence } from "../../../rules/schema-base.js";
import { confidenceMark, divider, escapeMrkdwn, footer, header, section, sections } from "../parts.js";
import { bold, compose, type MessageContext, ruleText, type SlackMessage } from "./common.js";

/**
 * A source as the about page lists it: title in the reader's language (linked), publisher and the day we last read
 * it; a source without a URL says why.
 */
export function sourceLine(source: Source, t: Translator): string {
  const title = escapeMrkdwn(t.pick(source.title));
  const linked = source.url ? `<${source.url}|${title.replace(/\|/g, "｜")}>` : title;
  const line = `• ${t("msg.about.source", { title: linked, publisher: escapeMrkdwn(source.publisher), date: t.date(source.seen) })}`;
  return source.noUrlReason ? `${line} _(${ruleText(source.noUrlReason, t)})_` : line;
}

/**
 * `/ismap about`: the rules version and update day, every source (title, publisher, link, day seen), what the
 * confidence marks mean, and that the official documents prevail.
 */
export function aboutMessage(ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const { meta, sources } = rules;
  const body: KnownBlock[] = [
    header(t("msg.about.title")),
    section(`:robot_face: ${bold(t("common.appName"))}\n${t("msg.about.intro")}`),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `${bold(t("msg.about.version"))}\n${escapeMrkdwn(meta.version)}` },
        { type: "mrkdwn", text: `${bold(t("msg.about.updated"))}\n${t.date(meta.updated)}` },
      ],
    },
    divider(),
    ...sections(
      `:books: ${bold(t("msg.about.sourcesTitle"))}\n${sources.sources.map((s) => sourceLine(s, t)).join("\n")}`,
    ),
    divider(),
    ...sections(
      `:label: ${bold(t("msg.about.confidenceTitle"))}\n${Confidence.options
        .map((c) => `• \`${confidenceMark(c, t)}\` ${t(`confidence.hint.${c}`)}`)
        .join("\n")}`,
    ),
    divider(),
    section(`:scales: ${bold(t("msg.about.disclaimerTitle"))}\n${ruleText(meta.disclaimer, t)}`),
  ];
  return compose(`${t("msg.about.title")}: ${t("common.appName")}`, body, [footer(rules, asOf, t)], t);
}
