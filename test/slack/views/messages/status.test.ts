import type { ActionsBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { ServiceProfile } from "../../../../src/profile/schema.js";
import { ACTION } from "../../../../src/slack/ids.js";
import { statusMessage } from "../../../../src/slack/views/messages/index.js";
import {
  AS_OF,
  allText,
  ctxFor,
  engine,
  expectFooter,
  expectNoInjectedMention,
  expectValidMessage,
  LOCALES,
  largestProfile,
  profileOf,
  rules,
} from "./helpers.js";

const row = rules.eligibility.targetBusinesses[0]?.id ?? "";
const profile = profileOf({
  service: { name: "ミライ勤怠", vendor: "株式会社ミライ" },
  registration: {
    status: "registered",
    registeredOn: "2025-09-01",
    auditPeriodStart: "2024-07-01",
    auditPeriodEnd: "2025-06-30",
  },
  audits: {
    external: [
      { id: "g", part: "governance", date: "2026-01-15" },
      { id: "m", part: "management", date: "2026-02-01" },
    ],
  },
});

function statusOf(p: ServiceProfile, withVerdict: boolean, asOf = AS_OF) {
  const eligibility = withVerdict
    ? engine.assessEligibility(
        {
          service_model: "saas",
          confidentiality: "c2",
          target_business: row,
          impact_assessment: "low",
          personal_data: "no",
        },
        asOf,
      )
    : undefined;
  return {
    profile: p,
    revision: 7,
    ...(eligibility ? { eligibility } : {}),
    audits: engine.requiredAudits(p, asOf),
    special: engine.specialMeasureStatus(p, asOf),
  };
}

describe.each(LOCALES)("statusMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it("shows the service, verdict, registration, next audit, coverage and special measure on one screen", () => {
    const message = statusMessage(statusOf(profile, true), ctx);
    expectValidMessage(message);
    expectFooter(message, locale);
    expect(message.blocks.length).toBeLessThanOrEqual(15);
    const text = allText(message);
    expect(text).toContain("*ミライ勤怠*");
    expect(message.text).toContain("ミライ勤怠");
    expect(text).toContain(t("msg.status.revision", { revision: 7 }));
    expect(text).toContain(t("verdict.liu_eligible"));
    expect(text).toContain(t("msg.registration.registered"));
    expect(text).toContain(
      t("msg.status.registeredOn", { date: locale === "ja" ? "2025年9月1日" : "1 Sep 2025" }),
    );
    expect(text).toContain(
      t("msg.status.auditPeriod", {
        range: t("msg.common.dateRange", {
          start: locale === "ja" ? "2024年7月1日" : "1 Jul 2024",
          end: locale === "ja" ? "2025年6月30日" : "30 Jun 2025",
        }),
      }),
    );
    // Governance is due first: 15 Jan 2027, 50 days from 26 Nov 2026.
    expect(text).toContain(t("audit.nextDue", { date: locale === "ja" ? "2027年1月15日" : "15 Jan 2027" }));
    expect(text).toContain(t("date.daysLeft", { count: 50 }));
    expect(text).toContain(t("audit.objectivesCovered", { covered: 0, total: 121 }));
    expect(text).toContain(
      t("msg.special.closedSince", { date: locale === "ja" ? "2025年4月1日" : "1 Apr 2025" }),
    );
    expect(text).toContain(t("msg.special.notListed"));
    expect(text).toContain(t("confidence.caveatsTitle"));
    expect(text).toContain("<https://digital.go.jp/policies/security/ismap-liu|");
  });

  it("asks to run the check when there is no verdict", () => {
    const message = statusMessage(statusOf(profileOf(), false), ctx);
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(t("msg.status.notChecked"));
    expect(text).toContain("`/ismap check`");
    expect(text).toContain(t("msg.status.noName"));
    expect(text).toContain(t("msg.registration.not_started"));
  });

  it("falls back to the verdict saved in the profile", () => {
    const message = statusMessage(statusOf(largestProfile(), false), ctx);
    const text = allText(message);
    expect(text).toContain(t("verdict.full_ismap_required"));
    expect(text).toContain(
      t("msg.status.checkedOn", { date: locale === "ja" ? "2026年11月1日" : "1 Nov 2026" }),
    );
  });

  it("offers buttons to the detailed answers", () => {
    const message = statusMessage(statusOf(profile, false), ctx);
    const actions = message.blocks.find((b): b is ActionsBlock => b.type === "actions");
    const ids = actions?.elements.map((e) => ("action_id" in e ? e.action_id : undefined));
    expect(ids).toEqual([ACTION.openCheck, ACTION.showAudits, ACTION.showPlan, ACTION.showSpecial]);
  });

  it("escapes a 200-character Japanese name with mentions in it, and stays within limits", () => {
    const big = largestProfile();
    expect(big.service.name).toHaveLength(200);
    const message = statusMessage(statusOf(big, true), ctx);
    expectValidMessage(message);
    expectNoInjectedMention(message);
    const text = allText(message);
    expect(text).toContain("&lt;!channel&gt; &lt;@U999EVIL&gt;");
    expect(text).toContain("&lt;!here&gt;");
    expect(text).toContain(t("msg.status.reliefs", { used: 1, available: 1 }));
  });

  it("leaves the self-check estimate's caveats to the check itself", () => {
    const data = statusOf(profile, true);
    const text = allText(statusMessage(data, ctx));
    const disclaimer = rules.eligibility.prescreenDisclaimer;
    expect(text).not.toContain((disclaimer.note ?? disclaimer.text)[locale]);
  });
});
