import { describe, expect, it } from "vitest";
import { caveatListMessage } from "../../../../src/slack/views/messages/caveats.js";
import { auditsMessage } from "../../../../src/slack/views/messages/index.js";
import { engine, profileOf, rules } from "../../../support/fixtures.js";
import {
  allText,
  ctxFor,
  expectCaveatsOnce,
  expectValidMessage,
  jst,
  LEAP_DAY_AUDIT,
  LOCALES,
  largestProfile,
  plannedProfile,
  registeredProfile,
  sectionText,
} from "../../../support/messages.js";

const asOf = jst("2026-12-03T10:00:00");
const groups = engine.obligations(registeredProfile(), asOf).controls.groups;
const year1 = groups[0] as string[];
const year2 = groups[1] as string[];
const last = { periodStart: "2025-04-01", periodEnd: "2026-03-31" };
const current = { periodStart: "2026-04-01", periodEnd: "2027-03-31" };

/**
 * Registered with the period 2025-04-01 – 2026-03-31, at 2026-12-03: governance of that period recorded (so its
 * report counts as done), management not (overdue), the year-1 controls group audited but for two objectives
 * (overdue), and internal audits on the leap day 2024-02-29
 * (5.1.1, covered until 2027-02-27) and on 2024-06-10 (5.1.2 and 9.1.1, covered until 2027-06-09).
 */
const profile = registeredProfile({
  audits: {
    external: [
      { id: "g", part: "governance", date: "2026-05-20", ...last },
      { id: "c1", part: "controls", date: "2026-05-20", objectiveIds: year1.slice(0, -2), ...last },
    ],
    internal: [LEAP_DAY_AUDIT, { id: "i2", date: "2024-06-10", objectiveIds: ["5.1.2", "9.1.1"] }],
  },
});
/** The same, with three of year 2's group already audited this period. */
const withProgress = registeredProfile({
  audits: {
    external: [
      ...profile.audits.external,
      { id: "c2", part: "controls", date: "2026-11-10", objectiveIds: year2.slice(0, 3), ...current },
    ],
  },
});

describe.each(LOCALES)("auditsMessage (%s)", (locale) => {
  const ctx = ctxFor(locale, asOf);
  const { t } = ctx;
  const timeline = engine.obligations(profile, asOf);
  const message = auditsMessage(timeline, ctx);
  const text = allText(message);
  const day = (iso: string) => t.date(iso);
  const due = (iso: string, note: string) =>
    t("msg.common.withNote", { text: t("obligation.due", { date: day(iso) }), note });

  it("is valid and ends with the footer at asOf", () => {
    expectValidMessage(message);
    expect(message.text).toContain(t("msg.audits.title"));
    expect(JSON.stringify(message.blocks.at(-1))).toContain(t.dateTime(asOf));
  });

  it("says how many items need attention and names each with what to do", () => {
    const block = message.blocks[1];
    const summary = block?.type === "section" ? (block.text?.text ?? "") : "";
    expect(summary).toContain(`:red_circle: *${t("msg.audits.summaryAttention", { count: 3 })}*`);
    const item = (title: string, next: "record_external_audit" | "submit_report" = "record_external_audit") =>
      `• ${t("obligation.item", { title, action: t(`obligation.next.${next}`) })}`;
    expect(summary).toContain(item(t("obligation.title.external", { part: t("criteria.management") })));
    expect(summary).toContain(item(t("obligation.title.controls")));
    // Last period's report stays open while its management audit is not on record.
    expect(summary).toContain(item(t("obligation.title.report"), "submit_report"));
    expect(summary).not.toContain(t("criteria.governance"));
  });

  it("per part: this period's audit, and last period's while it is still open", () => {
    const governance = sectionText(message, t("criteria.governance"));
    const management = sectionText(message, t("criteria.management"));
    const thisPeriod = `:large_blue_circle: *${t("obligation.status.ok")}* — ${due("2027-06-30", t("date.daysLeft", { count: 209 }))}`;
    expect(governance).toContain(thisPeriod);
    expect(management).toContain(thisPeriod);
    // Governance of last period is done and not listed again; management's is overdue.
    expect(governance).not.toContain(day("2026-06-30"));
    expect(management).toContain(
      `:red_circle: *${t("obligation.status.overdue")}* — ${due("2026-06-30", t("msg.common.daysOverdue", { count: 156 }))}`,
    );
    expect(management).toContain(
      t("obligation.periodOf", {
        range: t("msg.common.dateRange", { start: day("2025-04-01"), end: day("2026-03-31") }),
      }),
    );
  });

  it("with the profile's records, says when each part was last audited", () => {
    const withRecords = auditsMessage(timeline, ctx, profile);
    expectValidMessage(withRecords);
    const governance = sectionText(withRecords, t("criteria.governance"));
    expect(governance).toContain(t("obligation.lastRecorded", { date: day("2026-05-20") }));
    expect(sectionText(withRecords, t("criteria.management"))).not.toContain(
      t("obligation.lastRecorded", { date: day("2026-05-20") }),
    );
    // A record dated after the timeline's day has not happened yet.
    const later = registeredProfile({
      audits: { external: [{ id: "m", part: "management", date: "2026-12-04", ...last }] },
    });
    const m = auditsMessage(engine.obligations(later, asOf), ctx, later);
    expect(allText(m)).not.toContain(day("2026-12-04"));
  });

  it("controls: this period's group with progress, remaining ids with labels and the done ones", () => {
    const answer = auditsMessage(engine.obligations(withProgress, asOf), ctx);
    const shown = allText(answer);
    expect(shown).toContain(
      `${t("obligation.title.controls")} ${t("obligation.progress", { done: 3, total: year2.length })} — ${due("2027-06-30", t("date.daysLeft", { count: 209 }))}`,
    );
    expect(shown).toContain(
      t("concise.audits.remainingBehind", { count: year2.length - 3, button: t("concise.caveats.more") }),
    );
    // The objectives themselves are behind the button, not on the first screen.
    expect(shown).not.toContain(`\`${year2[3]}\``);
    const text = allText(caveatListMessage(answer.caveats ?? [], ctx, [], answer.details ?? []));
    expect(text).toContain(t("msg.audits.remaining", { count: year2.length - 3 }));
    for (const id of year2.slice(3)) {
      const objective = rules.objectives.objectives.find((o) => o.id === id);
      expect(text).toContain(`\`${id}\` ${objective?.label[locale]}`);
    }
    expect(text).toContain(
      t("msg.audits.doneIds", {
        ids: year2
          .slice(0, 3)
          .map((id) => `\`${id}\``)
          .join(" "),
      }),
    );
  });

  it("controls: year-1 objectives never audited stay overdue in year 2", () => {
    expect(text).toContain(
      `:red_circle: *${t("msg.audits.overdueYear", { year: 1, count: 2 })}* — ${due("2026-06-30", t("msg.common.daysOverdue", { count: 156 }))}`,
    );
    const behind = allText(caveatListMessage(message.caveats ?? [], ctx, [], message.details ?? []));
    for (const id of year1.slice(-2)) expect(behind).toContain(`\`${id}\``);
    expect(text).not.toContain(t("msg.audits.noOverdue"));
  });

  it("the audit report and the registration's validity", () => {
    const deadlines = allText({
      text: "",
      blocks: message.blocks.filter(
        (b) =>
          b.type === "section" &&
          b.text?.text.startsWith(`:page_facing_up: *${t("msg.audits.reportTitle")}*`),
      ),
    });
    // Last period's report is overdue while its management audit is not on record; this period's is ahead.
    expect(deadlines).toContain(
      `${t("obligation.title.report")} — ${t("msg.common.withNote", {
        text: t("obligation.due", { date: day("2026-06-30") }),
        note: t("msg.common.daysOverdue", { count: 156 }),
      })}`,
    );
    expect(deadlines).toContain(
      `${t("obligation.title.report")} — ${due("2027-06-30", t("date.daysLeft", { count: 209 }))}`,
    );
    expect(deadlines).toContain(
      `${t("obligation.title.validity")} — ${t("msg.common.withNote", {
        text: t("obligation.validUntil", { date: day("2027-07-31") }),
        note: t("date.daysLeft", { count: 240 }),
      })}`,
    );
  });

  it("internal coverage: counts that add up, never-covered objectives due by the period end, covered-until days", () => {
    expect(text).toContain(
      `:warning: ${t("msg.common.withNote", {
        text: t("audit.objectivesCovered", { covered: 3, total: 121 }),
        note: t("obligation.coverageExpiring", { count: 1 }),
      })}`,
    );
    expect(text).toContain(t("obligation.coverageDetail", { lapsed: 0, never: 118 }));
    expect(text).toContain(
      `${t("obligation.title.internalNever", { count: 118 })} — ${due("2027-03-31", t("date.daysLeft", { count: 118 }))}`,
    );
    // The leap-day audit is covered until 2027-02-27 (never 2027-02-28), soonest first.
    const leap = text.indexOf(
      `\`5.1.1\` ${rules.objectives.objectives.find((o) => o.id === "5.1.1")?.label[locale]} — ${t(
        "msg.common.withNote",
        {
          text: t("obligation.coveredUntil", { date: day("2027-02-27") }),
          note: t("date.daysLeft", { count: 86 }),
        },
      )}`,
    );
    const later = text.indexOf(t("obligation.coveredUntil", { date: day("2027-06-09") }));
    expect(leap).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(leap);
    expect(text).not.toContain(day("2027-02-28"));
  });

  it("discloses the to-be-confirmed cycle length, the inferred areas and the date conventions", () => {
    const cycle = rules.audits.controlsSubset.cycleYears;
    const listed = (message.caveats ?? []).map((c) => c.text[locale]);
    expect(listed).toContain((cycle.note ?? cycle.text)[locale]);
    for (const area of rules.audits.controlsSubset.areas) {
      if (area.confidence === "inferred") expect(listed).toContain((area.note ?? area.label)[locale]);
    }
    const convention = rules.dates.internalCoverage;
    expect(listed).toContain((convention.note ?? convention.text)[locale]);
    expectCaveatsOnce(message, message.caveats ?? [], ctx);
    expect(text).not.toContain((cycle.note ?? cycle.text)[locale]);
  });

  it("cites its rules with links", () => {
    expect(text).toContain("<https://digital.go.jp/policies/security/ismap-liu|");
  });

  it("a team with no audit period: no date, a neutral mark and the hint", () => {
    const fresh = auditsMessage(engine.obligations(profileOf(), asOf), ctx);
    expectValidMessage(fresh);
    const all = allText(fresh);
    expect(all).toContain(`:white_circle: *${t("msg.audits.summaryNoDates")}*`);
    expect(all).toContain(t("obligation.hint.enter_audit_period"));
    expect(all).not.toContain(":red_circle:");
    expect(all).toContain(`:white_circle: ${t("audit.objectivesCovered", { covered: 0, total: 121 })}`);
    const fields = sectionText(fresh, t("criteria.governance"));
    expect(fields).toContain(t("obligation.next.enter_audit_period"));
    expect(fields).not.toMatch(/\d{4}年|20\d\d/);
  });

  it("a planned first period: dates marked as targets", () => {
    const planned = allText(auditsMessage(engine.obligations(plannedProfile(), asOf), ctx));
    expect(planned).toContain(
      `${due("2027-06-30", t("date.daysLeft", { count: 209 }))} _${t("obligation.planned")}_`,
    );
  });

  it("stays within Slack's limits for ten years of records and says all is on track", () => {
    const at = jst("2026-11-26T10:00:00");
    const big = engine.obligations(largestProfile(), at);
    expect(big.coverage.counts.covered + big.coverage.counts.expiring).toBe(121);
    const m = auditsMessage(big, ctxFor(locale, at));
    expectValidMessage(m);
    const all = allText(m);
    expect(all).toContain(t("msg.audits.nextToLapse"));
    expect(all).toContain(t("msg.common.more", { count: 121 - 10 }));
    expect(all).toMatch(new RegExp(`${t("msg.audits.summaryOk")}|${t("msg.audits.summarySoon")}`));
  });
});
