/**
 * What each `/ismap` subcommand does once acknowledged: an answer (flows/command-answer.ts), a modal, the export,
 * the profile's history, the reminder list or the language setting. Replies go through `reply`, which the listener
 * makes private.
 */
import type { WebClient } from "@slack/web-api";
import { createTranslator } from "../../i18n/translator.js";
import { reminderItemsOf, upcomingOccurrences } from "../../reminders/due.js";
import type { ParsedCommand } from "../contract/command-parser.js";
import { logFailure } from "../runtime/failures.js";
import type { Requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { helpMessage, historyMessage, noticeMessage, type SlackMessage } from "../views/messages/index.js";
import { remindListMessage } from "../views/messages/remind-list.js";
import { answerCommandQuestion, answerQuestionOf } from "./command-answer.js";
import type { ModalKind } from "./open-modal.js";
import { exportFailureText, sendExport } from "./records-export.js";

/** The words `/ismap lang …` accepts, by the language they choose. */
const LANGUAGE_WORDS: Record<string, "ja" | "en"> = {
  ja: "ja",
  japanese: "ja",
  日本語: "ja",
  en: "en",
  english: "en",
  英語: "en",
};

/** The language a word of `/ismap lang …` chooses (any letter case), if it names one. */
export function localeOfWord(word: string): "ja" | "en" | undefined {
  return LANGUAGE_WORDS[word.toLowerCase()];
}

/** Second words of `/ismap export` that share the files in the channel instead of the DM. */
const EXPORT_HERE_WORDS: ReadonlySet<string> = new Set(["channel", "here", "チャンネル", "ここ"]);

/** The channel `/ismap export <word>` shares the files in: the command's own for EXPORT_HERE_WORDS, never a DM. */
export function exportChannelOf(word: string, channelId: string): string | undefined {
  return EXPORT_HERE_WORDS.has(word.toLowerCase()) && !channelId.startsWith("D") ? channelId : undefined;
}

/** The modal a command opens, if it opens one. */
export function modalKindOf(parsed: ParsedCommand): ModalKind | undefined {
  if (parsed.kind !== "subcommand") return undefined;
  if (parsed.name === "check" || parsed.name === "record" || parsed.name === "import") return parsed.name;
  if (parsed.name === "profile" && parsed.action === "edit") return "profile";
  if (parsed.name === "remind" && parsed.action === "settings") return "remind";
  return undefined;
}

export interface Replies {
  /** Answers the person (privately, as the listener sends it). */
  reply: (message: SlackMessage) => Promise<void>;
  client: WebClient;
  /** The channel the command was typed in. */
  channelId: string;
  openModal: (kind: ModalKind) => Promise<void>;
  /** Names the app in a hint: a mention of its bot user, or its name from auth.test. */
  botMention: () => Promise<string>;
}

/** Does what a parsed `/ismap` command asks, for `who`; throws what fails (the listener turns it into a sentence). */
export async function runSubcommand(
  services: Services,
  who: Requester,
  parsed: ParsedCommand,
  replies: Replies,
): Promise<void> {
  const asOf = services.clock();
  const ctx = { rules: services.engine.rules, t: who.t, asOf };
  const { reply } = replies;

  if (parsed.kind === "unknown") return reply(helpMessage(ctx, { unknownWord: parsed.word }));
  const question = answerQuestionOf(parsed);
  if (question) return answerCommandQuestion(services, who, question, asOf, reply);
  switch (parsed.name) {
    case "ask":
      return reply(noticeMessage(who.t("app.askWhat")));
    case "check":
      return replies.openModal("check");
    case "record":
      return replies.openModal("record");
    case "import":
      return replies.openModal("import");
    case "export": {
      // `/ismap export channel` shares the files in the channel the command was typed in; otherwise the DM.
      const channel = exportChannelOf(parsed.args, replies.channelId);
      try {
        await sendExport(services, replies.client, who, channel ? { channel } : {});
      } catch (error) {
        logFailure(services, "/ismap export", error);
        return reply(noticeMessage(exportFailureText(error, who.t, await replies.botMention())));
      }
      return reply(
        noticeMessage(who.t(channel ? "records.export.sharedInChannel" : "records.export.sentToDm")),
      );
    }
    case "profile":
      if (parsed.action === "history") {
        const entries = await services.profiles.history(who.team, { limit: 50 });
        return reply(historyMessage(entries, ctx));
      }
      return replies.openModal("profile");
    case "remind": {
      if (parsed.action === "settings") return replies.openModal("remind");
      const settings = await services.reminders.getOrDefault(who.team);
      const { profile } = await services.profiles.get(who.team);
      const timeline = services.engine.obligations(profile, asOf);
      const items = reminderItemsOf(timeline);
      const upcoming = upcomingOccurrences(items, who.team, settings, asOf, addDaysInstant(asOf, 400));
      return reply(remindListMessage(settings, upcoming, ctx, timeline.hints));
    }
    case "lang": {
      const locale = localeOfWord(parsed.args);
      if (!locale) return reply(noticeMessage(who.t("app.langUsage")));
      await services.preferences.setLocale(who.team, who.userId, locale);
      return reply(noticeMessage(createTranslator(locale)("app.langSet")));
    }
    default:
      // Every other subcommand is an answer handled above; reaching here means the two lists drifted apart.
      throw new Error(`/ismap ${parsed.name} has no handler`);
  }
}

function addDaysInstant(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 24 * 60 * 60 * 1000);
}
