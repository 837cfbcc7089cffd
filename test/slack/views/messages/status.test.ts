import type { ActionsBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { ServiceProfile } from "../../../../src/rules/service-profile.js";
import { ACTION } from "../../../../src/slack/contract/ids.js";
import { auditsMessage, statusMessage } from "../../../../src/slack/views/messages/index.js";
import {
  NEXT_OBLIGATIONS_SHOWN,
  nextObligationLines,
} from "../../../../src/slack/views/messages/timeline.js";
import { escapeMrkdwn } from "../../../../src/slack/views/parts.js";
import { engine, profileOf, rules } from "../../../support/fixtures.js";
import {
  AS_OF,
  allText,
  ctxFor,
  expectFooter,
  expectNoInjectedMention,
  expectValidMessage,
  jst,
  LEAP_DAY_AUDIT,
  LOCALES,
  largestProfile,
  mainText,
  plannedProfile,
  registeredProfile,
  sectionText,
} from "../../../support/messages.js";

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
    timeline: engine.obligations(p, asOf),
  };
}

describe.each(LOCALES)("statusMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it("shows the service, verdict, registration, next obligations, coverage and special measure on one screen", () => {
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
    // The entered period 2024-07-01 – 2025-06-30 is followed by 2025-07-01 – 2026-06-30 (assumed, 12 months), whose
    // audits and report were due 2026-09-30 and are overdue: 57 days at 26 Nov 2026. Nothing covered internally.
    const range = t("msg.common.dateRange", { start: t.date("2026-07-01"), end: t.date("2027-06-30") });
    expect(text).toContain(
      t("obligation.currentPeriod", {
        range: t("msg.common.withNote", { text: range, note: t("obligation.assumed") }),
      }),
    );
    expect(text).toContain(t("obligation.due", { date: locale === "ja" ? "2026年9月30日" : "30 Sep 2026" }));
    expect(text).toContain(t("msg.common.daysOverdue", { count: 57 }));
    expect(text).toContain(t("audit.objectivesCovered", { covered: 0, total: 121 }));
    expect(text).toContain(
      t("msg.special.closedSince", { date: locale === "ja" ? "2025年4月1日" : "1 Apr 2025" }),
    );
    expect(text).toContain(t("msg.special.notListed"));
    // The caveats are counted in one line with a button that lists them, not printed.
    expect(text).not.toContain(t("confidence.caveatsTitle"));
    const count = message.caveats?.length ?? 0;
    expect(count).toBeGreaterThan(0);
    expect(text).toContain(t("concise.caveats.summary", { count }));
    for (const c of message.caveats ?? []) expect(text).not.toContain(t.pick(c.text));
    expect(JSON.stringify(message.blocks)).toContain(`"action_id":"${ACTION.showCaveats}"`);
    // One source named with its link; all of them listed behind the button.
    expect(text).toMatch(/<https:\/\/[^|]+\|/);
    expect(message.sources).toContain("seed");
    expect(rules.sources.sources.find((s) => s.id === "seed")?.url).toBe(
      "https://digital.go.jp/policies/security/ismap-liu",
    );
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
    expect(text).toContain(escapeMrkdwn("<!channel> <@U999EVIL>"));
    expect(text).toContain("&lt;!here&gt;");
    const reliefs = engine.obligations(big, AS_OF).special.team.reliefs;
    expect(text).toContain(
      t("msg.status.reliefs", {
        used: reliefs.filter((r) => r.status === "used").length,
        available: reliefs.filter((r) => r.status === "available").length,
      }),
    );
  });

  it("leaves the self-check estimate's caveats to the check itself", () => {
    const data = statusOf(profile, true);
    const text = allText(statusMessage(data, ctx));
    const disclaimer = rules.eligibility.prescreenDisclaimer;
    expect(text).not.toContain((disclaimer.note ?? disclaimer.text)[locale]);
  });
});

describe.each(LOCALES)("statusMessage reads the obligations timeline (%s)", (locale) => {
  const asOf = jst("2026-12-03T10:00:00");
  const ctx = ctxFor(locale, asOf);
  const { t } = ctx;
  const day = (iso: string) => t.date(iso);
  const status = (p: ServiceProfile) =>
    statusMessage({ profile: p, revision: 3, timeline: engine.obligations(p, asOf) }, ctx);

  it("a registered team sees last period's overdue report, the validity and the current period", () => {
    const message = status(registeredProfile());
    expectValidMessage(message);
    const next = sectionText(message, t("obligation.nextTitle"));
    expect(day("2026-06-30")).toBe(locale === "ja" ? "2026年6月30日" : "30 Jun 2026");
    expect(next).toContain(
      `${t("obligation.title.report")} — ${t("msg.common.withNote", {
        text: t("obligation.due", { date: day("2026-06-30") }),
        note: t("msg.common.daysOverdue", { count: 156 }),
      })}`,
    );
    expect(next).toContain(":red_circle:");
    expect(next).toContain(
      `${t("obligation.title.validity")} — ${t("msg.common.withNote", {
        text: t("obligation.validUntil", { date: locale === "ja" ? "2027年7月31日" : "31 Jul 2027" }),
        note: t("date.daysLeft", { count: 240 }),
      })}`,
    );
    // Three obligations, then how many more and what to do first.
    expect(next.split("\n").filter((l) => l.includes(" — "))).toHaveLength(NEXT_OBLIGATIONS_SHOWN);
    // Ten open in all: both periods' audits, controls and reports, the never-covered objectives, the validity.
    expect(next).toContain(t("obligation.more", { count: 10 - NEXT_OBLIGATIONS_SHOWN }));
    expect(next).toContain(
      t("obligation.nextAction", { action: t("obligation.next.record_external_audit") }),
    );
    const range = t("msg.common.dateRange", { start: day("2026-04-01"), end: day("2027-03-31") });
    expect(allText(message)).toContain(
      t("obligation.currentPeriod", {
        range: t("msg.common.withNote", { text: range, note: t("obligation.assumed") }),
      }),
    );
    expect(allText(message)).not.toContain(t("obligation.planned"));
  });

  it("a team with no audit period gets no invented date, and the hint that would anchor them", () => {
    for (const p of [profileOf(), profileOf({ registration: { status: "preparing" } })]) {
      const message = status(p);
      expectValidMessage(message);
      const next = sectionText(message, t("obligation.nextTitle"));
      expect(next).toContain(t("obligation.hint.enter_audit_period"));
      // Not a single due date: neither a year from now nor any other.
      expect(next).not.toMatch(/\d{4}年|20\d\d/);
      expect(allText(message)).not.toContain(day("2027-12-03"));
      expect(allText(message)).not.toContain(t("audit.nextDue", { date: day("2027-12-03") }));
    }
  });

  it("a planned first period shows its dates as targets", () => {
    const next = sectionText(status(plannedProfile()), t("obligation.nextTitle"));
    const planned = next.split("\n").filter((l) => l.includes(" — "));
    expect(planned.length).toBeGreaterThanOrEqual(3);
    // Every line is a target: said once below them, not on each line.
    for (const line of planned) expect(line).not.toContain(t("obligation.planned"));
    expect(next.split("\n")).toContain(`_${t("obligation.planned")}_`);
    expect(next).toContain(
      `${t("obligation.title.report")} — ${t("msg.common.withNote", {
        text: t("obligation.due", { date: day("2027-06-30") }),
        note: t("date.daysLeft", { count: 209 }),
      })}`,
    );
    expect(allText(status(plannedProfile()))).toContain(
      t("obligation.plannedPeriod", {
        range: t("msg.common.dateRange", { start: day("2027-01-01"), end: day("2027-03-31") }),
      }),
    );
  });

  it("shows controls progress n/m from the timeline", () => {
    const group = engine.obligations(registeredProfile(), asOf).controls.groups[0] as string[];
    const period = { periodStart: "2025-04-01", periodEnd: "2026-03-31" };
    const p = registeredProfile({
      audits: {
        external: [
          { id: "c", part: "controls", date: "2026-05-20", objectiveIds: group.slice(0, 5), ...period },
        ],
      },
    });
    // The controls line as status and App Home draw it (status shows the first three; this one is fourth).
    const next = nextObligationLines(engine.obligations(p, asOf), t, 10).join("\n");
    expect(next).toContain(
      `${t("obligation.title.controls")} ${t("obligation.progress", { done: 5, total: group.length })} — `,
    );
  });

  it("coverage counts add up, and a fresh team's mark is neutral and the same as /ismap audits", () => {
    const fresh = profileOf();
    const coverage = sectionText(status(fresh), t("msg.status.coverage"));
    expect(coverage).toContain(`:white_circle: ${t("audit.objectivesCovered", { covered: 0, total: 121 })}`);
    expect(coverage).not.toContain(":red_circle:");
    expect(coverage).toContain(t("obligation.coverageDetail", { lapsed: 0, never: 121 }));
    const audits = allText(auditsMessage(engine.obligations(fresh, asOf), ctx));
    expect(audits).toContain(`:white_circle: ${t("audit.objectivesCovered", { covered: 0, total: 121 })}`);

    // Five objectives covered, all five within 90 days of their last covered day: "5/121 (5 expiring)", never
    // "5 covered" beside "0 done".
    const p = registeredProfile({
      audits: {
        internal: [
          { id: "i", date: "2024-01-10", objectiveIds: ["5.1.1", "5.1.2", "6.1.1", "6.1.2", "6.1.3"] },
        ],
      },
    });
    const text = sectionText(status(p), t("msg.status.coverage"));
    expect(text).toContain(
      `:warning: ${t("msg.common.withNote", {
        text: t("audit.objectivesCovered", { covered: 5, total: 121 }),
        note: t("obligation.coverageExpiring", { count: 5 }),
      })}`,
    );
    expect(text).toContain(t("obligation.coverageDetail", { lapsed: 0, never: 116 }));
  });

  it("a leap-day internal audit is due on 2027-02-27", () => {
    const p = profileOf({ audits: { internal: [LEAP_DAY_AUDIT] } });
    // The controls line as status and App Home draw it (status shows the first three; this one is fourth).
    const next = nextObligationLines(engine.obligations(p, asOf), t, 10).join("\n");
    expect(next).toContain(t("obligation.coveredUntil", { date: day("2027-02-27") }));
    expect(next).not.toContain(day("2027-02-28"));
  });

  it("keeps the main text short for the registered example", () => {
    const main = mainText(status(registeredProfile()));
    expect(main.length).toBeLessThanOrEqual(locale === "ja" ? 800 : 1200);
  });
});
