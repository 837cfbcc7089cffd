/**
 * Caveats once (issue 13): an answer carries one deduplicated list of the uncertain facts it rests on, shows a single
 * line counting them with a button, and the button shows the list (rebuilt afresh by the caveats listener).
 */
import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import type { Caveat } from "../../../rules/citations.js";
import type { ShareCommand } from "../../contract/ids.js";
import { ACTION } from "../../contract/ids.js";
import {
  caveatBlocks,
  caveatLines,
  escapeMrkdwn,
  footer,
  header,
  section,
  sections,
  truncate,
} from "../parts.js";
import { readTexts } from "./budget.js";
import { type MessageContext, type SlackMessage, sourcesContext } from "./common.js";
import { commandValue } from "./share.js";

/** What the caveats button rebuilds: a read-only answer, the verdict of given answers (args: VerdictArgs JSON), App Home, a reminder (args: the obligation id), the Monday digest or a team-state answer of the assistant (args: the question). */
export type CaveatCommand = ShareCommand | "verdict" | "home" | "obligation" | "digest" | "team";

/**
 * The caveats of an answer, each once: the first of each rule id and of each text (two rules may say the same
 * thing), leaving out those whose text already stands in the answer (`shownText`, in the reader's language).
 */
export function uniqueCaveats(caveats: readonly Caveat[], shown?: { t: Translator; text: string }): Caveat[] {
  const ids = new Set<string>();
  const texts = new Set<string>();
  const out: Caveat[] = [];
  for (const c of caveats) {
    const key = `${c.text.ja}\u0000${c.text.en}`;
    if (ids.has(c.ruleId) || texts.has(key)) continue;
    ids.add(c.ruleId);
    texts.add(key);
    if (shown?.text.includes(escapeMrkdwn(shown.t.pick(c.text)))) continue;
    out.push(c);
  }
  return out;
}

/** The mrkdwn a person reads in blocks, joined: what uniqueCaveats looks for a caveat's text in. */
export function blocksText(blocks: readonly KnownBlock[]): string {
  return readTexts(blocks).join("\n");
}

/**
 * The single line an answer shows for its caveats: "この回答には、まだ確定していない点が3つあります。" with a
 * button that shows them; nothing when there are none.
 */
export function caveatNotice(
  caveats: readonly Caveat[],
  t: Translator,
  cmd: CaveatCommand,
  args = "",
  buttonKey:
    | "concise.caveats.open"
    | "concise.caveats.details"
    | "concise.caveats.more" = "concise.caveats.open",
): KnownBlock[] {
  if (caveats.length === 0 && buttonKey === "concise.caveats.open") return [];
  const line =
    caveats.length === 0
      ? t("concise.caveats.none")
      : t("concise.caveats.summary", { count: caveats.length });
  return [
    {
      type: "section",
      text: { type: "mrkdwn", text: `:warning: ${line}` },
      accessory: {
        type: "button",
        action_id: ACTION.showCaveats,
        text: { type: "plain_text", text: truncate(t(buttonKey), 75), emoji: true },
        value: commandValue(cmd, args),
      },
    },
  ];
}

/** The list the button shows: every caveat of the answer with its mark and sources, then the footer. */
export function caveatListMessage(
  caveats: readonly Caveat[],
  ctx: MessageContext,
  sources: readonly string[] = [],
  details: readonly KnownBlock[] = [],
): SlackMessage {
  const { t, rules, asOf } = ctx;
  // A caveat already standing in the details is not listed again below them; without details the header says
  // what the list is, so it needs no title of its own.
  const rest = uniqueCaveats(caveats, { t, text: blocksText(details) });
  const list =
    details.length > 0
      ? caveatBlocks(rest, rules, t)
      : rest.length > 0
        ? sections(caveatLines(rest, rules, t).join("\n"))
        : [];
  return {
    text: t("concise.caveats.title"),
    blocks: [
      header(t(details.length > 0 ? "concise.caveats.moreTitle" : "concise.caveats.title")),
      ...details,
      ...(list.length > 0 ? list : details.length > 0 ? [] : [section(t("concise.caveats.none"))]),
      ...(sources.length > 0 ? [sourcesContext(sources, rules, t)] : []),
      footer(rules, asOf, t),
    ],
  };
}
