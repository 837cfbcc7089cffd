/**
 * The service profile as a modal: service details, registration status and dates, special-measure standing and,
 * for workspace admins and owners, the editors.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { lastDayBefore } from "../../../lib/time.js";
import type { ServiceProfile } from "../../../rules/service-profile.js";
import { RegistrationStatus } from "../../../rules/service-profile.js";
import { CALLBACK } from "../../contract/ids.js";
import type { ViewContext } from "../../contract/modal-context.js";
import { encodeMetadata } from "../../contract/modal-metadata.js";
import { CHECKED, PROFILE_FIELDS, type ProfileField, TEXT_LIMITS } from "../../forms/fields.js";
import { context, divider, section } from "../parts.js";
import { OPTION_TEXT_MAX, plainText, viewLabel } from "./text.js";

export interface ProfileModalState {
  profile: ServiceProfile;
  /** The revision the form edits; a save based on it is refused once the profile has moved on. */
  revision: number;
}

export interface ProfileModalOptions {
  /** Workspace admins and owners may change who else can edit; nobody else sees that input. */
  canEditEditors: boolean;
}

/** The modal's metadata is `{ baseRevision }`. Inputs are keyed by PROFILE_FIELDS (block_id and action_id). */
export function profileModal(
  state: ProfileModalState,
  ctx: ViewContext,
  options: ProfileModalOptions,
): ModalView {
  const { rules, t } = ctx;
  const { profile } = state;
  const label = (field: ProfileField) => t(`modal.profile.fields.${field}`);
  const { minMonths, maxMonths } = rules.program.auditPeriod;
  const periodHint = t("modal.profile.hint.auditPeriod", { min: minMonths, max: maxMonths });
  const lastDay = lastDayBefore(rules.specialMeasure.deadline.at);

  const statusOptions: PlainTextOption[] = RegistrationStatus.options.map((status) => ({
    text: plainText(t(`modal.profile.status.${status}`), OPTION_TEXT_MAX),
    value: status,
  }));
  const listedOption: PlainTextOption = {
    text: plainText(t("modal.profile.fields.listedOption"), OPTION_TEXT_MAX),
    value: CHECKED,
  };
  const reliefOptions: PlainTextOption[] = rules.specialMeasure.reliefs.map((relief) => ({
    ...splitOptionText(t.pick(relief.text)),
    value: relief.id,
  }));
  const usedReliefs = reliefOptions.filter((o) => profile.specialMeasure.reliefsUsed.includes(o.value ?? ""));

  const blocks: KnownBlock[] = [
    context(t("modal.profile.intro")),
    section(`*${t("modal.profile.service")}*`),
    textInput("name", label("name"), profile.service.name, TEXT_LIMITS.name),
    textInput("vendor", label("vendor"), profile.service.vendor, TEXT_LIMITS.vendor),
    textInput("description", label("description"), profile.service.description, TEXT_LIMITS.description, {
      multiline: true,
    }),
    textInput("url", label("url"), profile.service.url, TEXT_LIMITS.url, {
      hint: t("modal.profile.hint.url"),
    }),
    divider(),
    section(`*${t("modal.profile.registration")}*`),
    {
      type: "input",
      block_id: PROFILE_FIELDS.status.block,
      label: plainText(label("status")),
      element: {
        type: "static_select",
        action_id: PROFILE_FIELDS.status.action,
        placeholder: plainText(t("modal.selectPlaceholder"), 150),
        options: statusOptions,
        ...initialOne(statusOptions, profile.registration.status),
      },
    },
    dateInput("registeredOn", label("registeredOn"), profile.registration.registeredOn, ctx),
    dateInput(
      "auditPeriodStart",
      label("auditPeriodStart"),
      profile.registration.auditPeriodStart,
      ctx,
      periodHint,
    ),
    dateInput("auditPeriodEnd", label("auditPeriodEnd"), profile.registration.auditPeriodEnd, ctx),
    divider(),
    section(`*${t("modal.profile.specialMeasure")}*`),
    {
      type: "input",
      block_id: PROFILE_FIELDS.listed.block,
      label: plainText(label("listed")),
      optional: true,
      element: {
        type: "checkboxes",
        action_id: PROFILE_FIELDS.listed.action,
        options: [listedOption],
        ...(profile.specialMeasure.listed ? { initial_options: [listedOption] } : {}),
      },
    },
    dateInput("listedOn", label("listedOn"), profile.specialMeasure.listedOn, ctx),
    dateInput(
      "preApplicationSubmittedOn",
      label("preApplicationSubmittedOn"),
      profile.specialMeasure.preApplicationSubmittedOn,
      ctx,
      t("modal.profile.hint.preApplication", { date: t.date(lastDay) }),
    ),
    {
      type: "input",
      block_id: PROFILE_FIELDS.reliefsUsed.block,
      label: plainText(label("reliefsUsed")),
      optional: true,
      element:
        reliefOptions.length <= 10
          ? {
              type: "checkboxes",
              action_id: PROFILE_FIELDS.reliefsUsed.action,
              options: reliefOptions,
              ...(usedReliefs.length > 0 ? { initial_options: usedReliefs } : {}),
            }
          : {
              type: "multi_static_select",
              action_id: PROFILE_FIELDS.reliefsUsed.action,
              placeholder: plainText(t("modal.selectPlaceholder"), 150),
              options: reliefOptions,
              ...(usedReliefs.length > 0 ? { initial_options: usedReliefs } : {}),
            },
    },
  ];

  if (options.canEditEditors) {
    blocks.push(divider(), section(`*${t("modal.profile.editors")}*`), {
      type: "input",
      block_id: PROFILE_FIELDS.editors.block,
      label: plainText(label("editors")),
      hint: plainText(t("modal.profile.hint.editors")),
      optional: true,
      element: {
        type: "multi_users_select",
        action_id: PROFILE_FIELDS.editors.action,
        ...(profile.editors.length > 0 ? { initial_users: [...profile.editors] } : {}),
      },
    });
  }

  return {
    type: "modal",
    callback_id: CALLBACK.profile,
    title: viewLabel(t("modal.title.profile")),
    submit: viewLabel(t("common.save")),
    close: viewLabel(t("common.cancel")),
    private_metadata: encodeMetadata(CALLBACK.profile, { baseRevision: state.revision }),
    blocks,
  };
}

function textInput(
  field: "name" | "vendor" | "description" | "url",
  label: string,
  value: string,
  maxLength: number,
  extra: { multiline?: boolean; hint?: string } = {},
): InputBlock {
  const { block, action } = PROFILE_FIELDS[field];
  return {
    type: "input",
    block_id: block,
    label: plainText(label),
    optional: true,
    ...(extra.hint ? { hint: plainText(extra.hint) } : {}),
    element: {
      type: "plain_text_input",
      action_id: action,
      max_length: maxLength,
      ...(extra.multiline ? { multiline: true } : {}),
      // Slack refuses an initial value longer than max_length; the schema keeps stored values within it.
      ...(value !== "" ? { initial_value: value.slice(0, maxLength) } : {}),
    },
  };
}

function dateInput(
  field: "registeredOn" | "auditPeriodStart" | "auditPeriodEnd" | "listedOn" | "preApplicationSubmittedOn",
  label: string,
  value: string | undefined,
  ctx: ViewContext,
  hint?: string,
): InputBlock {
  const { block, action } = PROFILE_FIELDS[field];
  return {
    type: "input",
    block_id: block,
    label: plainText(label),
    optional: true,
    ...(hint ? { hint: plainText(hint) } : {}),
    element: {
      type: "datepicker",
      action_id: action,
      placeholder: plainText(ctx.t("modal.datePlaceholder"), 150),
      ...(value !== undefined ? { initial_date: value } : {}),
    },
  };
}

function initialOne(options: PlainTextOption[], value: string): { initial_option?: PlainTextOption } {
  const found = options.find((o) => o.value === value);
  return found ? { initial_option: found } : {};
}

/**
 * Option text is limited to 75 characters: a longer text continues in the option's description (also 75),
 * broken at a space when there is one near the end.
 */
export function splitOptionText(text: string): Pick<PlainTextOption, "text" | "description"> {
  if (text.length <= OPTION_TEXT_MAX) return { text: plainText(text) };
  const room = OPTION_TEXT_MAX - 1;
  const space = text.lastIndexOf(" ", room);
  const cut = space >= room - 25 ? space : room;
  return {
    text: plainText(`${text.slice(0, cut).trimEnd()}…`),
    description: plainText(`…${text.slice(cut).trimStart()}`, OPTION_TEXT_MAX),
  };
}
