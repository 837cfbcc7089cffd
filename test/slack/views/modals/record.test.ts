import type { InputBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import { findObjective } from "../../../../src/rules/objectives.js";
import { ACTION, CALLBACK } from "../../../../src/slack/contract/ids.js";
import { parseMetadata, RECORD_TYPES } from "../../../../src/slack/contract/modal-metadata.js";
import { RECORD_FIELDS } from "../../../../src/slack/forms/fields.js";
import {
  OBJECTIVE_OPTIONS_MAX,
  objectiveOptions,
  recordAuditModal,
} from "../../../../src/slack/views/modals/record.js";
import { rules } from "../../../support/fixtures.js";
import { blockById, ctxFor, LOCALES, textOf } from "../../../support/forms.js";

describe("recordAuditModal", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    const { t } = ctx;
    const element = (view: ReturnType<typeof recordAuditModal>, field: keyof typeof RECORD_FIELDS) =>
      (blockById(view, RECORD_FIELDS[field].block) as InputBlock).element as unknown as Record<
        string,
        unknown
      >;

    it(`(${locale}) is valid, with the four audit types, today's JST date and the objective search`, () => {
      // 2026-06-14 23:30 UTC is already 15 June in Japan.
      const view = recordAuditModal(ctxFor(locale, new Date("2026-06-14T15:30:00Z")), { baseRevision: 9 });
      assertValidSurface(view);
      expect(view.callback_id).toBe(CALLBACK.record);
      expect([...view.title.text].length).toBeLessThanOrEqual(24);
      expect(view.submit?.text).toBe(t("modal.record.submit"));
      expect(element(view, "type")).toMatchObject({
        type: "radio_buttons",
        options: RECORD_TYPES.map((value) => ({ value, text: { text: t(`modal.record.types.${value}`) } })),
      });
      expect("initial_option" in element(view, "type")).toBe(false);
      expect(element(view, "date")).toMatchObject({ type: "datepicker", initial_date: "2026-06-15" });
      expect(element(view, "objectives")).toMatchObject({
        type: "multi_external_select",
        action_id: ACTION.objectiveSelect,
        min_query_length: 0,
      });
      expect((blockById(view, RECORD_FIELDS.objectives.block) as InputBlock).optional).toBe(true);
      expect(element(view, "all")).toMatchObject({
        type: "checkboxes",
        options: [{ text: { text: t("modal.record.fields.allOption", { count: 121 }) } }],
      });
      expect(element(view, "note")).toMatchObject({
        type: "plain_text_input",
        multiline: true,
        max_length: 500,
      });
      expect(textOf(view)).toContain(t("modal.record.hint.objectives"));
      expect(parseMetadata(CALLBACK.record, view.private_metadata)).toEqual({ baseRevision: 9 });
    });

    it(`(${locale}) preselects a preset type and carries it in the metadata`, () => {
      for (const presetType of RECORD_TYPES) {
        const view = recordAuditModal(ctx, { baseRevision: 1, presetType });
        assertValidSurface(view);
        expect(element(view, "type")).toMatchObject({ initial_option: { value: presetType } });
        expect(parseMetadata(CALLBACK.record, view.private_metadata)).toEqual({
          baseRevision: 1,
          presetType,
        });
      }
    });

    it(`(${locale}) preselects a reminder's objectives: known ids, "all" for the whole catalogue, at most 100`, () => {
      const some = recordAuditModal(ctx, {
        baseRevision: 1,
        presetType: "internal",
        presetObjectiveIds: ["5.1.2", "5.1.1", "no-such-id", "5.1.1"],
      });
      assertValidSurface(some);
      const picked = element(some, "objectives").initial_options as {
        value: string;
        text: { text: string };
      }[];
      expect(picked.map((o) => o.value)).toEqual(["5.1.2", "5.1.1"]);
      expect(picked[1]?.text.text).toContain(findObjective(rules, "5.1.1")?.label[locale]);
      expect("initial_options" in element(some, "all")).toBe(false);

      const ids = rules.objectives.objectives.map((o) => o.id);
      const all = recordAuditModal(ctx, { baseRevision: 1, presetType: "internal", presetObjectiveIds: ids });
      assertValidSurface(all);
      expect("initial_options" in element(all, "objectives")).toBe(false);
      expect(element(all, "all")).toMatchObject({ initial_options: [{ value: "yes" }] });

      const many = recordAuditModal(ctx, {
        baseRevision: 1,
        presetType: "internal",
        presetObjectiveIds: ids.slice(0, 119),
      });
      assertValidSurface(many);
      expect(element(many, "objectives").initial_options).toHaveLength(OBJECTIVE_OPTIONS_MAX);
      expect(textOf(many)).toContain(t("modal.record.presetMore", { count: 19 }));
    });
  }
});

describe("objectiveOptions", () => {
  const valid = (options: ReturnType<typeof objectiveOptions>) => {
    expect(options.length).toBeLessThanOrEqual(OBJECTIVE_OPTIONS_MAX);
    for (const option of options) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(option.text.type).toBe("plain_text");
      expect(findObjective(rules, option.value ?? "")?.id).toBe(option.value);
    }
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    // As the block_suggestion answer would be shown: a valid external select's options.
    assertValidSurface({
      type: "modal",
      title: { type: "plain_text", text: "t" },
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: "x" },
          accessory: { type: "static_select", action_id: "a", options },
        },
      ],
    });
  };

  it('lists the objectives under a numeric prefix ("9.2"), id first', () => {
    for (const locale of LOCALES) {
      const options = objectiveOptions("9.2", ctxFor(locale));
      valid(options);
      expect(options.map((o) => o.value)).toEqual(["9.2.1", "9.2.2", "9.2.3", "9.2.4", "9.2.5", "9.2.6"]);
      const label = findObjective(rules, "9.2.3")?.label[locale] ?? "";
      expect(options[2]?.text.text).toBe(`9.2.3 ${label}`);
    }
  });

  it('finds objectives by Japanese label text ("特権")', () => {
    const options = objectiveOptions("特権", ctxFor("ja"));
    valid(options);
    expect(options.map((o) => o.value)).toContain("9.2.3");
    expect(options.every((o) => o.text.text.includes("特権"))).toBe(true);
    // An English reader searching in Japanese still finds them, labelled in English.
    const en = objectiveOptions("特権", ctxFor("en"));
    expect(en.map((o) => o.value)).toEqual(options.map((o) => o.value));
  });

  it("lists the catalogue from the start for an empty query, at most 100", () => {
    const options = objectiveOptions("", ctxFor("ja"));
    valid(options);
    expect(options).toHaveLength(100);
    expect(options[0]?.value).toBe("5.1.1");
  });

  it("answers nothing for nonsense, and tolerates full-width and very long queries", () => {
    expect(objectiveOptions("zzzzqqq", ctxFor("en"))).toEqual([]);
    expect(objectiveOptions("９．２．３", ctxFor("ja")).map((o) => o.value)[0]).toBe("9.2.3");
    valid(objectiveOptions("a".repeat(5000), ctxFor("en")));
  });
});
