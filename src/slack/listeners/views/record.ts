import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { refreshHome } from "../../flows/publish-home.js";
import { saveAuditRecord } from "../../flows/record-audit.js";
import { parseRecordSubmission } from "../../forms/record.js";
import type { Services } from "../../runtime/services.js";
import { noticeModal } from "../../views/notice-modal.js";
import { allowedToEdit, onSubmission } from "./submission.js";

/**
 * Recording an audit adds one entry and changes nothing else, so it is saved as an append: applied in turn on the
 * newest profile, never refused because another save landed first.
 */
export function recordAudit(services: Services): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "record audit", async (args) => {
    const { sub, ack, client } = args;
    const { who, ctx } = sub;
    const stored = await services.profiles.get(who.team);
    if (!(await allowedToEdit(services, args, stored.profile, "record"))) return;
    const parsed = parseRecordSubmission(sub.view.state.values, sub.view.private_metadata, ctx, {
      newId: services.newId,
    });
    if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
    await ack({
      response_action: "update",
      view: noticeModal(who.t("modal.title.record"), who.t("app.loading"), ctx),
    });

    const revision = await saveAuditRecord(services, who.team, who.userId, ctx.asOf, parsed);
    const text = who.t("app.auditSaved", { revision });
    await client.views.update({
      view_id: sub.view.id,
      view: noticeModal(who.t("app.savedTitle"), text, ctx),
    });
    await refreshHome(services, client, who);
  });
}
