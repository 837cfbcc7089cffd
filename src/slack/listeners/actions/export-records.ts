import type { BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { triggerClient } from "../../flows/open-modal.js";
import { exportFailureText, sendExport } from "../../flows/records-export.js";
import { botMention } from "../../runtime/bot-name.js";
import { logFailure } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { loadingModal } from "../../views/modals/loading.js";
import { noticeModal } from "../../views/notice-modal.js";

/**
 * App Home's "Export" button: a small modal opens at once (App Home has nowhere else to answer), the files go to
 * the person's DM with the app, and the modal then says where they are, or why they could not be sent. Anyone in
 * the workspace may export: it only reads.
 */
export function exportRecordsFromHome(
  services: Services,
): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    let viewId: string | undefined;
    try {
      viewId = (await triggerClient(client).views.open({ trigger_id: body.trigger_id, view: loadingModal() }))
        .view?.id;
    } catch (error) {
      // No modal (the trigger expired): the DM still carries the files, or the failure below.
      logFailure(services, "export (home): views.open", error);
    }
    const who = await requester(services, client, context, body, body.user.id);
    const ctx = { rules: services.engine.rules, t: who.t, asOf: services.clock() };
    let text: string;
    let failed = false;
    try {
      text = `${who.t("records.export.sentToDm")}\n${await sendExport(services, client, who)}`;
    } catch (error) {
      logFailure(services, "export (home)", error);
      text = exportFailureText(error, who.t, await botMention(client, context, who.t));
      failed = true;
    }
    if (viewId) {
      await client.views.update({
        view_id: viewId,
        view: noticeModal(who.t("records.export.title"), text, ctx),
      });
    } else if (failed) {
      await client.chat.postMessage({ channel: body.user.id, text }).catch(() => undefined);
    }
  };
}
