import type { Middleware, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { createTranslator } from "../../../i18n/translator.js";
import { parseCommand } from "../../contract/command-parser.js";
import { readyAnswer } from "../../flows/command-answer.js";
import { type ModalKind, openModal } from "../../flows/open-modal.js";
import { modalKindOf, runSubcommand } from "../../flows/subcommands.js";
import { botMention } from "../../runtime/bot-name.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { noticeMessage, type SlackMessage } from "../../views/messages/index.js";

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
      await runSubcommand(services, who, parsed, {
        reply: async (message) => {
          await respond(ephemeral(message));
        },
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
