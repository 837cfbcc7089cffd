import type { Button, KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import type { DigestItem, ReminderItem } from "../../../reminders/due.js";
import type { PauseReason } from "../../../reminders/settings.js";
import { daysBetween, toJstDate } from "../../../rules/time.js";
import { ACTION } from "../../ids.js";
import { caveatBlocks, context, divider, footer, header, section, sections } from "../parts.js";
import { objectiveLines } from "./audits.js";
import {
  bold,
  citedLine,
  compactIds,
  compose,
  daysLeftText,
  EMOJI,
  type MessageContext,
  mergeCaveats,
  type SlackMessage,
} from "./common.js";

/** Objectives listed in one reminder; more are shown as ids (objectiveLines switches by itself). */
const DIGEST_IDS_MAX = 12;

/** What a reminder message needs to know about its occurrence besides the item. */
export interface ReminderOccurrenceView {
  item: ReminderItem;
  /** Days before the due day (0: on the due day). */
  lead: number;
  /** When it was meant to go out; shown when late. */
  sendAt: Date;
  late: boolean;
}

/** The record button's value: what the reminder was about, for the record modal to start from. */
export function reminderButtonValue(item: { kind: string; subject: string; dueDate: string }): string {
  return JSON.stringify({ kind: item.kind, subject: item.subject, due: item.dueDate });
}

function recordButton(t: Translator, value: string): Button {
  return {
    type: "button",
    action_id: ACTION.openRecord,
    text: { type: "plain_text", text: t("reminder.record"), emoji: true },
    style: "primary",
    value,
  };
}

/** The one-line title of an item: "ガバナンス基準：年次の外部監査の期限". */
export function reminderTitle(item: ReminderItem, t: Translator): string {
  switch (item.kind) {
    case "external":
      return t("reminder.title.external", { part: t(`criteria.${item.part}`) });
    case "controls":
      return t("reminder.title.controls", { index: item.cycleIndex, cycle: item.cycleYears });
    case "internal":
      return t("reminder.title.internal", { count: item.objectives.length });
    case "report":
      return t("reminder.title.report");
    case "validity":
      return t("reminder.title.validity");
  }
}

/** What is due and what to do, in a sentence or two (rules data is not quoted here: `why` does that). */
function whatText(item: ReminderItem, ctx: MessageContext): string {
  const { t, rules } = ctx;
  switch (item.kind) {
    case "external":
      return item.lastDate === undefined
        ? t("reminder.what.externalNever", { part: t(`criteria.${item.part}`) })
        : t("reminder.what.external", { part: t(`criteria.${item.part}`), last: t.date(item.lastDate) });
    case "controls":
      return t("reminder.what.controls", {
        start: t.date(item.yearStart),
        total: item.groupSize,
        count: item.objectives.length,
      });
    case "internal":
      return t("reminder.what.internal", { date: t.date(item.lapsesOn, "weekday") });
    case "report":
      return t("reminder.what.report", {
        end: t.date(item.periodEnd),
        months: rules.program.reportDue.monthsAfterPeriod,
      });
    case "validity":
      return t("reminder.what.validity", {
        end: t.date(item.periodEnd),
        months: rules.program.validity.monthsAfterDayAfterPeriod,
        date: t.date(item.dueDate, "weekday"),
      });
  }
}

function dueLine(item: ReminderItem, asOf: Date, t: Translator): string {
  const params = {
    date: t.date(item.dueDate, "weekday"),
    left: daysLeftText(daysBetween(toJstDate(asOf), item.dueDate), t),
  };
  return item.kind === "validity" ? t("reminder.validUntil", params) : t("reminder.due", params);
}

function leadText(lead: number, t: Translator): string {
  return lead === 0 ? t("reminder.leadToday") : t("reminder.lead", { count: lead });
}

/**
 * One reminder: what is due and when (JST), why (the rule with its sources and confidence, and any caveats), the
 * objectives concerned, and a button to record it as done. Late reminders say so and when they were meant to go.
 */
export function reminderMessage(occurrence: ReminderOccurrenceView, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const { item } = occurrence;
  const title = reminderTitle(item, t);
  const emoji = item.kind === "validity" || item.kind === "report" ? ":memo:" : ":bell:";
  const body: KnownBlock[] = [header(`${title}`)];
  if (occurrence.late) {
    body.push(context(`${EMOJI.wait} ${t("reminder.late", { date: t.dateTime(occurrence.sendAt) })}`));
  }
  body.push({
    type: "section",
    text: {
      type: "mrkdwn",
      text: `${emoji} ${bold(dueLine(item, asOf, t))}\n${whatText(item, ctx)}`,
    },
    accessory: recordButton(t, reminderButtonValue(item)),
  });
  if (item.kind === "internal" || item.kind === "controls") {
    body.push(...sections(objectiveLines(item.objectives, rules, t)));
  }
  body.push(context(t("reminder.why", { rule: citedLine(item.rule, rules, t) })));
  const tail: KnownBlock[] = [
    ...caveatBlocks(item.caveats, rules, t),
    context(`${leadText(occurrence.lead, t)} · ${t("reminder.jst")} · ${t("reminder.recordHint")}`),
    context(t("reminder.settingsHint")),
    footer(rules, asOf, t),
  ];
  const text = t("reminder.text.item", {
    title,
    date: t.date(item.dueDate),
    left: daysLeftText(daysBetween(toJstDate(asOf), item.dueDate), t),
  });
  return compose(text, body, tail, t);
}

function digestLine(item: ReminderItem, asOf: Date, t: Translator): string {
  const line = t("reminder.digest.line", {
    date: t.date(item.dueDate, "weekday"),
    left: daysLeftText(daysBetween(toJstDate(asOf), item.dueDate), t),
    title: reminderTitle(item, t),
  });
  const ids =
    item.kind === "internal" || item.kind === "controls"
      ? `\n    ${compactIds(item.objectives, t, DIGEST_IDS_MAX)}`
      : "";
  return `• ${line}${ids}`;
}

/**
 * The Monday digest: everything due within the horizon, soonest first, then what is past due; each line with its
 * due day (JST) and days left; the rules the items rest on; a button to record an audit.
 */
export function digestMessage(digest: DigestItem, ctx: MessageContext, late = false): SlackMessage {
  const { t, rules, asOf } = ctx;
  const days = digest.horizonDays;
  const body: KnownBlock[] = [
    header(t("reminder.digest.title", { date: t.date(digest.dueDate, "weekday") })),
  ];
  if (late) body.push(context(`${EMOJI.wait} ${t("reminder.late", { date: t.dateTime(asOf) })}`));
  if (digest.upcoming.length === 0) {
    body.push(section(`${EMOJI.ok} ${t("reminder.digest.none", { days })}`));
  } else {
    const lines = digest.upcoming.map((item) => digestLine(item, asOf, t));
    body.push(
      ...sections(
        `${EMOJI.soon} ${bold(t("reminder.digest.upcoming", { days, count: digest.upcoming.length }))}\n${lines.join("\n")}`,
      ),
    );
  }
  if (digest.overdue.length > 0) {
    const lines = digest.overdue.map((item) => digestLine(item, asOf, t));
    body.push(
      ...sections(
        `${EMOJI.bad} ${bold(t("reminder.digest.overdue", { count: digest.overdue.length }))}\n${lines.join("\n")}`,
      ),
    );
  }
  body.push({
    type: "actions",
    elements: [recordButton(t, reminderButtonValue(digest))],
  });
  const all = [...digest.upcoming, ...digest.overdue];
  const rulesSeen = new Map(all.map((item) => [item.rule.ruleId, item.rule]));
  const why = [...rulesSeen.values()].map((rule) => `• ${citedLine(rule, rules, t)}`);
  const tail: KnownBlock[] = [
    divider(),
    ...(why.length > 0 ? sections(t("reminder.why", { rule: `\n${why.join("\n")}` })) : []),
    ...caveatBlocks(mergeCaveats(...all.map((item) => item.caveats)), rules, t),
    context(`${t("reminder.jst")} · ${t("reminder.settingsHint")}`),
    footer(rules, asOf, t),
  ];
  const text = t("reminder.text.digest", {
    days,
    count: digest.upcoming.length,
    overdue: digest.overdue.length,
  });
  return compose(text, body, tail, t);
}

/** The direct message to a team's editors when the sweeper paused its reminders. */
export function remindersPausedMessage(
  paused: { reason: PauseReason; channel?: string | undefined },
  ctx: MessageContext,
): SlackMessage {
  const { t, rules, asOf } = ctx;
  const reason = t(`reminder.paused.reason.${paused.reason}`);
  const body: KnownBlock[] = [
    header(t("reminder.paused.title")),
    section(`${EMOJI.stop} ${t("reminder.paused.body", { channel: paused.channel ?? "-", reason })}`),
    section(t("reminder.paused.fix")),
  ];
  return compose(t("reminder.paused.text", { reason }), body, [footer(rules, asOf, t)], t);
}
