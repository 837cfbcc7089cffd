import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../i18n/translator.js";
import type { Caveat, RuleRef } from "../../rules/citations.js";
import type { RuleSet } from "../../rules/schema.js";

/** Slack's section text limit; longer text is split over several sections. */
export const SECTION_TEXT_MAX = 3000;

/** U+2060 WORD JOINER: invisible, and no URL, domain or mention continues across it. */
const WJ = "\u2060";
/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): removed. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** mrkdwn's formatting characters, shown as their full-width forms, which no mrkdwn parser reads as markup. */
const FORMATTING: Record<string, string> = { "*": "\uFF0A", _: "\uFF3F", "~": "\uFF5E", "`": "\uFF40" };

/**
 * Escaped texts by text: the same titles, names and notes from the rules and the store are escaped for every
 * answer. Bounded: short texts only, and emptied when full.
 */
const ESCAPED = new Map<string, string>();
const ESCAPED_MAX = 4096;
const ESCAPED_TEXT_MAX = 1000;

/**
 * Makes text a person typed, or anything read from the store or rules, inert in mrkdwn (README, "Security"):
 * `& < >` escaped (no `<!channel>`, `<@U…>` or `<url|…>`); `*`, `_`, `~` and backticks replaced by their
 * full-width forms; a `>` starting a line (a quote) by `＞`; a word joiner put before the `:` of `scheme://`, before
 * each `.` of a domain name (`evil⁠.example`) and after each `@` and `#`, so Slack's automatic parsing finds no
 * link, e-mail address, `@here`/`@channel`/`@everyone`, `@name` or `#channel`; bidi controls removed. The word
 * joiner is invisible, so the text reads as typed.
 */
export function escapeMrkdwn(text: string): string {
  const known = ESCAPED.get(text);
  if (known !== undefined) return known;
  const escaped = text
    .replace(BIDI_CONTROLS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/(^|\n)([ \t]*)>/g, "$1$2\uFF1E")
    .replace(/>/g, "&gt;")
    .replace(/[*_~`]/g, (c) => FORMATTING[c] ?? c)
    .replace(/([A-Za-z][A-Za-z0-9+.-]*)(?=:\/\/)/g, `$1${WJ}`)
    .replace(/(?<=[A-Za-z0-9-])\.(?=[A-Za-z][A-Za-z0-9-])/g, (dot, at: number, whole: string) =>
      // A detailed control's suffix (9.2.3.11.PB) is no domain: ids stay as people copy them.
      /\d/.test(whole[at - 1] ?? "") && /^\.PB\b/.test(whole.slice(at)) ? dot : `${WJ}.`,
    )
    .replace(/([@#])(?=\S)/g, `$1${WJ}`);
  if (text.length <= ESCAPED_TEXT_MAX) {
    if (ESCAPED.size >= ESCAPED_MAX) ESCAPED.clear();
    ESCAPED.set(text, escaped);
  }
  return escaped;
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

export function header(text: string): KnownBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(text, 150), emoji: true } };
}

export function divider(): KnownBlock {
  return { type: "divider" };
}

/** One or more sections holding mrkdwn text, split at line breaks so none exceeds Slack's limit. */
export function sections(text: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = truncate(line, SECTION_TEXT_MAX);
    if (current && current.length + 1 + piece.length > SECTION_TEXT_MAX) {
      blocks.push(section(current));
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current.trim()) blocks.push(section(current));
  return blocks;
}

export function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, SECTION_TEXT_MAX) } };
}

export function context(...texts: string[]): KnownBlock {
  return {
    type: "context",
    elements: texts
      .slice(0, 10)
      .map((text) => ({ type: "mrkdwn" as const, text: truncate(text, SECTION_TEXT_MAX) })),
  };
}

/**
 * `<url|title>` for each source id, the title in the reader's language (plain title when the source has no URL);
 * unknown ids are shown as is.
 */
export function sourceLinks(
  sourceIds: readonly string[],
  rules: Pick<RuleSet, "sources">,
  t: Translator,
): string {
  const links = [...new Set(sourceIds)].map((id) => {
    const source = rules.sources.sources.find((s) => s.id === id);
    if (!source) return escapeMrkdwn(id);
    const title = escapeMrkdwn(truncate(t.pick(source.title), 80)).replace(/\|/g, "｜");
    return source.url ? `<${source.url}|${title}>` : title;
  });
  return links.join(t("common.listSeparator"));
}

/** "[推定]" style mark for a confidence level. */
export function confidenceMark(confidence: RuleRef["confidence"], t: Translator): string {
  return t("confidence.mark", { mark: t(`confidence.${confidence}`) });
}

/** A context line citing where a statement comes from and how sure we are. */
export function citation(ref: RuleRef, rules: Pick<RuleSet, "sources">, t: Translator): KnownBlock {
  return context(
    `${t("common.sources", { list: sourceLinks(ref.sources, rules, t) })} ${confidenceMark(ref.confidence, t)}`,
  );
}

/** The caveats of an answer: every inferred, to-be-confirmed or conflicting fact it rests on. */
export function caveatBlocks(
  caveats: readonly Caveat[],
  rules: Pick<RuleSet, "sources">,
  t: Translator,
): KnownBlock[] {
  if (caveats.length === 0) return [];
  return sections(
    `:warning: *${t("confidence.caveatsTitle")}*\n${caveatLines(caveats, rules, t).join("\n")}`,
  );
}

/** One line per caveat: its confidence mark, its text and its sources. */
export function caveatLines(
  caveats: readonly Caveat[],
  rules: Pick<RuleSet, "sources">,
  t: Translator,
): string[] {
  return caveats.map(
    (c) =>
      `• ${confidenceMark(c.confidence, t)} ${escapeMrkdwn(t.pick(c.text))} _(${sourceLinks(c.sources, rules, t)})_`,
  );
}

/** The closing context every answer carries: rules version, as-of time and the disclaimer. */
export function footer(rules: Pick<RuleSet, "meta">, asOf: Date, t: Translator): KnownBlock {
  return context(
    `${t("common.rulesVersion", { version: rules.meta.version })} · ${t("common.asOf", { date: t.dateTime(asOf) })}`,
    t.pick(rules.meta.disclaimer),
  );
}
