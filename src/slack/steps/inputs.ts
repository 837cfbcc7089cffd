/**
 * The Workflow Builder steps' inputs, checked: "days ahead" of "ISMAP: what is due", and the audit of "ISMAP: record
 * an audit", which goes through the record modal's own parser (forms/record.ts) by presenting the inputs as the
 * modal's state, so a step and the modal accept and refuse exactly the same audits. Pure.
 */
import type { Translator } from "../../i18n/translator.js";
import type { ViewContext } from "../contract/modal-context.js";
import { CHECKED, RECORD_FIELDS } from "../forms/fields.js";
import type { RecordParseOptions, RecordSubmission } from "../forms/record.js";
import { parseRecordSubmission } from "../forms/record.js";
import type { ViewStateValues } from "../forms/state.js";

/** The longest look-ahead a step may ask for: three years, the registration's whole cycle. */
export const MAX_DAYS_AHEAD = 1095;
/** What "days ahead" is when the workflow leaves it empty. */
export const DEFAULT_DAYS_AHEAD = 30;
/** How many objective ids one step run may list (the catalogue has 121; "all" stands for all of them). */
export const MAX_OBJECTIVE_IDS = 200;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Workflow Builder sends numbers as numbers; a text variable mapped into the input arrives as a string. */
export function parseDaysAhead(input: unknown, t: Translator): Checked<number> {
  if (input === undefined || input === null || input === "") return { ok: true, value: DEFAULT_DAYS_AHEAD };
  const text =
    typeof input === "number" ? String(input) : typeof input === "string" ? input.trim() : undefined;
  const days = text !== undefined && /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS_AHEAD) {
    const shown = text === undefined ? typeof input : text.slice(0, 20);
    return { ok: false, error: t("steps.errors.daysAhead", { max: MAX_DAYS_AHEAD, value: shown || "—" }) };
  }
  return { ok: true, value: days };
}

/** Objective ids as the step got them: a comma/space separated text, or a list; "all" stands for every one. */
export function objectiveIdsOf(input: unknown): { all: boolean; ids: string[] } {
  const parts = Array.isArray(input)
    ? input.filter((v): v is string => typeof v === "string")
    : typeof input === "string"
      ? input.split(/[\s,、，;]+/)
      : [];
  const ids = parts.map((p) => p.trim()).filter((p) => p !== "");
  const all = ids.some((id) => id.toLowerCase() === "all" || id === "すべて" || id === "全て");
  return { all, ids: all ? [] : ids.slice(0, MAX_OBJECTIVE_IDS) };
}

function text(input: unknown): string | undefined {
  return typeof input === "string" && input.trim() !== "" ? input.trim() : undefined;
}

/** The step's inputs in the record modal's state shape (forms/fields.ts RECORD_FIELDS). */
export function recordStateOf(inputs: Record<string, unknown>): ViewStateValues {
  const { all, ids } = objectiveIdsOf(inputs.objective_ids);
  const type = text(inputs.audit_type);
  const date = text(inputs.audit_date);
  const note = text(inputs.note);
  const state: Record<string, Record<string, unknown>> = {
    [RECORD_FIELDS.type.block]: {
      [RECORD_FIELDS.type.action]: { type: "static_select", selected_option: type ? { value: type } : null },
    },
    [RECORD_FIELDS.date.block]: {
      [RECORD_FIELDS.date.action]: { type: "datepicker", selected_date: date ?? null },
    },
    [RECORD_FIELDS.objectives.block]: {
      [RECORD_FIELDS.objectives.action]: {
        type: "multi_external_select",
        selected_options: ids.map((value) => ({ value })),
      },
    },
    [RECORD_FIELDS.all.block]: {
      [RECORD_FIELDS.all.action]: { type: "checkboxes", selected_options: all ? [{ value: CHECKED }] : [] },
    },
    [RECORD_FIELDS.note.block]: {
      [RECORD_FIELDS.note.action]: { type: "plain_text_input", value: note ?? null },
    },
  };
  return state as ViewStateValues;
}

/**
 * The step's audit, checked by the record modal's parser; its errors (one per field, in the team's language)
 * joined into the one message a failed step shows.
 */
export function parseRecordInputs(
  inputs: Record<string, unknown>,
  ctx: ViewContext,
  options: RecordParseOptions = {},
): Checked<Extract<RecordSubmission, { ok: true }>> {
  // baseRevision 0: a step always appends on the newest revision (saveAuditRecord), like the modal.
  const parsed = parseRecordSubmission(recordStateOf(inputs), { baseRevision: 0 }, ctx, options);
  if (parsed.ok) return { ok: true, value: parsed };
  // Each message is a sentence of its own.
  const problems = Object.values(parsed.errors).join(ctx.t.locale === "ja" ? "" : " ");
  return { ok: false, error: ctx.t("steps.errors.invalid", { problems }) };
}
