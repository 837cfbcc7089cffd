import { ITEM_KINDS, type ItemKind } from "../../reminders/occurrence.js";
import type { ReminderSettingsInput } from "../../reminders/settings.js";
import { MAX_LEAD_DAYS, MAX_LEADS } from "../../reminders/settings.js";
import type { ViewContext } from "../contract/modal-context.js";
import { CHECKED } from "./fields.js";
import { selectedValue, selectedValues, stateOf, textValue, type ViewStateValues } from "./state.js";

/** Block ids of the reminder settings modal; every element's action_id is "value". */
export const REMIND_FIELDS = {
  enabled: "remind_enabled",
  channel: "remind_channel",
  kinds: "remind_kinds",
  leads: "remind_leads",
  time: "remind_time",
  digest: "remind_digest",
  locale: "remind_locale",
} as const;
export const REMIND_ACTION = "value";

export type RemindSubmission =
  | { ok: true; settings: ReminderSettingsInput; channel?: string }
  | { ok: false; errors: Record<string, string> };

/** "60, 30、7 1" → [60, 30, 7, 1]; undefined when any piece is not a whole number of days in range. */
export function parseLeadDays(text: string): number[] | undefined {
  const pieces = text
    .normalize("NFKC")
    .split(/[\s,、]+/)
    .filter((p) => p !== "");
  if (pieces.length === 0 || pieces.length > MAX_LEADS) return undefined;
  const days = pieces.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  if (days.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_LEAD_DAYS)) return undefined;
  return days;
}

/** Reads and checks the reminder settings form; errors are keyed by block and worded in the person's language. */
export function parseRemindSubmission(state: ViewStateValues, ctx: Pick<ViewContext, "t">): RemindSubmission {
  const { t } = ctx;
  const errors: Record<string, string> = {};
  const enabled = selectedValues(state, REMIND_FIELDS.enabled, REMIND_ACTION).includes(CHECKED);
  const channelState = stateOf(state, REMIND_FIELDS.channel, REMIND_ACTION);
  const channel =
    typeof channelState?.selected_conversation === "string" && channelState.selected_conversation !== ""
      ? channelState.selected_conversation
      : undefined;
  if (enabled && !channel) errors[REMIND_FIELDS.channel] = t("remind.errors.channelRequired");

  const kinds = selectedValues(state, REMIND_FIELDS.kinds, REMIND_ACTION).filter((k): k is ItemKind =>
    (ITEM_KINDS as readonly string[]).includes(k),
  );
  if (kinds.length === 0) errors[REMIND_FIELDS.kinds] = t("remind.errors.kinds");

  const leadsText = textValue(state, REMIND_FIELDS.leads, REMIND_ACTION) ?? "";
  const leadDays = parseLeadDays(leadsText);
  if (!leadDays) errors[REMIND_FIELDS.leads] = t("remind.errors.leads", { value: leadsText.slice(0, 40) });

  const time = stateOf(state, REMIND_FIELDS.time, REMIND_ACTION)?.selected_time;
  if (typeof time !== "string" || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    errors[REMIND_FIELDS.time] = t("remind.errors.time");
  }
  const weeklyDigest = selectedValues(state, REMIND_FIELDS.digest, REMIND_ACTION).includes(CHECKED);
  const locale = selectedValue(state, REMIND_FIELDS.locale, REMIND_ACTION) === "en" ? "en" : "ja";

  if (Object.keys(errors).length > 0 || !leadDays || typeof time !== "string") return { ok: false, errors };
  return {
    ok: true,
    channel,
    settings: {
      enabled,
      ...(channel ? { channel } : {}),
      kinds,
      leadDays,
      timeOfDay: time,
      weeklyDigest,
      locale,
    },
  };
}
