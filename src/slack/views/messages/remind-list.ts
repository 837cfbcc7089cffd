import type { PlannedOccurrence } from "../../../reminders/due.js";
import type { ReminderSettings } from "../../../reminders/settings.js";
import { escapeMrkdwn, footer, header, section } from "../parts.js";
import { bold, compose, type MessageContext, type SlackMessage } from "./common.js";
import { reminderTitle } from "./reminder.js";

/** How many upcoming reminders `/ismap remind list` shows. */
export const REMIND_LIST_MAX = 10;

/** `/ismap remind list`: the team's settings and the next reminders with their send dates (JST). */
export function remindListMessage(
  settings: ReminderSettings,
  upcoming: readonly PlannedOccurrence[],
  ctx: MessageContext,
): SlackMessage {
  const { t } = ctx;
  const title = t("remind.listTitle");
  const body = [header(title)];
  if (settings.paused) {
    body.push(
      section(
        `:double_vertical_bar: ${t("remind.listPaused", { reason: settings.paused.reason, date: t.dateTime(settings.paused.at) })}`,
      ),
    );
  } else if (!settings.enabled || !settings.channel) {
    body.push(section(t("remind.listOff")));
  }
  if (settings.channel) {
    body.push(
      section(
        t("remind.listSettings", {
          channel: `<#${settings.channel}>`,
          time: settings.timeOfDay,
          leads: settings.leadDays.join(", "),
          digest: t(settings.weeklyDigest ? "remind.on" : "remind.off"),
        }),
      ),
    );
  }
  if (settings.enabled && !settings.paused) {
    const lines = upcoming.slice(0, REMIND_LIST_MAX).map((o) => {
      const what = o.item.kind === "digest" ? t("reminder.kind.digest") : reminderTitle(o.item, t);
      const lead = o.lead === 0 ? t("reminder.leadToday") : t("reminder.lead", { count: o.lead });
      return `• ${t("remind.listItem", {
        sendAt: t.dateTime(o.sendAt),
        what: escapeMrkdwn(what),
        due: t.date(o.item.dueDate),
        lead,
      })}`;
    });
    body.push(
      section(
        `${bold(t("remind.listNext", { count: REMIND_LIST_MAX }))}\n${lines.length > 0 ? lines.join("\n") : t("remind.listNone")}`,
      ),
    );
  }
  return compose(title, body, [footer(ctx.rules, ctx.asOf, t)], t);
}
