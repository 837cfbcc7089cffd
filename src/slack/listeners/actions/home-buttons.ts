import type { BlockAction, BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { ACTION, type ShareCommand } from "../../contract/ids.js";
import { buildAnswer } from "../../flows/answers.js";
import { openLoadingModal } from "../../flows/loading-modal.js";
import { type ModalKind, openModal } from "../../flows/open-modal.js";
import { openRecordForObligation } from "../../flows/record-obligation.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { obligationIdOfButton } from "../../views/messages/reminder.js";
import { answerModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";

/** The buttons that open a modal, by action id. */
export const MODAL_BUTTONS: Record<string, ModalKind> = {
  [ACTION.openCheck]: "check",
  [ACTION.openProfile]: "profile",
  [ACTION.openRecord]: "record",
};

interface HomeAnswer {
  cmd: ShareCommand;
  title: "app.titleAudits" | "app.titlePlan" | "app.titleSpecial";
}

/** The buttons that show an answer in a modal, by action id. */
export const ANSWER_BUTTONS: Record<string, HomeAnswer> = {
  [ACTION.showAudits]: { cmd: "audits", title: "app.titleAudits" },
  [ACTION.showPlan]: { cmd: "plan", title: "app.titlePlan" },
  [ACTION.showSpecial]: { cmd: "special", title: "app.titleSpecial" },
};

/** A button that opens a modal (App Home's, and a reminder's "Record as done"). */
export function openModalFromButton(
  services: Services,
  kind: ModalKind,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    // A reminder's "Record as done" carries the obligation it was about: the modal starts from it.
    const obligationId = kind === "record" ? obligationIdOfButton(body.actions[0]?.value) : undefined;
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
  };
}

/** A button of App Home that shows an answer in a modal. */
export function showAnswerInModal(
  services: Services,
  { cmd, title }: HomeAnswer,
): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    // The modal opens first (the trigger expires in 3 s); the answer is filled in once computed.
    const opened = await openLoadingModal(services, {
      client,
      triggerId: body.trigger_id,
      userId: body.user.id,
      context,
      body,
      push: false,
      label: `home ${cmd}`,
    });
    if (!opened) return;
    const { viewId } = opened;
    const who = await requester(services, client, context, body, body.user.id);
    let view: ModalView;
    try {
      view = answerModal(who.t(title), (await buildAnswer(services, who, cmd, "")).blocks, { t: who.t });
    } catch (error) {
      logFailure(services, `home ${cmd}`, error);
      view = answerModal(who.t("app.errorTitle"), [section(failureText(error, who.t))], { t: who.t });
    }
    if (viewId) await client.views.update({ view_id: viewId, view });
  };
}
