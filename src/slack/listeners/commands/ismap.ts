import type { Middleware, RespondFn, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { createTranslator } from "../../../i18n/translator.js";
import { reminderItemsOf, upcomingOccurrences } from "../../../reminders/due.js";
import { type ParsedCommand, parseCommand } from "../../contract/command-parser.js";
import type { ShareCommand } from "../../contract/ids.js";
import { buildAnswer } from "../../flows/answers.js";
import { withFeedbackButtons } from "../../flows/feedback-buttons.js";
import { type ModalKind, openModal } from "../../flows/open-modal.js";
import { exportFailureText, sendExport } from "../../flows/records-export.js";
import { botMention } from "../../runtime/bot-name.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { type Requester, requester, tenantOf } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import {
  helpMessage,
  historyMessage,
  noticeMessage,
  type SlackMessage,
  withShareButton,
} from "../../views/messages/index.js";
import { remindListMessage } from "../../views/messages/remind-list.js";

const LANGUAGE_WORDS: Record<string, "ja" | "en"> = {
  ja: "ja",
  japanese: "ja",
  日本語: "ja",
  en: "en",
  english: "en",
  英語: "en",
};

function ephemeral(message: SlackMessage) {
  return {
    response_type: "ephemeral" as const,
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  };
}

/**
 * `/ismap …`: acknowledges at once, then answers privately to the person who asked. An answer already built for
 * the same question, team and language today (answer-cache.ts) goes out in the acknowledgement itself.
 */
export function ismapCommand(services: Services): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ ack, command, client, respond, context, body }) => {
    const parsed = parseCommand(command.text);
    const ready = readyAnswer(services, parsed, context, body, command.user_id);
    if (ready) return void (await ack(ephemeral(ready)));
    await ack();
    let who: Requester | undefined;
    try {
      const open = (kind: ModalKind) =>
        openModal(kind, services, {
          client,
          triggerId: command.trigger_id,
          userId: command.user_id,
          context,
          body,
          channelId: command.channel_id,
          ...(who ? { who } : {}),
          tell: async (text) => {
            await respond(ephemeral(noticeMessage(text)));
          },
        });
      // A modal opens before anything else is looked up: the trigger_id lives 3 seconds.
      const modal = modalKindOf(parsed);
      if (modal) return void (await open(modal));
      who = await requester(services, client, context, body, command.user_id);
      await dispatch(services, who, parsed, {
        respond,
        client,
        channelId: command.channel_id,
        openModal: open,
        botMention: () => botMention(client, context, who?.t ?? createTranslator("ja")),
      });
    } catch (error) {
      logFailure(services, `/ismap ${command.text.slice(0, 40)}`, error);
      // A modal command fails before `who` is known: the person's language is looked up now, not assumed.
      who ??= await requester(services, client, context, body, command.user_id).catch(() => undefined);
      const t = who?.t ?? createTranslator("ja");
      await respond(ephemeral(noticeMessage(failureText(error, t)))).catch(() => undefined);
    }
  };
}

/** The answer cached for this question, team and person's language; never throws. */
function readyAnswer(
  services: Services,
  parsed: ParsedCommand,
  context: Parameters<typeof tenantOf>[0],
  body: unknown,
  userId: string,
): SlackMessage | undefined {
  const question = answerQuestionOf(parsed);
  if (!question) return undefined;
  try {
    const team = tenantOf(context, body);
    const locale = services.answers.locale(team, userId);
    return locale && services.answers.answer(team, locale, cacheKey(question));
  } catch {
    return undefined;
  }
}

/** The read-only answer a command asks for (the ones built by buildAnswer and cached), if it asks for one. */
function answerQuestionOf(parsed: ParsedCommand): { cmd: ShareCommand; args: string } | undefined {
  if (parsed.kind !== "subcommand") return undefined;
  switch (parsed.name) {
    case "help":
    case "about":
    case "audits":
    case "special":
    case "plan":
    case "status":
      return { cmd: parsed.name, args: "" };
    case "ask":
      return parsed.args === "" ? undefined : { cmd: "ask", args: parsed.args };
    case "profile":
      return parsed.action === "show" ? { cmd: "profile_show", args: "" } : undefined;
    default:
      return undefined;
  }
}

function cacheKey(question: { cmd: ShareCommand; args: string }): string {
  return `${question.cmd}\u0000${question.args}`;
}

/** Second words of `/ismap export` that share the files in the channel instead of the DM. */
const EXPORT_HERE_WORDS: ReadonlySet<string> = new Set(["channel", "here", "チャンネル", "ここ"]);

interface Replies {
  respond: RespondFn;
  client: WebClient;
  /** The channel the command was typed in. */
  channelId: string;
  openModal: (kind: ModalKind) => Promise<void>;
  /** Names the app in a hint: a mention of its bot user, or its name from auth.test. */
  botMention: () => Promise<string>;
}

async function dispatch(
  services: Services,
  who: Requester,
  parsed: ParsedCommand,
  replies: Replies,
): Promise<void> {
  const asOf = services.clock();
  const ctx = { rules: services.engine.rules, t: who.t, asOf };
  const reply = async (message: SlackMessage) => {
    await replies.respond(ephemeral(message));
  };

  if (parsed.kind === "unknown") return reply(helpMessage(ctx, { unknownWord: parsed.word }));
  const question = answerQuestionOf(parsed);
  if (question) {
    const snapshot = services.answers.snapshot(who.team);
    let message = withShareButton(
      await buildAnswer(services, who, question.cmd, question.args),
      question,
      who.t,
    );
    if (question.cmd === "ask") {
      const ref = {
        answerId: services.newId(),
        question: question.args,
        rulesVersion: services.engine.version,
        locale: who.locale,
        surface: "command" as const,
      };
      message = withFeedbackButtons(message, ref, who.t);
    }
    await reply(message);
    services.answers.rememberAnswer(snapshot, who.locale, cacheKey(question), message, asOf);
    return;
  }
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
      const channel =
        EXPORT_HERE_WORDS.has(parsed.args.toLowerCase()) && !replies.channelId.startsWith("D")
          ? replies.channelId
          : undefined;
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
      const locale = LANGUAGE_WORDS[parsed.args.toLowerCase()];
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

/** The modal a command opens, if it opens one. */
function modalKindOf(parsed: ReturnType<typeof parseCommand>): ModalKind | undefined {
  if (parsed.kind !== "subcommand") return undefined;
  if (parsed.name === "check" || parsed.name === "record" || parsed.name === "import") return parsed.name;
  if (parsed.name === "profile" && parsed.action === "edit") return "profile";
  if (parsed.name === "remind" && parsed.action === "settings") return "remind";
  return undefined;
}
