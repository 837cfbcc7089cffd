import type { KnownBlock } from "@slack/types";
import type { LocalizedText } from "../../../i18n/locale.js";
import type { Translator } from "../../../i18n/translator.js";
import type { Caveat, RuleRef } from "../../../rules/citations.js";
import type { RuleSet } from "../../../rules/schema.js";
import type { Verdict } from "../../../rules/schema-eligibility.js";
import { confidenceMark, context, escapeMrkdwn, sourceLinks, truncate } from "../parts.js";

/** What every message builder returns: blocks for the screen and a plain line for notifications. */
export interface SlackMessage {
  /** Plain fallback for notifications and screen readers; never carries a mention of what a user typed. */
  text: string;
  blocks: KnownBlock[];
  /** The uncertain facts the answer rests on, each once; the answer shows only their count (caveats.ts). */
  caveats?: readonly Caveat[];
  /** Every source the answer rests on, when it names only some of them (listed with the caveats). */
  sources?: readonly string[];
  /** What the answer leaves to its button (background facts, full lists), shown above the caveats. */
  details?: readonly KnownBlock[];
  /** What "share in channel" posts instead of the whole answer: a headline and the key dates (mrkdwn lines). */
  shared?: { headline: string; lines: readonly string[] };
}

/** What every message builder needs besides its data. Builders never read the clock: `asOf` is passed in. */
export interface MessageContext {
  rules: RuleSet;
  t: Translator;
  asOf: Date;
}

/** Slack's limit of blocks per message. */
export const MAX_MESSAGE_BLOCKS = 50;
/** Builders stop one short of Slack's limit so a share button always fits after them. */
export const MESSAGE_BLOCK_BUDGET = MAX_MESSAGE_BLOCKS - 1;
/** Slack's limit for a message's `text`. */
export const MESSAGE_TEXT_MAX = 40_000;

export const EMOJI = {
  ok: ":white_check_mark:",
  soon: ":warning:",
  bad: ":red_circle:",
  none: ":white_circle:",
  info: ":information_source:",
  wait: ":hourglass_flowing_sand:",
  stop: ":no_entry:",
  next: ":arrow_right:",
} as const;

const VERDICT_EMOJI: Record<Verdict, string> = {
  liu_eligible: EMOJI.ok,
  liu_pending_assessment: EMOJI.wait,
  liu_pending_target_list: EMOJI.wait,
  full_ismap_required: EMOJI.next,
  no_listing_required: EMOJI.info,
  outside_ismap: EMOJI.stop,
};

export function verdictEmoji(verdict: Verdict): string {
  return VERDICT_EMOJI[verdict];
}

/** Rules data as mrkdwn: in the reader's language, with `&`, `<` and `>` escaped. */
export function ruleText(text: LocalizedText, t: Translator): string {
  return escapeMrkdwn(t.pick(text));
}

/**
 * Text a person typed (or read back from the store), cut to `max` characters first and then made inert by
 * escapeMrkdwn (no link, mention, broadcast, formatting or bidi override), so no entity is cut in half.
 */
export function userText(text: string, max: number): string {
  return escapeMrkdwn(truncate(text, max));
}

/** One statement with its citation on the same line: `text _(<url|source>)_ [公式ページ]`. */
export function citedLine(
  item: RuleRef & { text: LocalizedText },
  rules: Pick<RuleSet, "sources">,
  t: Translator,
): string {
  return `${ruleText(item.text, t)} _(${sourceLinks(item.sources, rules, t)})_ ${confidenceMark(item.confidence, t)}`;
}

/** "残り12日" / "本日が期限" / "3日超過": how far a due day is from today. */
export function daysLeftText(days: number, t: Translator): string {
  if (days === 0) return t("msg.common.dueToday");
  if (days > 0) return t("date.daysLeft", { count: days });
  return t("msg.common.daysOverdue", { count: -days });
}

/** "2027年1月15日(残り50日)" / "15 Jan 2027 (50 days left)": a text with a note in brackets. */
export function withNote(text: string, note: string, t: Translator): string {
  return t("msg.common.withNote", { text, note });
}

/** "2026年1月1日〜2026年3月31日": two JST days (YYYY-MM-DD or instants). */
export function dateRange(start: Date | string, end: Date | string, t: Translator): string {
  return t("msg.common.dateRange", { start: t.date(start), end: t.date(end) });
}

/** Ids joined compactly, at most `max` of them, then "ほか12件". */
export function compactIds(ids: readonly string[], t: Translator, max = 60): string {
  const shown = ids
    .slice(0, max)
    .map((id) => `\`${escapeMrkdwn(id)}\``)
    .join(" ");
  return ids.length > max ? `${shown} ${t("msg.common.more", { count: ids.length - max })}` : shown;
}

/** Caveats of several results, once per rule. */
export function mergeCaveats(...lists: readonly (readonly Caveat[] | undefined)[]): Caveat[] {
  const byId = new Map<string, Caveat>();
  for (const list of lists) for (const c of list ?? []) if (!byId.has(c.ruleId)) byId.set(c.ruleId, c);
  return [...byId.values()];
}

/**
 * A context line naming the sources of several statements, without a single confidence mark; at most `max` of
 * them, then "ほか2件" (the caveats button's list names them all).
 */
export function sourcesContext(
  sourceIds: readonly string[],
  rules: Pick<RuleSet, "sources">,
  t: Translator,
  max = Number.POSITIVE_INFINITY,
): KnownBlock {
  const unique = [...new Set(sourceIds)];
  const list = sourceLinks(unique.slice(0, max), rules, t);
  const more = unique.length > max ? ` ${t("msg.common.more", { count: unique.length - max })}` : "";
  return context(t("common.sources", { list: `${list}${more}` }));
}

/** A bold heading line for a section: `*text*`. */
export function bold(text: string): string {
  return `*${text}*`;
}

/**
 * Puts a message together: the body, then the tail (caveats, footer) which is always kept. When the whole would pass
 * the block budget, the body is cut and a note says that items were left out.
 */
export function compose(
  text: string,
  body: readonly KnownBlock[],
  tail: readonly KnownBlock[],
  t: Translator,
  budget = MESSAGE_BLOCK_BUDGET,
): SlackMessage {
  let blocks: KnownBlock[] = [...body, ...tail];
  if (blocks.length > budget) {
    const keepTail = tail.slice(-Math.max(1, budget - 2));
    const room = Math.max(0, budget - keepTail.length - 1);
    blocks = [...body.slice(0, room), context(t("msg.common.truncated")), ...keepTail];
  }
  return { text: truncate(text, MESSAGE_TEXT_MAX), blocks };
}
