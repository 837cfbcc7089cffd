import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import { caveatListMessage } from "../../../../src/slack/views/messages/caveats.js";
import type { SlackMessage } from "../../../../src/slack/views/messages/index.js";
import { planMessage } from "../../../../src/slack/views/messages/index.js";
import { periodLines } from "../../../../src/slack/views/messages/plan.js";
import { answerModal } from "../../../../src/slack/views/notice-modal.js";
import { engine, profileOf, rules } from "../../../support/fixtures.js";
import {
  AS_OF,
  allText,
  ctxFor,
  expectFooter,
  expectValidMessage,
  LOCALES,
  largestProfile,
  OBJECTIVE_IDS,
} from "../../../support/messages.js";

/** Some objectives covered long ago (lapsed by AS_OF), one recently. */
const partly = profileOf({
  audits: {
    internal: [
      { id: "old", date: "2022-04-01", objectiveIds: ["5.1.1", "6.1.1", "9.4.2"] },
      { id: "new", date: "2026-10-01", objectiveIds: ["12.6.1"] },
    ],
  },
});

describe.each(LOCALES)("planMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  /** What the plan's button shows (the modal it opens): the full lists, then the caveats; within a modal's limits. */
  const behindButton = (message: SlackMessage): string => {
    const list = caveatListMessage(message.caveats ?? [], ctx, [], message.details ?? []);
    assertValidSurface(answerModal("plan", list.blocks, ctx));
    expect(list.blocks.length).toBeLessThanOrEqual(100);
    return allText(list);
  };

  it("shows every period with its JST dates and count, the ids behind the button, and the footer", () => {
    const plan = engine.planInternalAudits(profileOf(), AS_OF);
    const message = planMessage(plan, ctx);
    expectValidMessage(message);
    expectFooter(message, locale);
    const text = allText(message);
    expect(text).toContain(t("msg.plan.summary", { years: 3, periods: 12, total: 121 }));
    const first = plan.periods[0];
    if (!first) throw new Error("no period");
    expect(first.start).toBe("2026-11-26");
    expect(text).toContain(
      `*${t("msg.plan.period", { index: 1 })}* ${t("msg.common.dateRange", {
        start: locale === "ja" ? "2026年11月26日" : "26 Nov 2026",
        end: locale === "ja" ? "2027年2月25日" : "25 Feb 2027",
      })} · ${t("msg.plan.periodCount", { count: first.objectiveIds.length })}`,
    );
    // Which objectives go in each period is behind the button, every one of them.
    for (const id of OBJECTIVE_IDS) expect(text).not.toContain(`\`${id}\``);
    const behind = behindButton(message);
    for (const id of OBJECTIVE_IDS) expect(behind).toContain(`\`${id}\``);
    expect(text).toContain(t("msg.plan.noOverdue"));
    expect(text).toContain("<https://digital.go.jp/policies/security/ismap-liu|");
  });

  it("lists the objectives that cannot wait for a period first, each with its own due day", () => {
    const plan = engine.planInternalAudits(partly, AS_OF);
    expect(plan.overdue).toEqual(["5.1.1", "6.1.1", "9.4.2"]);
    const message = planMessage(plan, ctx);
    expectValidMessage(message);
    const text = allText(message);
    const urgentAt = text.indexOf(t("msg.plan.urgentTitle"));
    expect(urgentAt).toBeGreaterThan(0);
    expect(urgentAt).toBeLessThan(text.indexOf(t("msg.plan.periodsTitle")));
    expect(text).toContain(t("msg.plan.urgent", { count: 3, overdue: 3 }));
    // Covered on 2022-04-01: covered until 2025-03-31, the day shown.
    const label = rules.objectives.objectives.find((o) => o.id === "9.4.2")?.label[locale] ?? "";
    const due = locale === "ja" ? "2025年3月31日" : "31 Mar 2025";
    expect(text).toContain(t("msg.plan.urgentLine", { mark: ":red_circle:", id: "9.4.2", label, date: due }));
    // They are in no period.
    expect(plan.periods.flatMap((p) => p.objectiveIds)).not.toContain("9.4.2");
  });

  it("fits 10 years of quarters for the largest profile within 50 blocks and 3000 characters a section", () => {
    const plan = engine.planInternalAudits(largestProfile(), AS_OF, { years: 10, periodsPerYear: 4 });
    expect(plan.periods).toHaveLength(40);
    const message = planMessage(plan, ctx);
    expectValidMessage(message);
    const text = allText(message);
    const behind = behindButton(message);
    for (const id of OBJECTIVE_IDS) expect(behind).toContain(`\`${id}\``);
    // Everything lapses within 3 years, so the empty periods after the last planned one fold into one line.
    const lastUsed = plan.periods.findLastIndex((p) => p.objectiveIds.length > 0) + 1;
    expect(lastUsed).toBeLessThan(40);
    expect(text).toContain(`*${t("msg.plan.periodRange", { from: lastUsed + 1, to: 40 })}*`);
    expect(text).toContain(
      `${t("msg.common.dateRange", { start: t.date(plan.periods[lastUsed]?.start ?? ""), end: locale === "ja" ? "2036年11月25日" : "25 Nov 2036" })} — _${t("msg.plan.empty")}_`,
    );
  });

  it("fits 10 years of monthly periods and a one-period plan of all 121 objectives", () => {
    for (const options of [
      { years: 10, periodsPerYear: 12 },
      { years: 1, periodsPerYear: 1 },
    ]) {
      const plan = engine.planInternalAudits(partly, AS_OF, options);
      const message = planMessage(plan, ctx);
      expectValidMessage(message);
      const behind = behindButton(message);
      for (const id of OBJECTIVE_IDS) expect(behind).toContain(`\`${id}\``);
    }
  });
});

describe("periodLines", () => {
  const { t } = ctxFor("ja");
  const period = (index: number, objectiveIds: string[]) => ({
    index,
    start: `2027-0${index + 1}-01`,
    end: `2027-0${index + 1}-28`,
    objectiveIds,
  });

  it("folds runs of empty periods into one line and keeps a single empty period by its number", () => {
    const lines = periodLines(
      [period(0, ["5.1.1"]), period(1, []), period(2, ["5.1.2"]), period(3, []), period(4, [])],
      t,
    );
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^:small_blue_diamond: \*第1期\* 2027年1月1日〜2027年1月28日 · 1件\n`5\.1\.1`$/);
    expect(lines[1]).toBe(":white_circle: *第2期* 2027年2月1日〜2027年2月28日 — _予定なし_");
    expect(lines[2]).toMatch(/^:small_blue_diamond: \*第3期\*/);
    expect(lines[3]).toBe(":white_circle: *第4〜5期* 2027年4月1日〜2027年5月28日 — _予定なし_");
  });
});
