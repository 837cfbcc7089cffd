/**
 * The button under an answer that counts its unconfirmed points: the full list (flows/caveat-list.ts) in a modal,
 * pushed onto the answer's modal when it was shown in one.
 */
import type { BlockAction, BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { createTranslator } from "../../../i18n/translator.js";
import { caveatList } from "../../flows/caveat-list.js";
import { triggerClient } from "../../flows/open-modal.js";
import { failureText, logFailure, slackErrorCode } from "../../runtime/failures.js";
import { type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { loadingModal } from "../../views/modals/loading.js";
import { answerModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";

/** The unconfirmed points under an answer, in a modal (see the top of this file). */
export function showCaveats(services: Services): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const slack = triggerClient(client);
    // Pushed over a modal the answer is in; opened from a message or the App Home tab (a home view takes no push).
    const fromModal = (body as BlockAction).view?.type === "modal";
    // The modal opens first (the trigger expires in 3 s); the list is filled in once computed.
    let viewId: string | undefined;
    try {
      const opened = fromModal
        ? await slack.views.push({ trigger_id: body.trigger_id, view: loadingModal() })
        : await slack.views.open({ trigger_id: body.trigger_id, view: loadingModal() });
      viewId = opened.view?.id;
    } catch (error) {
      if (slackErrorCode(error) === "expired_trigger_id") {
        const who = await requester(services, client, context, body, body.user.id);
        await client.chat
          .postMessage({ channel: body.user.id, text: who.t("app.triggerExpired") })
          .catch(() => undefined);
      } else {
        logFailure(services, "caveats: views.open", error);
      }
      return;
    }
    let view: ModalView;
    let who: Requester | undefined;
    try {
      who = await requester(services, client, context, body, body.user.id);
      const list = await caveatList(services, who, body.actions[0]?.value);
      view = answerModal(list.text, list.blocks, { t: who.t });
    } catch (error) {
      logFailure(services, "caveats", error);
      const t = who?.t ?? createTranslator("ja");
      view = answerModal(t("app.errorTitle"), [section(failureText(error, t))], { t });
    }
    if (viewId)
      await client.views
        .update({ view_id: viewId, view })
        .catch((error) => logFailure(services, "caveats: views.update", error));
  };
}
