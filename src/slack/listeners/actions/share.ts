import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { createTranslator } from "../../../i18n/translator.js";
import { SHARE_COMMANDS } from "../../contract/ids.js";
import { buildAnswer } from "../../flows/answers.js";
import { botMention } from "../../runtime/bot-name.js";
import { failureText, logFailure, slackErrorCode } from "../../runtime/failures.js";
import { type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { sharedMessage } from "../../views/messages/share.js";

const ShareValue = z.object({ cmd: z.enum(SHARE_COMMANDS), args: z.string().max(2000) });

/** The button's value as JSON; anything else (a tampered or truncated value) is undefined, not an exception. */
function parseJson(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? "null");
  } catch {
    return undefined;
  }
}

/**
 * "Share in channel": posts a short channel version of the answer, computed afresh, to the channel where it was asked. The answer of a
 * person's question is shared with their words escaped, so nothing in it can notify the channel.
 */
export function shareInChannel(services: Services): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, action, client, context, respond }) => {
    await ack();
    let who: Requester | undefined;
    try {
      who = await requester(services, client, context, body, body.user.id);
      const parsed = ShareValue.safeParse(parseJson(action.value));
      const channel = body.channel?.id;
      if (!parsed.success || !channel) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: who.t("errors.staleView"),
        });
        return;
      }
      const message = await buildAnswer(services, who, parsed.data.cmd, parsed.data.args);
      try {
        const shared = sharedMessage(message, { cmd: parsed.data.cmd, userId: who.userId }, who.t);
        await client.chat.postMessage({ channel, text: shared.text, blocks: shared.blocks });
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === "not_in_channel" || code === "channel_not_found") {
          await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: who.t("app.inviteBot", { bot: await botMention(client, context, who.t) }),
          });
          return;
        }
        throw error;
      }
    } catch (error) {
      logFailure(services, "share", error);
      const text = failureText(error, who?.t ?? createTranslator("ja"));
      // A forged payload may come without a response_url, and then Bolt gives no respond function at all.
      if (typeof respond === "function") {
        await respond({ response_type: "ephemeral", replace_original: false, text }).catch(() => undefined);
      }
    }
  };
}
