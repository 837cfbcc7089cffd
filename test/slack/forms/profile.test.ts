import { describe, expect, it } from "vitest";
import { ServiceProfile as ProfileSchema, type ServiceProfile } from "../../../src/rules/service-profile.js";
import { ModalMetadataError } from "../../../src/slack/contract/modal-metadata.js";
import { PROFILE_FIELDS } from "../../../src/slack/forms/fields.js";
import { isWebUrl, parseProfileSubmission } from "../../../src/slack/forms/profile.js";
import { profileModal } from "../../../src/slack/views/modals/profile.js";
import { rules } from "../../support/fixtures.js";
import { blankProfile, ctxFor, LOCALES, largestProfile, submit } from "../../support/forms.js";
import { blockIdsOf, type Entry } from "../../support/view-state.js";

const F = blockIdsOf(PROFILE_FIELDS);

function edit(
  profile: ServiceProfile,
  changes: Record<string, Entry>,
  { locale = "ja", canEditEditors = true }: { locale?: "ja" | "en"; canEditEditors?: boolean } = {},
) {
  const ctx = ctxFor(locale);
  const view = profileModal({ profile, revision: 5 }, ctx, { canEditEditors });
  return parseProfileSubmission(submit(view, changes), view.private_metadata ?? "", profile, ctx, {
    canEditEditors,
  });
}

function updated(profile: ServiceProfile, changes: Record<string, Entry>): ServiceProfile {
  const outcome = edit(profile, changes);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  const next = outcome.update(profile);
  expect(ProfileSchema.safeParse(next).success).toBe(true);
  return next;
}

function errorsOf(profile: ServiceProfile, changes: Record<string, Entry>, locale: "ja" | "en" = "ja") {
  const outcome = edit(profile, changes, { locale });
  if (outcome.ok) throw new Error("expected errors");
  return outcome.errors;
}

describe("parseProfileSubmission", () => {
  it("submitted untouched, it changes nothing (largest and empty profiles)", () => {
    for (const profile of [largestProfile(), blankProfile()]) {
      const outcome = edit(profile, {});
      expect(outcome.ok).toBe(true);
      if (outcome.ok) {
        expect(outcome.update(profile)).toEqual(profile);
        expect(outcome.baseRevision).toBe(5);
      }
    }
  });

  it("applies every field, trimming text", () => {
    const next = updated(blankProfile(), {
      [F.name]: "  電子決裁クラウド  ",
      [F.vendor]: "株式会社サンプル",
      [F.description]: "  文書の回覧と決裁\n  ",
      [F.url]: " https://example.jp/service ",
      [F.status]: "preparing",
      [F.registeredOn]: "2025-10-01",
      [F.auditPeriodStart]: "2024-04-01",
      [F.auditPeriodEnd]: "2025-03-31",
      [F.listed]: ["yes"],
      [F.listedOn]: "2024-01-10",
      [F.preApplicationSubmittedOn]: "2023-12-01",
      [F.reliefsUsed]: ["relief.external-audit-design"],
      [F.editors]: ["U0AAA111", "U0AAA111", "W0BBB222"],
    });
    expect(next.service).toEqual({
      name: "電子決裁クラウド",
      vendor: "株式会社サンプル",
      description: "文書の回覧と決裁",
      url: "https://example.jp/service",
    });
    expect(next.registration).toEqual({
      status: "preparing",
      registeredOn: "2025-10-01",
      auditPeriodStart: "2024-04-01",
      auditPeriodEnd: "2025-03-31",
    });
    expect(next.specialMeasure).toEqual({
      listed: true,
      listedOn: "2024-01-10",
      preApplicationSubmittedOn: "2023-12-01",
      reliefsUsed: ["relief.external-audit-design"],
    });
    expect(next.editors).toEqual(["U0AAA111", "W0BBB222"]);
  });

  it("clears what the person emptied", () => {
    const next = updated(largestProfile(), {
      [F.status]: "preparing",
      [F.name]: null,
      [F.registeredOn]: null,
      [F.auditPeriodStart]: null,
      [F.auditPeriodEnd]: null,
      [F.listed]: [],
      [F.listedOn]: null,
      [F.reliefsUsed]: [],
      [F.editors]: [],
    });
    expect(next.service.name).toBe("");
    expect(next.registration).toEqual({ status: "preparing" });
    expect(next.specialMeasure).toEqual({
      listed: false,
      preApplicationSubmittedOn: "2023-12-01",
      reliefsUsed: [],
    });
    expect(next.editors).toEqual([]);
  });

  describe("checks that keep the obligations timeline honest (issue 10)", () => {
    const registeredLabel = (locale: "ja" | "en") => ctxFor(locale).t("msg.registration.registered");
    for (const locale of LOCALES) {
      const { t } = ctxFor(locale);
      const label = (field: keyof typeof PROFILE_FIELDS) => t(`modal.profile.fields.${field}`);

      it(`(${locale}) refuses "registered" without its registration date or audit period, naming the field`, () => {
        const errors = errorsOf(
          blankProfile(),
          {
            [F.status]: "registered",
            [F.registeredOn]: null,
            [F.auditPeriodStart]: null,
            [F.auditPeriodEnd]: null,
          },
          locale,
        );
        const status = registeredLabel(locale);
        expect(errors).toEqual({
          [F.registeredOn]: t("modal.errors.registeredNeeds", { field: label("registeredOn"), status }),
          [F.auditPeriodStart]: t("modal.errors.registeredNeeds", {
            field: label("auditPeriodStart"),
            status,
          }),
        });
      });

      it(`(${locale}) refuses a registration date in the future`, () => {
        // The forms' context is at 2026-06-15 JST (helpers).
        const errors = errorsOf(blankProfile(), { [F.registeredOn]: "2026-06-16" }, locale);
        expect(errors[F.registeredOn]).toBe(
          t("modal.errors.future", { field: label("registeredOn"), today: t.date("2026-06-15") }),
        );
        expect(edit(blankProfile(), { [F.registeredOn]: "2026-06-15" }).ok).toBe(true);
      });

      it(`(${locale}) refuses a pre-application after the special measure's deadline (the last day is 2025-03-31)`, () => {
        const errors = errorsOf(blankProfile(), { [F.preApplicationSubmittedOn]: "2025-04-01" }, locale);
        expect(errors[F.preApplicationSubmittedOn]).toBe(
          t("modal.errors.afterSpecialDeadline", {
            field: label("preApplicationSubmittedOn"),
            date: t.date("2025-03-31"),
          }),
        );
        expect(edit(blankProfile(), { [F.preApplicationSubmittedOn]: "2025-03-31" }).ok).toBe(true);
      });

      it(`(${locale}) refuses a listing date before the pre-application`, () => {
        const errors = errorsOf(
          blankProfile(),
          { [F.listed]: ["yes"], [F.preApplicationSubmittedOn]: "2024-05-01", [F.listedOn]: "2024-04-30" },
          locale,
        );
        expect(errors[F.listedOn]).toBe(
          t("modal.errors.listedBeforePreApplication", {
            field: label("listedOn"),
            pre: label("preApplicationSubmittedOn"),
          }),
        );
      });

      it(`(${locale}) refuses reliefs marked used by a service that is not listed`, () => {
        const relief = rules.specialMeasure.reliefs[0]?.id as string;
        const errors = errorsOf(blankProfile(), { [F.reliefsUsed]: [relief] }, locale);
        expect(errors[F.reliefsUsed]).toBe(
          t("modal.errors.reliefsWithoutListed", { field: label("reliefsUsed"), listed: label("listed") }),
        );
      });
    }
  });

  it("writes only the fields the person changed, so a newer profile keeps other changes", () => {
    const base = largestProfile();
    const outcome = edit(base, { [F.name]: "新しい名前" });
    if (!outcome.ok) throw new Error("expected ok");
    const newer = structuredClone(base);
    newer.service.vendor = "別の人が変えた事業者";
    newer.registration.status = "lapsed";
    newer.audits.internal = [];
    const next = outcome.update(newer);
    expect(next.service.name).toBe("新しい名前");
    expect(next.service.vendor).toBe("別の人が変えた事業者");
    expect(next.registration.status).toBe("lapsed");
    expect(next.audits.internal).toEqual([]);
    // The argument itself is left alone.
    expect(newer.service.name).toBe(base.service.name);
  });

  it("keeps relief ids the rules no longer know, and editors when the form did not show them", () => {
    const profile = largestProfile();
    profile.specialMeasure.reliefsUsed = ["relief.external-audit-design", "relief.retired"];
    const next = updated(profile, { [F.reliefsUsed]: ["relief.internal-audit-report"] });
    expect(next.specialMeasure.reliefsUsed).toEqual(["relief.internal-audit-report", "relief.retired"]);

    const member = edit(profile, { [F.name]: "x" }, { canEditEditors: false });
    expect(member.ok && member.update(profile).editors).toEqual(profile.editors);
  });

  it("ignores editors in the state of someone who may not change them", () => {
    const profile = largestProfile();
    const ctx = ctxFor("ja");
    const view = profileModal({ profile, revision: 5 }, ctx, { canEditEditors: true });
    const outcome = parseProfileSubmission(
      submit(view, { [F.editors]: ["U0EVIL"] }),
      view.private_metadata ?? "",
      profile,
      ctx,
      {
        canEditEditors: false,
      },
    );
    expect(outcome.ok && outcome.update(profile).editors).toEqual(profile.editors);
  });

  it("accepts audit periods of exactly the minimum and the maximum length", () => {
    expect(
      edit(blankProfile(), { [F.auditPeriodStart]: "2024-04-01", [F.auditPeriodEnd]: "2025-03-31" }).ok,
    ).toBe(true);
    expect(
      edit(blankProfile(), { [F.auditPeriodStart]: "2024-04-01", [F.auditPeriodEnd]: "2024-06-30" }).ok,
    ).toBe(true);
    expect(
      edit(blankProfile(), { [F.auditPeriodStart]: "2024-02-29", [F.auditPeriodEnd]: "2025-02-27" }).ok,
    ).toBe(true);
  });

  for (const locale of LOCALES) {
    const { t } = ctxFor(locale);
    const label = (field: keyof typeof PROFILE_FIELDS) => t(`modal.profile.fields.${field}`);

    it(`(${locale}) refuses a URL that is not http(s), naming the field`, () => {
      for (const url of [
        "example.com",
        "ftp://example.com/file",
        "https://",
        "javascript:alert(1)",
        "https://exa mple.com",
      ]) {
        const errors = errorsOf(blankProfile(), { [F.url]: url }, locale);
        expect(errors).toEqual({ [F.url]: t("modal.errors.url", { field: label("url") }) });
        expect(errors[F.url]).toContain(label("url"));
      }
    });

    it(`(${locale}) refuses an audit period in the wrong order, too long or too short`, () => {
      const period = (start: string, end: string) =>
        errorsOf(blankProfile(), { [F.auditPeriodStart]: start, [F.auditPeriodEnd]: end }, locale);
      const names = { start: label("auditPeriodStart"), end: label("auditPeriodEnd") };
      expect(period("2025-04-01", "2025-03-31")).toEqual({
        [F.auditPeriodEnd]: t("modal.errors.periodOrder", names),
      });
      expect(period("2024-04-01", "2025-04-01")).toEqual({
        [F.auditPeriodEnd]: t("modal.errors.periodTooLong", {
          ...names,
          max: 12,
          latest: t.date("2025-03-31"),
        }),
      });
      expect(period("2024-04-01", "2024-06-29")).toEqual({
        [F.auditPeriodEnd]: t("modal.errors.periodTooShort", {
          ...names,
          min: 3,
          earliest: t.date("2024-06-30"),
        }),
      });
    });

    it(`(${locale}) needs both ends of the audit period`, () => {
      expect(errorsOf(blankProfile(), { [F.auditPeriodStart]: "2024-04-01" }, locale)).toEqual({
        [F.auditPeriodEnd]: t("modal.errors.periodIncomplete", { field: label("auditPeriodEnd") }),
      });
      expect(errorsOf(blankProfile(), { [F.auditPeriodEnd]: "2024-04-01" }, locale)).toEqual({
        [F.auditPeriodStart]: t("modal.errors.periodIncomplete", { field: label("auditPeriodStart") }),
      });
    });

    it(`(${locale}) refuses absurd and impossible dates`, () => {
      expect(
        errorsOf(
          blankProfile(),
          { [F.registeredOn]: "1999-12-31", [F.listedOn]: "2101-01-01", [F.listed]: ["yes"] },
          locale,
        ),
      ).toEqual({
        [F.registeredOn]: t("modal.errors.dateRange", { field: label("registeredOn"), from: 2000, to: 2100 }),
        [F.listedOn]: t("modal.errors.dateRange", { field: label("listedOn"), from: 2000, to: 2100 }),
      });
      expect(errorsOf(blankProfile(), { [F.preApplicationSubmittedOn]: "2025-02-30" }, locale)).toEqual({
        [F.preApplicationSubmittedOn]: t("errors.invalidDate", { value: "2025-02-30" }),
      });
    });

    it(`(${locale}) needs "listed" ticked for a listing date`, () => {
      expect(errorsOf(blankProfile(), { [F.listedOn]: "2024-01-10" }, locale)).toEqual({
        [F.listedOn]: t("modal.errors.listedOnWithoutListed", {
          field: label("listedOn"),
          listed: label("listed"),
        }),
      });
    });

    it(`(${locale}) refuses over-long text, unknown statuses, reliefs and user ids`, () => {
      const errors = errorsOf(
        blankProfile(),
        {
          [F.name]: "名".repeat(201),
          [F.status]: "pending_forever",
          [F.reliefsUsed]: ["relief.made-up"],
          [F.editors]: ["<!channel>"],
        },
        locale,
      );
      expect(errors).toEqual({
        [F.name]: t("modal.errors.tooLong", { field: label("name"), max: 200 }),
        [F.status]: t("modal.errors.invalidOption", { field: label("status") }),
        [F.reliefsUsed]: t("modal.errors.invalidOption", { field: label("reliefsUsed") }),
        [F.editors]: t("modal.errors.invalidOption", { field: label("editors") }),
      });
    });
  }

  it("throws a typed error for garbage metadata", () => {
    const ctx = ctxFor("ja");
    expect(() => parseProfileSubmission({}, "{}", blankProfile(), ctx)).toThrow(ModalMetadataError);
    expect(() => parseProfileSubmission({}, "%%%", blankProfile(), ctx)).toThrow(ModalMetadataError);
    expect(() => parseProfileSubmission({}, { baseRevision: -1 }, blankProfile(), ctx)).toThrow(
      ModalMetadataError,
    );
  });

  it("uses the audit period limits of the rules data", () => {
    const ctx = ctxFor("en");
    const strict = { ...ctx, rules: structuredClone(rules) };
    strict.rules.program.auditPeriod.maxMonths = 6;
    const view = profileModal({ profile: blankProfile(), revision: 0 }, strict, { canEditEditors: false });
    const state = submit(view, { [F.auditPeriodStart]: "2024-04-01", [F.auditPeriodEnd]: "2024-12-31" });
    expect(parseProfileSubmission(state, view.private_metadata ?? "", blankProfile(), strict)).toMatchObject({
      ok: false,
      errors: { [F.auditPeriodEnd]: expect.stringContaining("6") },
    });
  });
});

describe("isWebUrl", () => {
  it("takes http(s) URLs with a host name", () => {
    for (const url of [
      "https://example.com",
      "http://localhost:3000/x",
      "https://a.b.example.co.jp/path?q=1#f",
    ]) {
      expect({ url, ok: isWebUrl(url) }).toEqual({ url, ok: true });
    }
    for (const url of [
      "https://user:pw@example.com",
      "https://example",
      "mailto:a@b.c",
      "//example.com",
      "",
    ]) {
      expect({ url, ok: isWebUrl(url) }).toEqual({ url, ok: false });
    }
  });
});
