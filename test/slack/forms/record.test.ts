import { describe, expect, it } from "vitest";
import { ExternalAudit, InternalAudit } from "../../../src/rules/service-profile.js";
import { ModalMetadataError, type RecordType } from "../../../src/slack/contract/modal-metadata.js";
import { RECORD_FIELDS } from "../../../src/slack/forms/fields.js";
import { liuStartDay, parseRecordSubmission, recordPresetOf } from "../../../src/slack/forms/record.js";
import { recordAuditModal } from "../../../src/slack/views/modals/record.js";
import { rules } from "../../support/fixtures.js";
import { AS_OF, ctxFor, LOCALES, submit } from "../../support/forms.js";
import { blockIdsOf, type Entry } from "../../support/view-state.js";

const F = blockIdsOf(RECORD_FIELDS);

function record(
  changes: Record<string, Entry>,
  { locale = "ja", asOf = AS_OF, newId }: { locale?: "ja" | "en"; asOf?: Date; newId?: () => string } = {},
) {
  const ctx = ctxFor(locale, asOf);
  const view = recordAuditModal(ctx, { baseRevision: 4 });
  return parseRecordSubmission(
    submit(view, changes),
    view.private_metadata ?? "",
    ctx,
    newId ? { newId } : {},
  );
}

const sequence = () => {
  let n = 0;
  return () => `rec-${++n}`;
};

describe("parseRecordSubmission", () => {
  it("records a governance or management audit covering every control, ignoring picked objectives", () => {
    for (const [type, part] of [
      ["external_governance", "governance"],
      ["external_management", "management"],
    ] as const) {
      const outcome = record({ [F.type]: type, [F.objectives]: ["9.2.3"] }, { newId: sequence() });
      expect(outcome).toEqual({
        ok: true,
        kind: "external",
        audit: { id: "rec-1", part, date: "2026-06-15", objectiveIds: [] },
        baseRevision: 4,
      });
      if (outcome.ok) expect(ExternalAudit.safeParse(outcome.audit).success).toBe(true);
    }
  });

  it("records a controls-criteria audit of the picked objectives, unique and in criteria order", () => {
    const outcome = record(
      {
        [F.type]: "external_controls",
        [F.date]: "2025-11-20",
        [F.objectives]: ["9.2.3", "12.6.1", "9.2.3", "6.3.1.P"],
      },
      { newId: sequence() },
    );
    expect(outcome).toMatchObject({
      ok: true,
      kind: "external",
      audit: { part: "controls", date: "2025-11-20", objectiveIds: ["6.3.1.P", "9.2.3", "12.6.1"] },
    });
  });

  it("records an internal audit of all 121 objectives when 'all' is ticked, with the note trimmed", () => {
    const outcome = record({
      [F.type]: "internal",
      [F.all]: ["yes"],
      [F.objectives]: ["9.2.3"],
      [F.note]: "  年次監査  ",
    });
    expect(outcome.ok && outcome.kind).toBe("internal");
    if (outcome.ok) {
      expect(outcome.audit.objectiveIds).toEqual(rules.objectives.objectives.map((o) => o.id));
      expect(outcome.audit.objectiveIds).toHaveLength(121);
      expect(outcome.note).toBe("年次監査");
      expect(InternalAudit.safeParse(outcome.audit).success).toBe(true);
    }
  });

  it("makes a deterministic id without a newId function", () => {
    const changes = { [F.type]: "internal", [F.objectives]: ["5.1.1"] };
    const a = record(changes);
    const b = record(changes);
    const later = record(changes, { asOf: new Date(AS_OF.getTime() + 1000) });
    expect(a.ok && a.audit.id).toMatch(/^int-2026-06-15-[0-9a-f]{16}$/);
    expect(a.ok && a.audit.id).toBe(b.ok && b.audit.id);
    expect(a.ok && a.audit.id).not.toBe(later.ok && later.audit.id);
    expect(record({ [F.type]: "external_governance" })).toMatchObject({
      ok: true,
      audit: { id: expect.stringMatching(/^ext-2026-06-15-[0-9a-f]{16}$/) },
    });
  });

  it("takes today's date in Japan, not in UTC", () => {
    // 2026-06-14 15:30 UTC = 2026-06-15 00:30 JST.
    const asOf = new Date("2026-06-14T15:30:00Z");
    expect(record({ [F.type]: "external_governance", [F.date]: "2026-06-15" }, { asOf }).ok).toBe(true);
    expect(record({ [F.type]: "external_governance", [F.date]: "2026-06-16" }, { asOf }).ok).toBe(false);
  });

  it("accepts the day ISMAP-LIU started, from the rules data", () => {
    expect(liuStartDay(rules)).toBe("2022-11-01");
    expect(record({ [F.type]: "external_governance", [F.date]: "2022-11-01" }).ok).toBe(true);
  });

  for (const locale of LOCALES) {
    const { t } = ctxFor(locale);
    const label = (field: "type" | "date" | "objectives" | "note") => t(`modal.record.fields.${field}`);

    it(`(${locale}) refuses a future date and one before ISMAP-LIU started`, () => {
      expect(record({ [F.type]: "internal", [F.all]: ["yes"], [F.date]: "2026-06-16" }, { locale })).toEqual({
        ok: false,
        errors: { [F.date]: t("modal.errors.future", { field: label("date"), today: t.date("2026-06-15") }) },
      });
      expect(record({ [F.type]: "internal", [F.all]: ["yes"], [F.date]: "2022-10-31" }, { locale })).toEqual({
        ok: false,
        errors: {
          [F.date]: t("modal.errors.beforeStart", { field: label("date"), date: t.date("2022-11-01") }),
        },
      });
    });

    it(`(${locale}) needs objectives (or "all") for controls and internal audits`, () => {
      for (const type of ["external_controls", "internal"] satisfies RecordType[]) {
        const outcome = record({ [F.type]: type }, { locale });
        expect(outcome).toEqual({
          ok: false,
          errors: {
            [F.objectives]: t("modal.errors.objectivesRequired", {
              field: label("objectives"),
              all: t("modal.record.fields.allOption", { count: 121 }),
            }),
          },
        });
        if (!outcome.ok) expect(outcome.errors[F.objectives]).toContain(label("objectives"));
      }
    });

    it(`(${locale}) refuses objectives that do not exist, naming them`, () => {
      const outcome = record({ [F.type]: "internal", [F.objectives]: ["9.2.3", "99.9.9"] }, { locale });
      expect(outcome).toEqual({
        ok: false,
        errors: {
          [F.objectives]: t("modal.errors.unknownObjective", { field: label("objectives"), ids: "99.9.9" }),
        },
      });
    });

    it(`(${locale}) needs a type and a date, and refuses garbage in them and an over-long note`, () => {
      expect(record({ [F.type]: null, [F.date]: null }, { locale })).toEqual({
        ok: false,
        errors: {
          [F.type]: t("modal.errors.required", { field: label("type") }),
          [F.date]: t("modal.errors.required", { field: label("date") }),
        },
      });
      expect(
        record({ [F.type]: "external_all", [F.date]: "2026-13-01", [F.note]: "x".repeat(501) }, { locale }),
      ).toEqual({
        ok: false,
        errors: {
          [F.type]: t("modal.errors.invalidOption", { field: label("type") }),
          [F.date]: t("errors.invalidDate", { value: "2026-13-01" }),
          [F.note]: t("modal.errors.tooLong", { field: label("note"), max: 500 }),
        },
      });
    });
  }

  it("throws a typed error for garbage or tampered metadata", () => {
    const ctx = ctxFor("en");
    expect(() => parseRecordSubmission({}, "", ctx)).toThrow(ModalMetadataError);
    expect(() => parseRecordSubmission({}, '{"baseRevision":1,"presetType":"everything"}', ctx)).toThrow(
      ModalMetadataError,
    );
    expect(() => parseRecordSubmission({}, { baseRevision: Number.NaN }, ctx)).toThrow(ModalMetadataError);
  });
});

describe("recordPresetOf: what recording an obligation as done means in the record modal", () => {
  it("external parts, the controls group's remaining objectives, internal objectives; nothing for report or validity", () => {
    expect(recordPresetOf({ kind: "external", part: "governance", objectiveIds: [] })).toEqual({
      presetType: "external_governance",
    });
    expect(recordPresetOf({ kind: "external", part: "management", objectiveIds: [] })).toEqual({
      presetType: "external_management",
    });
    expect(recordPresetOf({ kind: "controls", part: "controls", objectiveIds: ["9.1.1", "9.1.2"] })).toEqual({
      presetType: "external_controls",
      presetObjectiveIds: ["9.1.1", "9.1.2"],
    });
    expect(recordPresetOf({ kind: "internal", objectiveIds: ["5.1.1"] })).toEqual({
      presetType: "internal",
      presetObjectiveIds: ["5.1.1"],
    });
    expect(recordPresetOf({ kind: "report", objectiveIds: [] })).toEqual({});
    expect(recordPresetOf({ kind: "validity", objectiveIds: [] })).toEqual({});
    expect(recordPresetOf(undefined)).toEqual({});
  });
});
