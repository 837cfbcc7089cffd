import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { ITEM_KINDS } from "../../../reminders/occurrence.js";
import type { ReminderSettings } from "../../../reminders/settings.js";
import { CALLBACK } from "../../contract/ids.js";
import type { ViewContext } from "../../contract/modal-context.js";
import { CHECKED } from "../../forms/fields.js";
import { REMIND_ACTION, REMIND_FIELDS } from "../../forms/remind.js";
import { context } from "../parts.js";
import { OPTION_TEXT_MAX, plainText, viewLabel } from "./text.js";

/** The reminder settings of a team, as a form (editors only; the listener checks). */
export function remindModal(settings: ReminderSettings, ctx: Pick<ViewContext, "t">): ModalView {
  const { t } = ctx;
  const option = (text: string, value: string): PlainTextOption => ({
    text: plainText(text, OPTION_TEXT_MAX),
    value,
  });
  const enabledOption = option(t("remind.enabledOption"), CHECKED);
  const digestOption = option(t("remind.digestOption"), CHECKED);
  const kindOptions = ITEM_KINDS.map((kind) => option(t(`reminder.kind.${kind}`), kind));
  const localeOptions = [option(t("remind.localeJa"), "ja"), option(t("remind.localeEn"), "en")];

  const blocks: KnownBlock[] = [
    context(t("remind.intro")),
    {
      type: "input",
      block_id: REMIND_FIELDS.enabled,
      optional: true,
      label: plainText(t("remind.enabled")),
      element: {
        type: "checkboxes",
        action_id: REMIND_ACTION,
        options: [enabledOption],
        ...(settings.enabled ? { initial_options: [enabledOption] } : {}),
      },
    },
    {
      type: "input",
      block_id: REMIND_FIELDS.channel,
      optional: true,
      label: plainText(t("remind.channel")),
      hint: plainText(t("remind.channelHint")),
      element: {
        type: "conversations_select",
        action_id: REMIND_ACTION,
        filter: {
          include: ["public", "private"],
          exclude_bot_users: true,
          exclude_external_shared_channels: true,
        },
        ...(settings.channel ? { initial_conversation: settings.channel } : {}),
      },
    },
    {
      type: "input",
      block_id: REMIND_FIELDS.kinds,
      label: plainText(t("remind.kinds")),
      element: {
        type: "checkboxes",
        action_id: REMIND_ACTION,
        options: kindOptions,
        initial_options: kindOptions.filter((o) =>
          (settings.kinds as readonly string[]).includes(o.value ?? ""),
        ),
      },
    },
    {
      type: "input",
      block_id: REMIND_FIELDS.leads,
      label: plainText(t("remind.leads")),
      hint: plainText(t("remind.leadsHint")),
      element: {
        type: "plain_text_input",
        action_id: REMIND_ACTION,
        initial_value: settings.leadDays.join(", "),
        max_length: 60,
      },
    },
    {
      type: "input",
      block_id: REMIND_FIELDS.time,
      label: plainText(t("remind.time")),
      element: { type: "timepicker", action_id: REMIND_ACTION, initial_time: settings.timeOfDay },
    },
    {
      type: "input",
      block_id: REMIND_FIELDS.digest,
      optional: true,
      label: plainText(t("remind.digest")),
      element: {
        type: "checkboxes",
        action_id: REMIND_ACTION,
        options: [digestOption],
        ...(settings.weeklyDigest ? { initial_options: [digestOption] } : {}),
      },
    },
    {
      type: "input",
      block_id: REMIND_FIELDS.locale,
      label: plainText(t("remind.locale")),
      element: {
        type: "radio_buttons",
        action_id: REMIND_ACTION,
        options: localeOptions,
        initial_option: localeOptions.find((o) => o.value === settings.locale) ?? localeOptions[0],
      },
    },
  ];
  return {
    type: "modal",
    callback_id: CALLBACK.remind,
    title: viewLabel(t("remind.title")),
    submit: viewLabel(t("remind.submit")),
    close: viewLabel(t("common.cancel")),
    blocks,
  };
}
