/**
 * The button under an answer that counts its unconfirmed points: the full list (flows/caveat-list.ts) in a modal,
 * pushed onto the answer's modal when it was shown in one.
 */
import type { BlockAction, BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { createTranslator } from "../../../i18n/translator.js";
import { caveatList } from "../../flows/caveat-list.js";
import { openLoadingModal } from "../../flows/loading-modal.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { answerModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";

/** The unconfirmed points under an answer, in a modal (see the top of this file). */
export function showCaveats(services: Services): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    // Pushed over a modal the answer is in; opened from a message or the App Home tab (a home view takes no push).
    const fromModal = (body as BlockAction).view?.type === "modal";
    // The modal opens first (the trigger expires in 3 s); the list is filled in once computed.
    const opened = await openLoadingModal(services, {
      client,
      triggerId: body.trigger_id,
      userId: body.user.id,
      context,
      body,
      push: fromModal,
      label: "caveats",
    });
    if (!opened) return;
    const { viewId } = opened;
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
