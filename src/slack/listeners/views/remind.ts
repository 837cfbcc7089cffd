import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { parseRemindSubmission, REMIND_FIELDS } from "../../forms/remind.js";
import { botName } from "../../runtime/bot-name.js";
import { slackErrorCode } from "../../runtime/failures.js";
import type { Services } from "../../runtime/services.js";
import { noticeModal } from "../../views/notice-modal.js";
import { allowedToEdit, onSubmission } from "./submission.js";

/**
 * Saving the reminder settings (admins, owners and editors). When reminders are on, the app must be a member of
 * the chosen channel: if it is not, the channel field says so and how to invite it, and nothing is saved.
 */
export function saveReminderSettings(
  services: Services,
): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "save reminder settings", async (args) => {
    const { sub, ack, client } = args;
    const { who, ctx } = sub;
    const { profile } = await services.profiles.get(who.team);
    if (!(await allowedToEdit(services, args, profile, "remind"))) return;
    const parsed = parseRemindSubmission(sub.view.state.values, ctx);
    if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));

    if (parsed.settings.enabled && parsed.channel) {
      let member = false;
      try {
        member = (await client.conversations.info({ channel: parsed.channel })).channel?.is_member === true;
      } catch (error) {
        // A private channel the app was not invited to is invisible to it: channel_not_found.
        if (slackErrorCode(error) !== "channel_not_found") throw error;
      }
      if (!member) {
        return void (await ack({
          response_action: "errors",
          // Field errors are plain text: the bot's name as Slack has it, not a mention.
          errors: {
            [REMIND_FIELDS.channel]: who.t("remind.errors.notMember", {
              bot: await botName(client, who.t),
            }),
          },
        }));
      }
    }
    await ack({
      response_action: "update",
      view: noticeModal(who.t("remind.title"), who.t("app.loading"), ctx),
    });
    await services.reminders.save(who.team, parsed.settings, { actor: who.userId, at: ctx.asOf });
    await client.views.update({
      view_id: sub.view.id,
      view: noticeModal(who.t("app.savedTitle"), who.t("remind.saved"), ctx),
    });
  });
}
