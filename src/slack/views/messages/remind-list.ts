import type { PlannedOccurrence } from "../../../reminders/due.js";
import type { ReminderSettings } from "../../../reminders/settings.js";
import type { AnchorHint } from "../../../rules/timeline.js";
import { escapeMrkdwn, footer, header, section } from "../parts.js";
import { bold, compose, EMOJI, type MessageContext, type SlackMessage } from "./common.js";
import { reminderTitle } from "./reminder.js";

/** How many upcoming reminders `/ismap remind list` shows. */
export const REMIND_LIST_MAX = 10;

/**
 * `/ismap remind list`: the team's settings and the next reminders with their send dates (JST), each for an
 * obligation of the team's timeline (planned ones marked as targets). When the timeline has no audit period to
 * count from (`hints` has `enter_audit_period`), it says what would anchor the dates rather than "nothing due".
 */
export function remindListMessage(
  settings: ReminderSettings,
  upcoming: readonly PlannedOccurrence[],
  ctx: MessageContext,
  hints: readonly AnchorHint[] = [],
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
      const planned = o.item.kind !== "digest" && o.item.obligation.planned;
      return `• ${t(planned ? "remind.listItemPlanned" : "remind.listItem", {
        sendAt: t.dateTime(o.sendAt),
        what: escapeMrkdwn(what),
        due: t.date(o.item.dueDate),
        lead,
      })}`;
    });
    const noPeriod = hints.includes("enter_audit_period");
    if (lines.length > 0 || !noPeriod) {
      body.push(
        section(
          `${bold(t("remind.listNext", { count: REMIND_LIST_MAX }))}\n${lines.length > 0 ? lines.join("\n") : t("remind.listNone")}`,
        ),
      );
    }
  }
  // Nothing can fall due without an audit period: say what would anchor the dates.
  if (hints.includes("enter_audit_period")) body.push(section(`${EMOJI.info} ${t("remind.listNoPeriod")}`));
  return compose(title, body, [footer(ctx.rules, ctx.asOf, t)], t);
}
