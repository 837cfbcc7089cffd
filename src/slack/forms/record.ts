/**
 * The record modal's view_submission as a new external or internal audit record, or errors keyed by block_id in
 * the reader's language.
 */
import { createHash } from "node:crypto";
import { type JstDate, toJstDate } from "../../lib/time.js";
import { compareObjectiveIds, findObjective, objectiveCatalogue } from "../../rules/objectives.js";
import type { RuleSet } from "../../rules/schema.js";
import type { ExternalAudit, InternalAudit } from "../../rules/service-profile.js";
import type { Obligation } from "../../rules/timeline.js";
import { CALLBACK } from "../contract/ids.js";
import type { ViewContext } from "../contract/modal-context.js";
import { ModalMetadataError, parseMetadata, RecordMetadata, RecordType } from "../contract/modal-metadata.js";
import { checkDay } from "./dates.js";
import { CHECKED, NOTE_MAX, RECORD_FIELDS, type RecordField } from "./fields.js";
import { dateValue, selectedValue, selectedValues, textValue, type ViewStateValues } from "./state.js";

export type RecordSubmission =
  | { ok: true; kind: "external"; audit: ExternalAudit; baseRevision: number; note?: string }
  | { ok: true; kind: "internal"; audit: InternalAudit; baseRevision: number; note?: string }
  | { ok: false; errors: Record<string, string> };

export interface RecordParseOptions {
  /**
   * Makes the new record's id. Default: a hash of the record and ctx.asOf, so the same submission at the same
   * instant gets the same id (a retried request does not add a second record).
   */
  newId?: () => string;
}

/** The record modal's initial values for an obligation: its audit type and the objectives still to do. */
export interface RecordPreset {
  presetType?: RecordType;
  presetObjectiveIds?: string[];
}

/**
 * What recording an obligation as done means in the record modal: an external audit of its part (governance,
 * management), an external controls-criteria audit of the group's remaining objectives, or an internal audit of
 * the objectives due. The audit report and the registration's validity are not audits one records: no preset.
 */
export function recordPresetOf(
  obligation: Pick<Obligation, "kind" | "part" | "objectiveIds"> | undefined,
): RecordPreset {
  if (obligation === undefined) return {};
  const ids = obligation.objectiveIds.length > 0 ? { presetObjectiveIds: [...obligation.objectiveIds] } : {};
  switch (obligation.kind) {
    case "external":
      if (obligation.part === "governance") return { presetType: "external_governance" };
      if (obligation.part === "management") return { presetType: "external_management" };
      return obligation.part === "controls" ? { presetType: "external_controls", ...ids } : {};
    case "controls":
      return { presetType: "external_controls", ...ids };
    case "internal":
      return { presetType: "internal", ...ids };
    case "report":
    case "validity":
      return {};
  }
}

/** The day ISMAP-LIU started, from the rules (program.liu-started), as a JST day. */
export function liuStartDay(rules: Pick<RuleSet, "program">): JstDate {
  const fact = rules.program.facts.find((f) => f.id === "program.liu-started");
  return fact?.validFrom ? toJstDate(new Date(fact.validFrom)) : "2022-11-01";
}

/**
 * Checks: a type; a real day, not after asOf's JST day nor before ISMAP-LIU started; objectives (or "all") for
 * controls-criteria and internal audits, each a catalogue objective (ids normalised, sorted, unique); governance
 * and management audits cover every control, so their objectives are ignored; a note of at most 500 characters.
 * Throws ModalMetadataError for unreadable metadata.
 */
export function parseRecordSubmission(
  state: ViewStateValues,
  metadata: RecordMetadata | string,
  ctx: ViewContext,
  options: RecordParseOptions = {},
): RecordSubmission {
  const meta = readMetadata(metadata);
  const { rules, t } = ctx;
  const errors: Record<string, string> = {};
  const label = (field: Exclude<RecordField, "all">) => t(`modal.record.fields.${field}`);
  const fail = (field: RecordField, message: string) => {
    errors[RECORD_FIELDS[field].block] ??= message;
  };

  const typeValue = selectedValue(state, RECORD_FIELDS.type.block, RECORD_FIELDS.type.action);
  const typeParsed = typeValue === undefined ? undefined : RecordType.safeParse(typeValue);
  if (typeParsed === undefined) fail("type", t("modal.errors.required", { field: label("type") }));
  else if (!typeParsed.success) fail("type", t("modal.errors.invalidOption", { field: label("type") }));
  const type = typeParsed?.success ? typeParsed.data : undefined;

  const today = toJstDate(ctx.asOf);
  const start = liuStartDay(rules);
  const rawDate = dateValue(state, RECORD_FIELDS.date.block, RECORD_FIELDS.date.action);
  let date: JstDate | undefined;
  if (rawDate === undefined) {
    fail("date", t("modal.errors.required", { field: label("date") }));
  } else {
    const checked = checkDay(rawDate, label("date"), t);
    if ("error" in checked) fail("date", checked.error);
    else if (checked.day > today)
      fail("date", t("modal.errors.future", { field: label("date"), today: t.date(today) }));
    else if (checked.day < start)
      fail("date", t("modal.errors.beforeStart", { field: label("date"), date: t.date(start) }));
    else date = checked.day;
  }

  let objectiveIds: string[] = [];
  if (type === "external_controls" || type === "internal") {
    const all = selectedValues(state, RECORD_FIELDS.all.block, RECORD_FIELDS.all.action).includes(CHECKED);
    const picked = selectedValues(state, RECORD_FIELDS.objectives.block, RECORD_FIELDS.objectives.action);
    if (all) {
      objectiveIds = [...objectiveCatalogue(rules).ids];
    } else if (picked.length === 0) {
      fail(
        "objectives",
        t("modal.errors.objectivesRequired", {
          field: label("objectives"),
          all: t("modal.record.fields.allOption", { count: rules.objectives.objectives.length }),
        }),
      );
    } else {
      const unknown: string[] = [];
      const ids = new Set<string>();
      for (const value of picked) {
        const objective = findObjective(rules, value);
        if (objective) ids.add(objective.id);
        else unknown.push(value.slice(0, 20));
      }
      if (unknown.length > 0) {
        fail(
          "objectives",
          t("modal.errors.unknownObjective", {
            field: label("objectives"),
            ids: unknown.slice(0, 5).join(", "),
          }),
        );
      }
      objectiveIds = [...ids].sort(compareObjectiveIds);
    }
  }

  const note = textValue(state, RECORD_FIELDS.note.block, RECORD_FIELDS.note.action);
  if (note !== undefined && note.length > NOTE_MAX) {
    fail("note", t("modal.errors.tooLong", { field: label("note"), max: NOTE_MAX }));
  }

  if (Object.keys(errors).length > 0 || type === undefined || date === undefined)
    return { ok: false, errors };

  const id = options.newId?.() ?? defaultId(type, date, objectiveIds, ctx.asOf);
  const extra = note === undefined ? {} : { note };
  if (type === "internal") {
    return {
      ok: true,
      kind: "internal",
      audit: { id, date, objectiveIds },
      baseRevision: meta.baseRevision,
      ...extra,
    };
  }
  const part =
    type === "external_governance"
      ? "governance"
      : type === "external_management"
        ? "management"
        : "controls";
  return {
    ok: true,
    kind: "external",
    audit: { id, part, date, objectiveIds },
    baseRevision: meta.baseRevision,
    ...extra,
  };
}

function readMetadata(metadata: RecordMetadata | string): RecordMetadata {
  if (typeof metadata === "string") return parseMetadata(CALLBACK.record, metadata);
  const parsed = RecordMetadata.safeParse(metadata);
  if (!parsed.success)
    throw new ModalMetadataError(CALLBACK.record, "invalid", parsed.error.issues[0]?.message);
  return parsed.data;
}

function defaultId(type: RecordType, date: JstDate, objectiveIds: readonly string[], asOf: Date): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([type, date, objectiveIds, asOf.toISOString()]))
    .digest("hex")
    .slice(0, 16);
  return `${type === "internal" ? "int" : "ext"}-${date}-${digest}`;
}
