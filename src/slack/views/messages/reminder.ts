import type { Button, KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import type { DigestItem, ReminderItem } from "../../../reminders/due.js";
import type { PauseReason } from "../../../reminders/settings.js";
import type { Caveat, CitedText } from "../../../rules/citations.js";
import { ACTION } from "../../contract/ids.js";
import { context, divider, footer, header, section, sections } from "../parts.js";
import { objectiveLines } from "./audits.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  citedLine,
  compactIds,
  compose,
  dateRange,
  daysLeftText,
  EMOJI,
  type MessageContext,
  mergeCaveats,
  type SlackMessage,
} from "./common.js";

/** Objectives listed in one reminder; more are shown as ids (objectiveLines switches by itself). */
const DIGEST_IDS_MAX = 12;

/**
 * What a reminder message needs to know about its occurrence besides the item. The days left shown are the
 * item's (the timeline's count from its day, which the sweeper computes at the send time): the view computes none.
 */
export interface ReminderOccurrenceView {
  item: ReminderItem;
  /** Days before the due day the reminder was scheduled (0: on the due day); not shown, the days left are. */
  lead: number;
  /** When it was meant to go out; shown when late. */
  sendAt: Date;
  late: boolean;
}

/** What the record button of a reminder carries: the obligation's id, which the action looks up in the timeline. */
export interface ReminderButtonValue {
  kind: string;
  subject: string;
  due: string;
  /** The timeline obligation's id (absent for the digest). */
  obligation?: string;
}

/** The record button's value: what the reminder was about, for the record modal to start from. */
export function reminderButtonValue(item: ReminderItem | DigestItem): string {
  const value: ReminderButtonValue = { kind: item.kind, subject: item.subject, due: item.dueDate };
  if (item.kind !== "digest") value.obligation = item.obligation.id;
  return JSON.stringify(value);
}

/** The obligation id a record button's value carries, if it is one of ours; undefined for anything else. */
export function obligationIdOfButton(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 500) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const id = (parsed as { obligation?: unknown }).obligation;
    return typeof id === "string" && id.length > 0 && id.length <= 200 ? id : undefined;
  } catch {
    return undefined;
  }
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
  const { obligation } = item;
  switch (item.kind) {
    case "external":
      return t("reminder.title.external", { part: t(`criteria.${obligation.part ?? "governance"}`) });
    case "controls":
      return t("reminder.title.controls", {
        index: obligation.period?.cycleYear ?? 1,
        cycle: item.cycleYears,
      });
    case "internal":
      return obligation.id === "internal:never"
        ? t("reminder.title.internalNever", { count: obligation.objectiveIds.length })
        : t("reminder.title.internal", { count: obligation.objectiveIds.length });
    case "report":
      return t("reminder.title.report");
    case "validity":
      return t("reminder.title.validity");
  }
}

/** What is due and what to do, in a sentence or two (rules data is not quoted here: `why` does that). */
function whatText(item: ReminderItem, ctx: MessageContext): string {
  const { t, rules } = ctx;
  const { obligation } = item;
  const period = obligation.period;
  const range = period ? dateRange(period.start, period.end, t) : "-";
  const date = t.date(item.dueDate, "weekday");
  switch (item.kind) {
    case "external":
      return t("reminder.what.external", { part: t(`criteria.${obligation.part ?? "governance"}`), range });
    case "controls": {
      const progress = obligation.progress ?? { done: 0, total: obligation.objectiveIds.length };
      return t("reminder.what.controls", {
        range,
        done: progress.done,
        total: progress.total,
        count: obligation.objectiveIds.length,
      });
    }
    case "internal":
      return obligation.id === "internal:never"
        ? t("reminder.what.internalNever", { date })
        : t("reminder.what.internal", { date });
    case "report":
      return t("reminder.what.report", { range, months: rules.program.reportDue.monthsAfterPeriod });
    case "validity":
      return t("reminder.what.validity", {
        end: period ? t.date(period.end) : "-",
        months: rules.program.validity.monthsAfterDayAfterPeriod,
        date,
      });
  }
}

/** "期限：12月9日(水)（残り8日）", "有効期限：…", or for a planned obligation "目標日（予定）：…". */
function dueLine(item: ReminderItem, t: Translator): string {
  const params = { date: t.date(item.dueDate, "weekday"), left: daysLeftText(item.daysLeft, t) };
  if (item.obligation.planned) return t("reminder.dueTarget", params);
  return item.kind === "validity" ? t("reminder.validUntil", params) : t("reminder.due", params);
}

/** The rules an item rests on, one line each. */
function whyText(refs: readonly CitedText[], ctx: MessageContext): string {
  const lines = refs.map((rule) => `• ${citedLine(rule, ctx.rules, ctx.t)}`);
  return ctx.t("reminder.why", { rule: `\n${lines.join("\n")}` });
}

/**
 * One reminder: what is due and when (JST, with the days left as the timeline counts them), why (the rules with
 * their sources and confidence, and any caveats), the objectives concerned, and a button to record it as done.
 * Planned obligations say they are targets. Late reminders say so and when they were meant to go.
 */
export function reminderMessage(occurrence: ReminderOccurrenceView, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const { item } = occurrence;
  const { obligation } = item;
  const title = reminderTitle(item, t);
  const emoji = item.kind === "validity" || item.kind === "report" ? ":memo:" : ":bell:";
  const body: KnownBlock[] = [header(title)];
  if (occurrence.late) {
    body.push(context(`${EMOJI.wait} ${t("reminder.late", { date: t.dateTime(occurrence.sendAt) })}`));
  }
  body.push({
    type: "section",
    text: {
      type: "mrkdwn",
      text: `${emoji} ${bold(dueLine(item, t))}\n${whatText(item, ctx)}`,
    },
    accessory: recordButton(t, reminderButtonValue(item)),
  });
  if (obligation.planned) body.push(context(`${EMOJI.info} ${t("reminder.plannedNote")}`));
  if ((item.kind === "internal" || item.kind === "controls") && obligation.objectiveIds.length > 0) {
    body.push(...sections(objectiveLines(obligation.objectiveIds, rules, t)));
  }
  // The main rule only: the others are conventions, shown below when uncertain (a reminder stays short).
  body.push(...sections(whyText(obligation.rules.slice(0, 1), ctx)));
  // Its caveats counted in one line; the button lists them (the obligation found again in the timeline).
  const tail: KnownBlock[] = [
    ...caveatNotice(
      uniqueCaveats(obligation.caveats, { t, text: blocksText(body) }),
      t,
      "obligation",
      obligation.id,
    ),
    context(`${t("reminder.jst")} · ${t("reminder.recordHint")}`),
    context(t("reminder.settingsHint")),
    footer(rules, asOf, t),
  ];
  const text = t(obligation.planned ? "reminder.text.itemPlanned" : "reminder.text.item", {
    title,
    date: t.date(item.dueDate),
    left: daysLeftText(item.daysLeft, t),
  });
  return compose(text, body, tail, t);
}

function digestLine(item: ReminderItem, t: Translator): string {
  const { obligation } = item;
  const line = t(obligation.planned ? "reminder.digest.linePlanned" : "reminder.digest.line", {
    date: t.date(item.dueDate, "weekday"),
    left: daysLeftText(item.daysLeft, t),
    title: reminderTitle(item, t),
  });
  const progress =
    item.kind === "controls" && obligation.progress
      ? t("reminder.progress", { done: obligation.progress.done, total: obligation.progress.total })
      : "";
  const ids =
    (item.kind === "internal" || item.kind === "controls") && obligation.objectiveIds.length > 0
      ? `\n    ${compactIds(obligation.objectiveIds, t, DIGEST_IDS_MAX)}`
      : "";
  return `• ${line}${progress}${ids}`;
}

/** The caveats of the obligations a digest lists, each once. */
export function digestCaveats(items: readonly ReminderItem[]): Caveat[] {
  return uniqueCaveats(mergeCaveats(...items.map((item) => item.obligation.caveats)));
}

/**
 * The Monday digest: everything due within the horizon, soonest first, then what is past due; each line with its
 * due day (JST) and the days left the timeline counts; the rules the items rest on; a button to record an audit.
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
    const lines = digest.upcoming.map((item) => digestLine(item, t));
    body.push(
      ...sections(
        `${EMOJI.soon} ${bold(t("reminder.digest.upcoming", { days, count: digest.upcoming.length }))}\n${lines.join("\n")}`,
      ),
    );
  }
  if (digest.overdue.length > 0) {
    const lines = digest.overdue.map((item) => digestLine(item, t));
    body.push(
      ...sections(
        `${EMOJI.bad} ${bold(t("reminder.digest.overdue", { count: digest.overdue.length }))}\n${lines.join("\n")}`,
      ),
    );
  }
  const all = [...digest.upcoming, ...digest.overdue];
  if (all.some((item) => item.obligation.planned))
    body.push(context(`${EMOJI.info} ${t("reminder.plannedNote")}`));
  body.push({
    type: "actions",
    elements: [recordButton(t, reminderButtonValue(digest))],
  });
  const rulesSeen = new Map<string, CitedText>();
  for (const item of all) {
    const [main] = item.obligation.rules;
    if (main) rulesSeen.set(main.ruleId, main);
  }
  const tail: KnownBlock[] = [
    divider(),
    ...(rulesSeen.size > 0 ? sections(whyText([...rulesSeen.values()], ctx)) : []),
    ...caveatNotice(digestCaveats(all), t, "digest"),
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
