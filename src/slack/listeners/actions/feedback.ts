import type { Middleware, SlackAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { createTranslator } from "../../../i18n/translator.js";
import { parseFeedbackValue } from "../../flows/feedback-buttons.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { tenantOf } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";

/**
 * 👍 / 👎 under an answer (Slack's feedback buttons, or the plain buttons of `/ismap ask`): acks, stores a 👎 with
 * the question, the answer's id and the rules version (src/feedback/repository.ts), and thanks the person privately
 * in the answer's language. A 👍 is only thanked: what helps needs no follow-up.
 */
export function noteFeedback(services: Services): Middleware<SlackActionMiddlewareArgs<SlackAction>> {
  return async ({ ack, body, action, context, respond }) => {
    await ack();
    const value = parseFeedbackValue((action as { value?: unknown }).value);
    const userId = body.user.id;
    if (!value) return;
    const t = createTranslator(value.l);
    try {
      if (value.f === "down") {
        await services.feedback.recordUnhelpful(tenantOf(context, body), userId, {
          question: value.q,
          answerId: value.a,
          rulesVersion: value.v,
          locale: value.l,
          surface: value.s,
          at: services.clock().toISOString(),
        });
      }
      await respond?.({
        response_type: "ephemeral",
        replace_original: false,
        text: t(value.f === "down" ? "feedback.noted" : "feedback.thanks"),
      });
    } catch (error) {
      logFailure(services, "answer feedback", error);
      await respond?.({
        response_type: "ephemeral",
        replace_original: false,
        text: failureText(error, t),
      }).catch(() => undefined);
    }
  };
}
