import { describe, expect, it } from "vitest";
import { auditsMessage } from "../../../../src/slack/views/messages/index.js";
import {
  AS_OF,
  allText,
  ctxFor,
  engine,
  expectFooter,
  expectValidMessage,
  LOCALES,
  largestProfile,
  profileOf,
  rules,
} from "./helpers.js";

const profile = profileOf({
  registration: { status: "registered", registeredOn: "2025-09-01" },
  audits: {
    external: [
      { id: "g", part: "governance", date: "2026-01-15" },
      { id: "m", part: "management", date: "2025-10-01" },
    ],
    internal: [
      { id: "i1", date: "2024-01-10", objectiveIds: ["5.1.1", "5.1.2"] },
      { id: "i2", date: "2026-06-01", objectiveIds: ["9.1.1"] },
    ],
  },
});

describe.each(LOCALES)("auditsMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;
  const audits = engine.requiredAudits(profile, AS_OF);
  const message = auditsMessage(audits, ctx);
  const text = allText(message);

  it("is valid and ends with the footer", () => {
    expectValidMessage(message);
    expectFooter(message, locale);
    expect(message.text).toContain(t("msg.audits.title"));
  });

  it("gives governance its last date, next due day in JST, status and days left", () => {
    expect(audits.external.governance).toMatchObject({
      nextDue: "2027-01-15",
      status: "due_soon",
      daysLeft: 50,
    });
    expect(text).toContain(t("criteria.governance"));
    expect(text).toContain(t("msg.audits.last", { date: locale === "ja" ? "2026年1月15日" : "15 Jan 2026" }));
    expect(text).toContain(t("audit.nextDue", { date: locale === "ja" ? "2027年1月15日" : "15 Jan 2027" }));
    expect(text).toContain(t("date.daysLeft", { count: 50 }));
    expect(text).toContain(`:warning: ${t("audit.due.due_soon")}`);
  });

  it("marks the overdue management audit red with the days overdue", () => {
    expect(audits.external.management).toMatchObject({
      nextDue: "2026-10-01",
      status: "overdue",
      daysLeft: -56,
    });
    expect(text).toContain(t("msg.common.daysOverdue", { count: 56 }));
    expect(text).toContain(`:red_circle: ${t("audit.due.overdue")}`);
    expect(text).toContain(`:red_circle: *${t("msg.audits.summaryAttention", { count: 2 })}*`);
  });

  it("shows the controls cycle and this year's group with short labels", () => {
    const controls = audits.external.controls;
    expect(text).toContain(
      t("msg.audits.cycle", {
        index: controls.cycleIndex,
        years: controls.cycleYears,
        range: t("msg.common.dateRange", {
          start: t.date(controls.yearStart),
          end: t.date(controls.yearEnd),
        }),
      }),
    );
    expect(text).toContain(t("msg.audits.groupThisYear", { count: controls.groupDueThisCycle.length }));
    for (const id of controls.groupDueThisCycle) {
      const objective = rules.objectives.objectives.find((o) => o.id === id);
      expect(text).toContain(`\`${id}\` ${objective?.label[locale]}`);
    }
  });

  it("counts internal coverage per status and lists the next objectives to lapse with dates", () => {
    const { counts } = audits.internal;
    expect(counts).toEqual({ covered: 1, expiring: 2, lapsed: 0, never: 118 });
    expect(text).toContain(t("msg.audits.count", { label: t("audit.coverage.never"), count: 118 }));
    expect(text).toContain(t("msg.audits.count", { label: t("audit.coverage.expiring"), count: 2 }));
    expect(text).toContain(t("audit.objectivesCovered", { covered: 3, total: 121 }));
    // Soonest first: 5.1.1 and 5.1.2 lapse on 10 Jan 2027 (45 days), 9.1.1 on 1 Jun 2029.
    const lapse = text.indexOf(
      t("audit.coveredUntil", { date: locale === "ja" ? "2027年1月10日" : "10 Jan 2027" }),
    );
    const later = text.indexOf(
      t("audit.coveredUntil", { date: locale === "ja" ? "2029年6月1日" : "1 Jun 2029" }),
    );
    expect(lapse).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(lapse);
    expect(text).toContain(`:warning: \`5.1.1\``);
    expect(text).toContain(t("date.daysLeft", { count: 45 }));
  });

  it("discloses the to-be-confirmed cycle length and the inferred areas", () => {
    const cycle = rules.audits.controlsSubset.cycleYears;
    expect(text).toContain(t("confidence.caveatsTitle"));
    expect(text).toContain((cycle.note ?? cycle.text)[locale]);
    for (const area of rules.audits.controlsSubset.areas) {
      if (area.confidence === "inferred") expect(text).toContain((area.note ?? area.label)[locale]);
    }
  });

  it("cites its rules with links", () => {
    expect(text).toContain("<https://digital.go.jp/policies/security/ismap-liu|");
  });

  it("lists overdue controls objectives compactly", () => {
    const old = profileOf({ registration: { status: "registered", registeredOn: "2019-04-01" } });
    const result = engine.requiredAudits(old, AS_OF);
    expect(result.external.controls.overdue.length).toBeGreaterThan(40);
    const m = auditsMessage(result, ctx);
    expectValidMessage(m);
    const all = allText(m);
    expect(all).toContain(
      t("msg.audits.overdueObjectives", { count: result.external.controls.overdue.length }),
    );
    for (const id of result.external.controls.overdue) expect(all).toContain(`\`${id}\``);
  });

  it("stays within Slack's limits for ten years of records", () => {
    const result = engine.requiredAudits(largestProfile(), AS_OF);
    expect(result.internal.counts.covered + result.internal.counts.expiring).toBe(121);
    const m = auditsMessage(result, ctx);
    expectValidMessage(m);
    const all = allText(m);
    expect(all).toContain(t("msg.audits.nextToLapse"));
    expect(all).toContain(t("msg.common.more", { count: 121 - 10 }));
  });

  it("says all is on track when nothing is due", () => {
    const fresh = engine.requiredAudits(largestProfile(), new Date("2026-07-10T10:00:00+09:00"));
    const m = auditsMessage(fresh, ctxFor(locale, new Date("2026-07-10T10:00:00+09:00")));
    expectValidMessage(m);
    expect(allText(m)).toMatch(new RegExp(`${t("msg.audits.summaryOk")}|${t("msg.audits.summarySoon")}`));
  });
});
