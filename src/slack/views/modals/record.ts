/**
 * Recording an audit: its type, day, the control objectives it covered (searched through an external select) or
 * all of them, and an optional note. Also the options the objective search answers block_suggestion with.
 */
import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { toJstDate } from "../../../lib/time.js";
import { objectiveCatalogue, objectiveText, searchObjectives } from "../../../rules/objectives.js";
import type { ControlObjective } from "../../../rules/schema.js";
import { CALLBACK } from "../../contract/ids.js";
import type { ViewContext } from "../../contract/modal-context.js";
import {
  encodeMetadata,
  RECORD_TYPES,
  type RecordMetadata,
  type RecordType,
} from "../../contract/modal-metadata.js";
import { CHECKED, NOTE_MAX, RECORD_FIELDS } from "../../forms/fields.js";
import { context, truncate } from "../parts.js";
import { OPTION_TEXT_MAX, plainText, viewLabel } from "./text.js";

export interface RecordModalState {
  /** The profile revision the record is added to. */
  baseRevision: number;
  /** Preselects the audit type (e.g. from a "record the governance audit" button). */
  presetType?: RecordType;
  /**
   * Preselects these objectives (e.g. from a reminder's "Record as done"): the whole catalogue ticks "all";
   * otherwise at most OBJECTIVE_OPTIONS_MAX are preselected and the modal says how many more there are.
   */
  presetObjectiveIds?: readonly string[];
}

/** Slack shows at most 100 options per external select answer. */
export const OBJECTIVE_OPTIONS_MAX = 100;

/** The modal's metadata is `{ baseRevision, presetType? }`; inputs are keyed by RECORD_FIELDS. */
export function recordAuditModal(ctx: ViewContext, state: RecordModalState): ModalView {
  const { rules, t } = ctx;
  const typeOptions: PlainTextOption[] = RECORD_TYPES.map((type) => ({
    text: plainText(t(`modal.record.types.${type}`), OPTION_TEXT_MAX),
    value: type,
  }));
  const preset = typeOptions.find((o) => o.value === state.presetType);
  const allOption: PlainTextOption = {
    text: plainText(
      t("modal.record.fields.allOption", { count: rules.objectives.objectives.length }),
      OPTION_TEXT_MAX,
    ),
    value: CHECKED,
  };

  // Preselected objectives: known catalogue ids only, in the order given.
  const catalogue = objectiveCatalogue(rules);
  const presetIds = [...new Set(state.presetObjectiveIds ?? [])].filter((id) => catalogue.byId.has(id));
  const presetAll = presetIds.length > 0 && presetIds.length === catalogue.ids.length;
  const presetOptions: PlainTextOption[] = presetAll
    ? []
    : presetIds.slice(0, OBJECTIVE_OPTIONS_MAX).map((id) => ({
        text: {
          type: "plain_text",
          text: truncate(
            objectiveText(catalogue.byId.get(id) as ControlObjective, t.locale),
            OPTION_TEXT_MAX,
          ),
        },
        value: id,
      }));
  const presetMore = presetAll ? 0 : presetIds.length - presetOptions.length;

  const blocks: KnownBlock[] = [
    context(t("modal.record.intro")),
    {
      type: "input",
      block_id: RECORD_FIELDS.type.block,
      label: plainText(t("modal.record.fields.type")),
      element: {
        type: "radio_buttons",
        action_id: RECORD_FIELDS.type.action,
        options: typeOptions,
        ...(preset ? { initial_option: preset } : {}),
      },
    },
    {
      type: "input",
      block_id: RECORD_FIELDS.date.block,
      label: plainText(t("modal.record.fields.date")),
      hint: plainText(t("modal.record.hint.date")),
      element: {
        type: "datepicker",
        action_id: RECORD_FIELDS.date.action,
        initial_date: toJstDate(ctx.asOf),
        placeholder: plainText(t("modal.datePlaceholder"), 150),
      },
    },
    {
      type: "input",
      block_id: RECORD_FIELDS.objectives.block,
      label: plainText(t("modal.record.fields.objectives")),
      hint: plainText(t("modal.record.hint.objectives")),
      // Required for controls and internal audits only: checked on submission, so the input itself is optional.
      optional: true,
      element: {
        type: "multi_external_select",
        action_id: RECORD_FIELDS.objectives.action,
        min_query_length: 0,
        placeholder: plainText(t("modal.record.objectivesPlaceholder"), 150),
        ...(presetOptions.length > 0 ? { initial_options: presetOptions } : {}),
      },
    },
    ...(presetMore > 0 ? [context(t("modal.record.presetMore", { count: presetMore }))] : []),
    {
      type: "input",
      block_id: RECORD_FIELDS.all.block,
      label: plainText(t("modal.record.fields.scope")),
      optional: true,
      element: {
        type: "checkboxes",
        action_id: RECORD_FIELDS.all.action,
        options: [allOption],
        ...(presetAll ? { initial_options: [allOption] } : {}),
      },
    },
    {
      type: "input",
      block_id: RECORD_FIELDS.note.block,
      label: plainText(t("modal.record.fields.note")),
      hint: plainText(t("modal.record.hint.note")),
      optional: true,
      element: {
        type: "plain_text_input",
        action_id: RECORD_FIELDS.note.action,
        multiline: true,
        max_length: NOTE_MAX,
      },
    },
  ];

  const metadata: RecordMetadata = { baseRevision: state.baseRevision };
  if (state.presetType !== undefined) metadata.presetType = state.presetType;
  return {
    type: "modal",
    callback_id: CALLBACK.record,
    title: viewLabel(t("modal.title.record")),
    submit: viewLabel(t("modal.record.submit")),
    close: viewLabel(t("common.cancel")),
    private_metadata: encodeMetadata(CALLBACK.record, metadata),
    blocks,
  };
}

/**
 * The options for the objective picker's block_suggestion: the catalogue searched by id or label (ranked, the
 * reader's language first), at most 100, each "9.2.3 特権IDの管理" cut to 75 characters, value = objective id.
 * An empty query lists the catalogue from the start.
 */
export function objectiveOptions(
  query: string,
  ctx: Pick<ViewContext, "rules" | "t"> & Partial<ViewContext>,
): PlainTextOption[] {
  const locale = ctx.t.locale;
  return searchObjectives(ctx.rules, query.slice(0, 200), { limit: OBJECTIVE_OPTIONS_MAX, locale }).map(
    ({ objective }) => ({
      text: { type: "plain_text", text: truncate(objectiveText(objective, locale), OPTION_TEXT_MAX) },
      value: objective.id,
    }),
  );
}
