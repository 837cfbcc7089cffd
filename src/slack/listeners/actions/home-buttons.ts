import type { BlockAction, BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { ACTION, type ShareCommand } from "../../contract/ids.js";
import { buildAnswer } from "../../flows/answers.js";
import { type ModalKind, openModal, triggerClient } from "../../flows/open-modal.js";
import { failureText, logFailure, slackErrorCode } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { obligationIdOfButton } from "../../views/messages/reminder.js";
import { loadingModal } from "../../views/modals/loading.js";
import { answerModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";
import type { ListenerRouter } from "../router.js";
import { openRecordForObligation } from "./record-obligation.js";

const OPENERS: Record<string, ModalKind> = {
  [ACTION.openCheck]: "check",
  [ACTION.openProfile]: "profile",
  [ACTION.openRecord]: "record",
};

const ANSWERS: Record<
  string,
  { cmd: ShareCommand; title: "app.titleAudits" | "app.titlePlan" | "app.titleSpecial" }
> = {
  [ACTION.showAudits]: { cmd: "audits", title: "app.titleAudits" },
  [ACTION.showPlan]: { cmd: "plan", title: "app.titlePlan" },
  [ACTION.showSpecial]: { cmd: "special", title: "app.titleSpecial" },
};

/** The buttons of App Home and of answers: open a modal, or show an answer in a modal. */
export function register(app: ListenerRouter, services: Services): void {
  for (const [actionId, kind] of Object.entries(OPENERS)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, client, context }) => {
      await ack();
      // A reminder's "Record as done" carries the obligation it was about: the modal starts from it.
      const obligationId =
        actionId === ACTION.openRecord ? obligationIdOfButton(body.actions[0]?.value) : undefined;
      if (obligationId !== undefined) {
        await openRecordForObligation(services, { client, body, context, obligationId });
        return;
      }
      await openModal(kind, services, {
        client,
        triggerId: body.trigger_id,
        userId: body.user.id,
        context,
        body,
        channelId: body.channel?.id,
        tell: async (text) => {
          await client.chat.postMessage({ channel: body.user.id, text }).catch(() => undefined);
        },
      });
    });
  }

  for (const [actionId, { cmd, title }] of Object.entries(ANSWERS)) {
    app.action<BlockAction>(actionId, async ({ ack, body, client, context }) => {
      await ack();
      // The modal opens first (the trigger expires in 3 s); the answer is filled in once computed.
      let viewId: string | undefined;
      try {
        viewId = (
          await triggerClient(client).views.open({ trigger_id: body.trigger_id, view: loadingModal() })
        ).view?.id;
      } catch (error) {
        if (slackErrorCode(error) === "expired_trigger_id") {
          // As for the modals: say so (in the app's DM) rather than leave the button without an answer.
          const who = await requester(services, client, context, body, body.user.id);
          await client.chat
            .postMessage({ channel: body.user.id, text: who.t("app.triggerExpired") })
            .catch(() => undefined);
        } else {
          logFailure(services, `home ${cmd}: views.open`, error);
        }
        return;
      }
      const who = await requester(services, client, context, body, body.user.id);
      let view: ModalView;
      try {
        view = answerModal(who.t(title), (await buildAnswer(services, who, cmd, "")).blocks, { t: who.t });
      } catch (error) {
        logFailure(services, `home ${cmd}`, error);
        view = answerModal(who.t("app.errorTitle"), [section(failureText(error, who.t))], { t: who.t });
      }
      if (viewId) await client.views.update({ view_id: viewId, view });
    });
  }
}
