import type { KnownBlock } from "@slack/types";
import { GLOSSARY } from "../../../i18n/glossary.js";
import type { Locale, MessageKey, Translator } from "../../../i18n/translator.js";
import { PROFILE_ACTIONS, REMIND_ACTIONS, SUBCOMMANDS } from "../../contract/command-parser.js";
import { context, divider, escapeMrkdwn, footer, header, section, sections } from "../parts.js";
import { compose, type MessageContext, type SlackMessage, userText } from "./common.js";

/** The command a person types, as help shows it. */
export const COMMAND = "/ismap";

interface HelpEntry {
  /** Every way to type it; the first in the reader's language leads. */
  words: readonly string[];
  /** What follows the words, e.g. `<質問>`. */
  arg?: string;
  description: MessageKey;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Variants of product terms no screen uses, in either language. */
const RETIRED = [...GLOSSARY.ja, ...GLOSSARY.en].flatMap((term) => term.forbidden);

/** The word of a list in the reader's language (Japanese script for ja, Latin for en), else the first. */
function wordFor(words: readonly string[], locale: Locale): string {
  const found = words.find((w) => JAPANESE.test(w) === (locale === "ja"));
  return found ?? words[0] ?? "";
}

/** A subcommand's words with the reader's language first. */
function ordered(words: readonly string[], locale: Locale): string[] {
  const lead = wordFor(words, locale);
  return [lead, ...words.filter((w) => w !== lead)];
}

/** `profile show` and `プロファイル 表示`: the two languages' words, reader's first. */
function profileWords(action: keyof typeof PROFILE_ACTIONS, locale: Locale): string[] {
  const other: Locale = locale === "ja" ? "en" : "ja";
  return [locale, other].map(
    (l) => `${wordFor(SUBCOMMANDS.profile, l)} ${wordFor(PROFILE_ACTIONS[action], l)}`,
  );
}

function entries(t: Translator): HelpEntry[] {
  const l = t.locale;
  return [
    { words: ordered(SUBCOMMANDS.help, l), description: "msg.help.cmd.help" },
    { words: ordered(SUBCOMMANDS.check, l), description: "msg.help.cmd.check" },
    { words: ordered(SUBCOMMANDS.audits, l), description: "msg.help.cmd.audits" },
    { words: ordered(SUBCOMMANDS.special, l), description: "msg.help.cmd.special" },
    {
      words: [...ordered(SUBCOMMANDS.profile, l), ...profileWords("edit", l)],
      description: "msg.help.cmd.profileEdit",
    },
    { words: profileWords("show", l), description: "msg.help.cmd.profileShow" },
    { words: profileWords("history", l), description: "msg.help.cmd.profileHistory" },
    { words: ordered(SUBCOMMANDS.record, l), description: "msg.help.cmd.record" },
    { words: ordered(SUBCOMMANDS.plan, l), description: "msg.help.cmd.plan" },
    { words: ordered(SUBCOMMANDS.status, l), description: "msg.help.cmd.status" },
    {
      words: ordered(SUBCOMMANDS.ask, l),
      arg: `<${t("msg.help.argQuestion")}>`,
      description: "msg.help.cmd.ask",
    },
    { words: ordered(SUBCOMMANDS.remind, l), description: "msg.help.cmd.remind" },
    {
      // The reader's language first, like every other row.
      words: (l === "ja" ? (["ja", "en"] as const) : (["en", "ja"] as const)).map(
        (x) => `${wordFor(SUBCOMMANDS.remind, x)} ${wordFor(REMIND_ACTIONS.list, x)}`,
      ),
      description: "msg.help.cmd.remindList",
    },
    { words: ordered(SUBCOMMANDS.lang, l), arg: "ja|en", description: "msg.help.cmd.lang" },
    { words: ordered(SUBCOMMANDS.export, l), description: "records.help.export" },
    { words: ordered(SUBCOMMANDS.import, l), description: "records.help.import" },
    { words: ordered(SUBCOMMANDS.about, l), description: "msg.help.cmd.about" },
  ];
}

function entryLine(entry: HelpEntry, t: Translator): string {
  const [lead = "", ...all] = entry.words;
  // Words the parser still accepts but the glossary retired (プロフィール) are not taught.
  const aliases = all.filter((w) => !RETIRED.some((variant) => w.includes(variant)));
  const arg = entry.arg ? ` ${escapeMrkdwn(entry.arg)}` : "";
  const line = `• *\`${COMMAND} ${escapeMrkdwn(lead)}${arg}\`* — ${t(entry.description)}`;
  if (aliases.length === 0) return line;
  const list = aliases.map((w) => `\`${escapeMrkdwn(w)}\``).join(" ");
  return `${line} _(${t("msg.help.aliases", { list })})_`;
}

/**
 * Every `/ismap` subcommand with its Japanese and English words and a line on what it does. With `unknownWord`
 * (what the person typed, shown escaped), it starts by saying that command does not exist.
 */
export function helpMessage(ctx: MessageContext, options: { unknownWord?: string } = {}): SlackMessage {
  const { t, rules, asOf } = ctx;
  const body: KnownBlock[] = [];
  let text = t("msg.help.title");
  if (options.unknownWord !== undefined) {
    const notice = t("errors.unknownCommand", {
      command: userText(options.unknownWord, 40),
      help: `${COMMAND} help`,
    });
    body.push(section(`:question: ${notice}`), divider());
    text = `${notice} ${text}`;
  }
  body.push(header(t("msg.help.title")), section(t("msg.help.intro")));
  body.push(
    ...sections(
      entries(t)
        .map((e) => entryLine(e, t))
        .join("\n"),
    ),
  );
  body.push(context(`:bulb: ${t("msg.help.tip")}`));
  return compose(text, body, [footer(rules, asOf, t)], t);
}
