import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../dev/blockkit/validate.js";
import { assessEligibility } from "../../../src/rules/eligibility.js";
import { obligations } from "../../../src/rules/obligations.js";
import type { ServiceProfile } from "../../../src/rules/service-profile.js";
import { ACTION } from "../../../src/slack/contract/ids.js";
import { homeCaveats, homeView } from "../../../src/slack/views/home.js";
import { auditsMessage, statusMessage } from "../../../src/slack/views/messages/index.js";
import { NEXT_OBLIGATIONS_SHOWN, nextObligations } from "../../../src/slack/views/messages/timeline.js";
import { profileOf, rules } from "../../support/fixtures.js";
import { AS_OF, blankProfile, ctxFor, LOCALES, largestProfile, textOf } from "../../support/forms.js";
import {
  allText,
  jst,
  LEAP_DAY_AUDIT,
  plannedProfile,
  registeredProfile,
  sectionText,
} from "../../support/messages.js";

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
  asOf: Date = AS_OF,
) {
  const ctx = ctxFor(locale, asOf);
  return homeView(
    { profile, revision: 7, timeline: obligations(rules, profile, asOf), canEdit: true, ...extra },
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
        ACTION.exportRecords,
        ACTION.showAudits,
        ACTION.showPlan,
        ACTION.showSpecial,
        ACTION.showCaveats,
      ]);
      expect(textOf(editor)).not.toContain(t("home.memberNote"));
      const member = home(profile, { canEdit: false }, locale);
      expect(actionIds(member.blocks)).toEqual([
        ACTION.openCheck,
        ACTION.exportRecords,
        ACTION.showAudits,
        ACTION.showPlan,
        ACTION.showSpecial,
        ACTION.showCaveats,
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

    it(`(${locale}) summarises registration, next obligations, coverage and the special measure`, () => {
      const profile = largestProfile();
      const timeline = obligations(rules, profile, AS_OF);
      const view = home(profile, {}, locale);
      const text = textOf(view);
      expect(text).toContain(t("modal.profile.status.registered"));
      expect(text).toContain(t("home.registeredOn", { date: t.date("2023-04-01") }));
      // 2026-06-15 lies in the period after the entered 2025-04-01 – 2026-03-31 (assumed, 12 months).
      expect(text).toContain(
        t("obligation.currentPeriod", {
          range: t("msg.common.withNote", {
            text: t("msg.common.dateRange", { start: t.date("2026-04-01"), end: t.date("2027-03-31") }),
            note: t("obligation.assumed"),
          }),
        }),
      );
      const next = sectionText(view, t("obligation.nextTitle"));
      expect(next).toContain(t("obligation.title.report"));
      expect(next).toContain(t("obligation.title.validity"));
      const { counts } = timeline.coverage;
      expect(text).toContain(
        t("audit.objectivesCovered", { covered: counts.covered + counts.expiring, total: 121 }),
      );
      expect(text).toContain(t("obligation.coverageDetail", { lapsed: counts.lapsed, never: counts.never }));
      const first = timeline.coverage.nextToLapse[0];
      expect(text).toContain(`${first?.id} `);
      expect(text).toContain(t("obligation.coveredUntil", { date: t.date(first?.coveredUntil ?? "") }));
      expect(text).toContain(t("home.moreObjectives", { count: timeline.coverage.nextToLapse.length - 5 }));
      expect(text).toContain(t("home.listed"));
      expect(text).toContain(t("specialMeasure.acceptance.closed"));
      expect(text).toContain(t("specialMeasure.relief.used"));
      // The caveats counted once in one line, listed behind the button.
      const caveats = homeCaveats(timeline);
      expect(caveats.length).toBeGreaterThan(0);
      expect(text).toContain(t("concise.caveats.summary", { count: caveats.length }));
      for (const c of caveats) expect(text).not.toContain(t.pick(c.text));
      expect(text).toContain(t("common.rulesVersion", { version: rules.meta.version }));
    });

    it(`(${locale}) flags last period's overdue obligations and shows the registration's validity`, () => {
      const asOf = jst("2026-12-03T10:00:00");
      const view = home(registeredProfile(), {}, locale, asOf);
      assertValidSurface(view);
      const next = sectionText(view, t("obligation.nextTitle"));
      expect(next).toContain(
        `:red_circle: ${t("obligation.title.report")} — ${t("msg.common.withNote", {
          text: t("obligation.due", { date: locale === "ja" ? "2026年6月30日" : "30 Jun 2026" }),
          note: t("msg.common.daysOverdue", { count: 156 }),
        })}`,
      );
      expect(next).toContain(
        t("obligation.validUntil", { date: locale === "ja" ? "2027年7月31日" : "31 Jul 2027" }),
      );
      expect(textOf(view)).toContain(t("home.noneToLapse"));
      expect(textOf(view)).toContain(t("specialMeasure.relief.not_listed"));
    });

    it(`(${locale}) a team with no audit period: no invented date, the hint instead`, () => {
      const view = home(blankProfile(), {}, locale, jst("2026-12-03T10:00:00"));
      const next = sectionText(view, t("obligation.nextTitle"));
      expect(next).toContain(t("obligation.hint.enter_audit_period"));
      expect(next).not.toMatch(/\d{4}年|20\d\d/);
      expect(textOf(view)).toContain(
        `:white_circle: ${t("audit.objectivesCovered", { covered: 0, total: 121 })}`,
      );
    });

    it(`(${locale}) shows the same obligations and dates as /ismap status`, () => {
      const profiles = [
        profileOf(),
        plannedProfile(),
        registeredProfile(),
        registeredProfile({ audits: { internal: [LEAP_DAY_AUDIT] } }),
        largestProfile(),
      ];
      const heading = t("obligation.nextTitle");
      for (const asOf of [
        jst("2026-12-03T10:00:00"),
        jst("2027-02-27T23:59:00"),
        jst("2027-07-01T00:00:00"),
      ]) {
        const ctx = ctxFor(locale, asOf);
        for (const profile of profiles) {
          const timeline = obligations(rules, profile, asOf);
          const message = statusMessage({ profile, revision: 1, timeline }, ctx);
          const home = homeView({ profile, revision: 1, timeline, canEdit: true }, ctx);
          assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
          assertValidSurface(home);
          const status = sectionText(message, heading);
          const view = sectionText(home, heading);
          expect(view).toBe(status);
          // Every dated open obligation either appears with its own day or is counted in the "more" line.
          const dated = timeline.obligations.filter((o) => o.status !== "done" && o.dueOn !== undefined);
          const next = nextObligations(timeline).filter((o) => o.dueOn !== undefined);
          expect(next.length).toBe(Math.min(dated.length, NEXT_OBLIGATIONS_SHOWN));
          for (const o of next) expect(status).toContain(t.date(o.dueOn ?? ""));
        }
      }
    });

    it(`(${locale}) a leap-day internal audit shows 2027-02-27 on home, status and audits alike`, () => {
      const asOf = jst("2026-12-03T10:00:00");
      const profile = profileOf({ audits: { internal: [LEAP_DAY_AUDIT] } });
      const timeline = obligations(rules, profile, asOf);
      const ctx = ctxFor(locale, asOf);
      const until = t("obligation.coveredUntil", { date: t.date("2027-02-27") });
      const screens = {
        home: textOf(homeView({ profile, revision: 1, timeline, canEdit: true }, ctx)),
        status: allText(statusMessage({ profile, revision: 1, timeline }, ctx)),
        audits: allText(auditsMessage(timeline, ctx)),
      };
      for (const [name, text] of Object.entries(screens)) {
        expect({ name, until: text.includes(until) }).toEqual({ name, until: true });
        expect({ name, leap: text.includes(t.date("2027-02-28")) }).toEqual({ name, leap: false });
      }
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
