import type { Middleware, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { normalizeInput } from "../../contract/command-parser.js";
import { buildAnswer } from "../../flows/answers.js";
import { feedbackButtonsBlock, withFeedback } from "../../flows/feedback-buttons.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { noticeMessage } from "../../views/messages/index.js";

/** A mention of the bot is a question: it gets the same answer as `/ismap ask`, in the thread. */
export function answerMention(services: Services): Middleware<SlackEventMiddlewareArgs<"app_mention">> {
  return async ({ event, client, context, body }) => {
    if (!event.user) return;
    // Slack always sends the text; a payload without it is answered like an empty question, not a TypeError.
    const text: unknown = event.text;
    const question = normalizeInput((typeof text === "string" ? text : "").replace(/<@[A-Z0-9]+>/g, " "));
    await answer(services, client, { context, body, userId: event.user }, question, "mention", {
      channel: event.channel,
      thread_ts: event.thread_ts ?? event.ts,
    });
  };
}

/** A direct message to the app is a question: it gets the same answer as `/ismap ask`. */
export function answerDirectMessage(services: Services): Middleware<SlackEventMiddlewareArgs<"message">> {
  return async ({ message, client, context, body }) => {
    // Only a person's own new message in a direct conversation with the app.
    if (message.channel_type !== "im" || message.subtype !== undefined || !("user" in message)) return;
    if (!message.user || "bot_id" in message) return;
    const question = normalizeInput(message.text ?? "");
    await answer(services, client, { context, body, userId: message.user }, question, "dm", {
      channel: message.channel,
    });
  };
}

async function answer(
  services: Services,
  client: WebClient,
  from: { context: { teamId?: string; enterpriseId?: string }; body: unknown; userId: string },
  question: string,
  surface: "mention" | "dm",
  where: { channel: string; thread_ts?: string },
): Promise<void> {
  let who: Requester | undefined;
  try {
    who = await requester(services, client, from.context, from.body, from.userId);
    const message =
      question === ""
        ? noticeMessage(who.t("app.askWhat"))
        : withFeedback(
            await buildAnswer(services, who, "ask", question),
            feedbackButtonsBlock(
              {
                answerId: services.newId(),
                question,
                rulesVersion: services.engine.version,
                locale: who.locale,
                surface,
              },
              who.t,
            ),
          );
    await client.chat.postMessage({ ...where, text: message.text, blocks: message.blocks });
  } catch (error) {
    logFailure(services, "question", error);
    if (who) {
      await client.chat
        .postMessage({ ...where, text: failureText(error, who.t) })
        .catch((e) => logFailure(services, "question reply", e));
    }
  }
}
