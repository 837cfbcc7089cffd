import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { ServiceProfile } from "../../../src/profile/schema.js";
import { requiredAudits } from "../../../src/rules/audits.js";
import { assessEligibility } from "../../../src/rules/eligibility.js";
import { specialMeasureStatus } from "../../../src/rules/special-measure.js";
import { assertValidSurface } from "../../../src/slack/blockkit/index.js";
import { ACTION } from "../../../src/slack/ids.js";
import { homeView } from "../../../src/slack/views/home.js";
import { AS_OF, blankProfile, ctxFor, LOCALES, largestProfile, rules, textOf } from "../forms/helpers.js";

const ELIGIBLE = {
  service_model: "saas",
  confidentiality: "c2",
  target_business: "policy-work-for-publication",
  impact_assessment: "low",
};

function home(
  profile: ServiceProfile,
  extra: Partial<Parameters<typeof homeView>[0]> = {},
  locale: "ja" | "en" = "ja",
) {
  const ctx = ctxFor(locale);
  return homeView(
    {
      profile,
      revision: 7,
      audits: requiredAudits(rules, profile, AS_OF),
      special: specialMeasureStatus(rules, profile, AS_OF),
      canEdit: true,
      ...extra,
    },
    ctx,
  );
}

const actionIds = (blocks: readonly unknown[]): string[] =>
  (blocks as KnownBlock[]).flatMap((b) => {
    if (b.type === "actions")
      return (b as ActionsBlock).elements.map((e) => ("action_id" in e ? (e.action_id ?? "") : ""));
    if (b.type === "section") {
      const accessory = (b as SectionBlock).accessory;
      return accessory && "action_id" in accessory ? [accessory.action_id ?? ""] : [];
    }
    return [];
  });

describe("homeView", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    const { t } = ctx;

    it(`(${locale}) is a valid Home tab within 100 blocks at the largest data, for editors and members`, () => {
      const profile = largestProfile();
      const result = assessEligibility(rules, { ...ELIGIBLE, personal_data: "yes" }, AS_OF);
      for (const canEdit of [true, false]) {
        const view = home(profile, { eligibility: result, canEdit }, locale);
        assertValidSurface(view);
        expect(view.type).toBe("home");
        expect(view.blocks.length).toBeLessThanOrEqual(100);
      }
    });

    it(`(${locale}) gives editors the edit buttons and members a note instead`, () => {
      const profile = largestProfile();
      const editor = home(profile, { canEdit: true }, locale);
      expect(actionIds(editor.blocks)).toEqual([
        ACTION.openCheck,
        ACTION.openProfile,
        ACTION.openRecord,
        ACTION.showAudits,
        ACTION.showPlan,
        ACTION.showSpecial,
      ]);
      expect(textOf(editor)).not.toContain(t("home.memberNote"));
      const member = home(profile, { canEdit: false }, locale);
      expect(actionIds(member.blocks)).toEqual([
        ACTION.openCheck,
        ACTION.showAudits,
        ACTION.showPlan,
        ACTION.showSpecial,
      ]);
      expect(textOf(member)).toContain(t("home.memberNote"));
    });

    it(`(${locale}) calls for the check when there is no verdict`, () => {
      const view = home(blankProfile(), { revision: 0 }, locale);
      assertValidSurface(view);
      const text = textOf(view);
      expect(text).toContain(t("home.eligibilityNone"));
      expect(text).toContain(t("home.buttons.check"));
      expect(text).toContain(t("home.noProfile"));
      expect(text).toContain(t("home.unnamed"));
      const check = view.blocks
        .filter((b): b is ActionsBlock => b.type === "actions")
        .flatMap((b) => b.elements)
        .find((e) => "action_id" in e && e.action_id === ACTION.openCheck);
      expect(check).toMatchObject({ style: "primary" });
    });

    it(`(${locale}) shows the verdict passed in, or else the one stored in the profile`, () => {
      const result = assessEligibility(rules, ELIGIBLE, AS_OF);
      expect(textOf(home(blankProfile(), { eligibility: result }, locale))).toContain(
        t("verdict.liu_eligible"),
      );
      const stored = blankProfile();
      stored.eligibility = {
        answers: { service_model: "iaas" },
        result: {
          verdict: "full_ismap_required",
          rulesVersion: rules.meta.version,
          asOf: "2026-05-01T00:00:00.000Z",
        },
      };
      const text = textOf(home(stored, {}, locale));
      expect(text).toContain(t("verdict.full_ismap_required"));
      expect(text).toContain(
        t("home.eligibilityMeta", {
          date: t.date(new Date("2026-05-01T00:00:00Z")),
          version: rules.meta.version,
        }),
      );
      expect(text).toContain(t("home.buttons.recheck"));
      expect(text).not.toContain(t("home.eligibilityOutdated", { version: rules.meta.version }));
    });

    it(`(${locale}) asks for a new check when the rules changed since the verdict`, () => {
      const text = textOf(
        home(
          blankProfile(),
          { eligibility: { verdict: "liu_eligible", rulesVersion: "2020.01.01", asOf: AS_OF.toISOString() } },
          locale,
        ),
      );
      expect(text).toContain(t("home.eligibilityOutdated", { version: rules.meta.version }));
    });

    it(`(${locale}) summarises registration, external audits, coverage and the special measure`, () => {
      const profile = largestProfile();
      const audits = requiredAudits(rules, profile, AS_OF);
      const text = textOf(home(profile, {}, locale));
      expect(text).toContain(t("modal.profile.status.registered"));
      expect(text).toContain(t("home.registeredOn", { date: t.date("2023-04-01") }));
      expect(text).toContain(
        t("home.auditPeriod", { start: t.date("2025-04-01"), end: t.date("2026-03-31") }),
      );
      expect(text).toContain(t("criteria.governance"));
      expect(text).toContain(t("audit.nextDue", { date: t.date(audits.external.governance.nextDue) }));
      expect(text).toContain(
        t("home.controlsDue", { count: audits.external.controls.groupDueThisCycle.length }),
      );
      const { counts } = audits.internal;
      expect(text).toContain(
        t("audit.objectivesCovered", { covered: counts.covered + counts.expiring, total: 121 }),
      );
      const next = audits.internal.nextToLapse[0];
      expect(text).toContain(`${next?.id} `);
      expect(text).toContain(t("home.moreObjectives", { count: audits.internal.nextToLapse.length - 5 }));
      expect(text).toContain(t("home.listed"));
      expect(text).toContain(t("specialMeasure.acceptance.closed"));
      expect(text).toContain(t("specialMeasure.relief.used"));
      expect(text).toContain(t("confidence.caveatsTitle"));
      expect(text).toContain(t("common.rulesVersion", { version: rules.meta.version }));
    });

    it(`(${locale}) flags overdue yearly audits and lapsed controls`, () => {
      const profile = blankProfile();
      profile.registration.registeredOn = "2023-01-10";
      profile.audits.external.push({ id: "g", part: "governance", date: "2024-01-10", objectiveIds: [] });
      profile.specialMeasure.listed = false;
      const audits = requiredAudits(rules, profile, AS_OF);
      expect(audits.external.governance.status).toBe("overdue");
      const text = textOf(home(profile, {}, locale));
      expect(text).toContain(t("audit.due.overdue"));
      expect(text).toContain(t("home.overdueDays", { count: -audits.external.governance.daysLeft }));
      expect(text).toContain(t("home.yearlyNever"));
      expect(text).toContain(
        t("home.controlsOverdue", { years: 3, count: audits.external.controls.overdue.length }),
      );
      expect(text).toContain(t("home.noneToLapse"));
      expect(text).toContain(t("specialMeasure.relief.not_listed"));
    });

    it(`(${locale}) shows what people typed literally, never as mentions or links`, () => {
      const profile = blankProfile();
      profile.service.name = "<!channel> <https://evil.example|click> & co";
      const view = home(profile, {}, locale);
      assertValidSurface(view);
      const text = textOf(view);
      expect(text).not.toContain("<!channel>");
      expect(text).toContain("&lt;!channel&gt;");
    });
  }
});
