import type { InputBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import { ServiceProfile } from "../../../../src/rules/service-profile.js";
import { CALLBACK } from "../../../../src/slack/contract/ids.js";
import { parseMetadata } from "../../../../src/slack/contract/modal-metadata.js";
import { PROFILE_FIELDS, TEXT_LIMITS } from "../../../../src/slack/forms/fields.js";
import { profileModal, splitOptionText } from "../../../../src/slack/views/modals/profile.js";
import { rules } from "../../../support/fixtures.js";
import {
  blankProfile,
  blockById,
  ctxFor,
  inputBlockIds,
  LOCALES,
  LONG_NAME,
  largestProfile,
  problemsOf,
  textOf,
} from "../../../support/forms.js";

describe("profileModal", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    const { t } = ctx;

    it(`(${locale}) is valid for members and for admins at the largest profile`, () => {
      const profile = largestProfile();
      const member = profileModal({ profile, revision: 41 }, ctx, { canEditEditors: false });
      assertValidSurface(member);
      const admin = profileModal({ profile, revision: 41 }, ctx, { canEditEditors: true });
      // multi_users_select is a real Slack element the validator does not list yet (see test/support/forms.ts).
      expect(problemsOf(admin)).toEqual([]);
      for (const view of [member, admin]) {
        expect(view.callback_id).toBe(CALLBACK.profile);
        expect([...view.title.text].length).toBeLessThanOrEqual(24);
        expect(view.submit?.text).toBe(t("common.save"));
        expect(parseMetadata(CALLBACK.profile, view.private_metadata)).toEqual({ baseRevision: 41 });
      }
    });

    it(`(${locale}) shows the editors input to admins only`, () => {
      const profile = { ...blankProfile(), editors: ["U0AAA", "U0BBB"] };
      const member = profileModal({ profile, revision: 1 }, ctx, { canEditEditors: false });
      expect(inputBlockIds(member)).not.toContain(PROFILE_FIELDS.editors.block);
      const admin = profileModal({ profile, revision: 1 }, ctx, { canEditEditors: true });
      expect((blockById(admin, PROFILE_FIELDS.editors.block) as InputBlock).element).toMatchObject({
        type: "multi_users_select",
        initial_users: ["U0AAA", "U0BBB"],
      });
    });

    it(`(${locale}) prefills every field from the profile, with the schema's maximum lengths`, () => {
      const profile = largestProfile();
      const view = profileModal({ profile, revision: 2 }, ctx, { canEditEditors: true });
      const element = (field: keyof typeof PROFILE_FIELDS) =>
        (blockById(view, PROFILE_FIELDS[field].block) as InputBlock).element as unknown as Record<
          string,
          unknown
        >;
      expect(element("name")).toMatchObject({
        type: "plain_text_input",
        initial_value: LONG_NAME,
        max_length: 200,
      });
      expect(element("vendor")).toMatchObject({ max_length: TEXT_LIMITS.vendor });
      expect(element("description")).toMatchObject({ multiline: true, max_length: TEXT_LIMITS.description });
      expect(element("url")).toMatchObject({
        max_length: TEXT_LIMITS.url,
        initial_value: profile.service.url,
      });
      expect(element("status")).toMatchObject({
        type: "static_select",
        initial_option: { value: "registered" },
      });
      expect(element("registeredOn")).toMatchObject({ type: "datepicker", initial_date: "2023-04-01" });
      expect(element("auditPeriodStart")).toMatchObject({ initial_date: "2025-04-01" });
      expect(element("auditPeriodEnd")).toMatchObject({ initial_date: "2026-03-31" });
      expect(element("listed")).toMatchObject({ type: "checkboxes", initial_options: [{ value: "yes" }] });
      expect(element("listedOn")).toMatchObject({ initial_date: "2024-01-10" });
      expect(element("preApplicationSubmittedOn")).toMatchObject({ initial_date: "2023-12-01" });
      expect(element("reliefsUsed")).toMatchObject({
        type: "checkboxes",
        initial_options: rules.specialMeasure.reliefs.map((r) => ({ value: r.id })),
      });
      // Every input is optional except the status, which always has a value.
      for (const id of inputBlockIds(view)) {
        expect({ id, optional: (blockById(view, id) as InputBlock).optional ?? false }).toEqual({
          id,
          optional: id !== PROFILE_FIELDS.status.block,
        });
      }
    });

    it(`(${locale}) leaves empty fields empty and labels every status`, () => {
      const view = profileModal({ profile: blankProfile(), revision: 0 }, ctx, { canEditEditors: false });
      assertValidSurface(view);
      const name = (blockById(view, PROFILE_FIELDS.name.block) as InputBlock).element;
      expect("initial_value" in name).toBe(false);
      const listed = (blockById(view, PROFILE_FIELDS.listed.block) as InputBlock).element;
      expect("initial_options" in listed).toBe(false);
      const text = textOf(view);
      for (const status of [
        "not_started",
        "preparing",
        "pre_applied",
        "applied",
        "registered",
        "lapsed",
        "withdrawn",
      ] as const) {
        expect(text).toContain(t(`modal.profile.status.${status}`));
      }
      expect(text).toContain(t("modal.profile.hint.auditPeriod", { min: 3, max: 12 }));
      expect(text).toContain(t("modal.profile.hint.preApplication", { date: t.date("2025-03-31") }));
    });
  }

  it("keeps the text limits equal to the profile schema's", () => {
    for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
      const ok = { schemaVersion: 1, service: { [field]: "x".repeat(max) } };
      const over = { schemaVersion: 1, service: { [field]: "x".repeat(max + 1) } };
      expect({ field, ok: ServiceProfile.safeParse(ok).success }).toEqual({ field, ok: true });
      expect({ field, ok: ServiceProfile.safeParse(over).success }).toEqual({ field, ok: false });
    }
  });

  it("splits long option text over the text and the description, each within 75 characters", () => {
    const long =
      "Once within the measure period, the ISMAP-LIU external audit may be limited to the design assessment plus a minimal operating assessment.";
    const split = splitOptionText(long);
    expect(split.text.text.length).toBeLessThanOrEqual(75);
    expect(split.description?.text.length).toBeLessThanOrEqual(75);
    expect(split.text.text.endsWith("…")).toBe(true);
    expect(`${split.text.text.slice(0, -1)} ${split.description?.text.slice(1)}`).toBe(long);
    expect(splitOptionText("短い")).toEqual({ text: { type: "plain_text", text: "短い", emoji: true } });
    const ja = "あ".repeat(120);
    const jaSplit = splitOptionText(ja);
    expect(jaSplit.text.text.length).toBe(75);
    expect(jaSplit.description?.text.length).toBeLessThanOrEqual(75);
  });
});
