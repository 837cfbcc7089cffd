import { describe, expect, it } from "vitest";
import { obligations } from "../../src/rules/obligations.js";
import type { ServiceProfileInput } from "../../src/rules/service-profile.js";
import type { Obligation, ObligationsTimeline } from "../../src/rules/timeline.js";
import { profileOf, rules } from "../support/fixtures.js";
import { withCycleYears } from "../support/rules-variants.js";

/**
 * The obligations timeline on hand-checked scenarios (the golden table of issue 10). Every expected day below was
 * worked out by hand from the conventions in rules/dates.yml, not read back from the code.
 */

const jst = (at: string) => new Date(`${at}+09:00`);
const byId = (timeline: ObligationsTimeline, id: string): Obligation => {
  const found = timeline.obligations.find((o) => o.id === id);
  if (!found) throw new Error(`no obligation ${id} in ${timeline.obligations.map((o) => o.id).join(", ")}`);
  return found;
};
const row = (o: Obligation) => [o.id, o.dueOn, o.status, o.planned];

const registered = (external: ServiceProfileInput["audits"] extends infer A ? A : never = undefined) =>
  profileOf({
    registration: {
      status: "registered",
      registeredOn: "2026-07-15",
      auditPeriodStart: "2025-04-01",
      auditPeriodEnd: "2026-03-31",
    },
    ...(external ? { audits: external } : {}),
  });

describe("obligations: a registered service with the period 2025-04-01 – 2026-03-31", () => {
  const asOf = jst("2026-12-03T10:00:00");

  it("chains the periods without gaps and finds the current and next one", () => {
    const timeline = obligations(rules, registered(), asOf);
    expect(timeline.anchor).toBe("registered");
    expect(timeline.periods.map((p) => [p.start, p.end, p.origin, p.cycleYear, p.reportDueOn])).toEqual([
      ["2025-04-01", "2026-03-31", "entered", 1, "2026-06-30"],
      ["2026-04-01", "2027-03-31", "assumed", 2, "2027-06-30"],
      ["2027-04-01", "2028-03-31", "assumed", 3, "2028-06-30"],
    ]);
    expect(timeline.currentPeriod?.start).toBe("2026-04-01");
    expect(timeline.nextPeriod?.start).toBe("2027-04-01");
  });

  it("with nothing recorded: last period's audits and report are overdue, this period's are ahead", () => {
    const timeline = obligations(rules, registered(), asOf);
    const rows = timeline.obligations.map(row);
    expect(rows).toEqual([
      ["external:governance:p2025-04-01", "2026-06-30", "overdue", false],
      ["external:management:p2025-04-01", "2026-06-30", "overdue", false],
      ["controls:p2025-04-01", "2026-06-30", "overdue", false],
      ["report:p2025-04-01", "2026-06-30", "overdue", false],
      // Never-covered objectives are due by the end of the current period.
      ["internal:never", "2027-03-31", "ok", false],
      ["external:governance:p2026-04-01", "2027-06-30", "ok", false],
      ["external:management:p2026-04-01", "2027-06-30", "ok", false],
      ["controls:p2026-04-01", "2027-06-30", "ok", false],
      ["report:p2026-04-01", "2027-06-30", "ok", false],
      // 16 months from the day after the period: 2026-04-01 → 2027-07-31.
      ["validity:p2025-04-01", "2027-07-31", "ok", false],
    ]);
    expect(byId(timeline, "internal:never").objectiveIds).toHaveLength(121);
    expect(byId(timeline, "external:governance:p2026-04-01").daysLeft).toBe(209);
    expect(byId(timeline, "report:p2025-04-01").next).toBe("submit_report");
    expect(byId(timeline, "validity:p2025-04-01").next).toBe("apply_for_renewal");
  });

  it("marks last period's obligations done once its audits are recorded, with the group's progress", () => {
    const group1 = obligations(rules, registered(), asOf).controls.groups[0] as string[];
    const period = { periodStart: "2025-04-01", periodEnd: "2026-03-31" };
    const timeline = obligations(
      rules,
      registered({
        external: [
          { id: "g", part: "governance", date: "2026-05-20", ...period },
          { id: "m", part: "management", date: "2026-05-20", ...period },
          { id: "c", part: "controls", date: "2026-05-20", objectiveIds: group1.slice(0, -2), ...period },
        ],
      }),
      asOf,
    );
    expect(byId(timeline, "external:governance:p2025-04-01").status).toBe("done");
    expect(byId(timeline, "external:management:p2025-04-01").status).toBe("done");
    expect(byId(timeline, "report:p2025-04-01").status).toBe("done");
    const controls = byId(timeline, "controls:p2025-04-01");
    expect(controls.status).toBe("overdue");
    expect(controls.progress).toEqual({ done: group1.length - 2, total: group1.length });
    expect(controls.objectiveIds).toEqual(group1.slice(-2));
  });

  it("is due soon within 90 days, due today on the day itself, overdue the next JST day", () => {
    const at = (t: string) => byId(obligations(rules, registered(), jst(t)), "report:p2026-04-01");
    expect(at("2027-04-01T00:00:00")).toMatchObject({ status: "due_soon", daysLeft: 90 });
    expect(at("2027-03-31T23:59:59")).toMatchObject({ status: "ok", daysLeft: 91 });
    expect(at("2027-06-30T23:59:59")).toMatchObject({ status: "due_soon", daysLeft: 0 });
    expect(at("2027-07-01T00:00:00")).toMatchObject({ status: "overdue", daysLeft: -1 });
  });
});

describe("obligations: a year-1 controls gap carried into year 2", () => {
  const period = { periodStart: "2025-04-01", periodEnd: "2026-03-31" };
  const group1 = obligations(rules, registered(), jst("2026-12-03T10:00:00")).controls.groups[0] as string[];
  const gap = group1.slice(-2);
  const audits = {
    external: [
      {
        id: "c1",
        part: "controls" as const,
        date: "2026-05-20",
        objectiveIds: group1.slice(0, -2),
        ...period,
      },
    ],
  };

  it("keeps the unaudited year-1 objectives overdue in year 2 and year 3", () => {
    for (const at of ["2026-12-03T10:00:00", "2027-05-01T10:00:00"]) {
      const timeline = obligations(rules, registered(audits), jst(at));
      const year1 = byId(timeline, "controls:p2025-04-01");
      expect(year1).toMatchObject({ status: "overdue", objectiveIds: gap });
    }
    const year3 = obligations(rules, registered(audits), jst("2027-05-01T10:00:00"));
    expect(year3.currentPeriod).toMatchObject({ start: "2027-04-01", cycleYear: 3 });
    expect(byId(year3, "controls:p2027-04-01").objectiveIds).toEqual(year3.controls.groups[2]);
  });

  it("closes the gap when a later audit covers the two objectives", () => {
    const later = {
      external: [
        ...audits.external,
        {
          id: "c2",
          part: "controls" as const,
          date: "2027-05-10",
          objectiveIds: gap,
          periodStart: "2026-04-01",
          periodEnd: "2027-03-31",
        },
      ],
    };
    const timeline = obligations(rules, registered(later), jst("2027-05-11T10:00:00"));
    expect(byId(timeline, "controls:p2025-04-01")).toMatchObject({ status: "done", objectiveIds: [] });
  });
});

describe("obligations: a team preparing its first registration", () => {
  const asOf = jst("2026-12-03T10:00:00");

  it("without a period invents no date and says what would anchor them", () => {
    const timeline = obligations(rules, profileOf({ registration: { status: "preparing" } }), asOf);
    expect(timeline.anchor).toBe("none");
    expect(timeline.periods).toEqual([]);
    expect(timeline.hints).toEqual(["enter_audit_period"]);
    expect(timeline.obligations.map(row)).toEqual([
      ["external:governance", undefined, "not_anchored", false],
      ["external:management", undefined, "not_anchored", false],
      ["controls", undefined, "not_anchored", false],
      ["internal:never", undefined, "not_anchored", false],
      ["report", undefined, "not_anchored", false],
    ]);
    expect(timeline.obligations.every((o) => o.next === "enter_audit_period")).toBe(true);
  });

  it("with a planned first period shows its dates as targets", () => {
    const profile = profileOf({
      registration: { status: "preparing", auditPeriodStart: "2027-01-01", auditPeriodEnd: "2027-03-31" },
    });
    const timeline = obligations(rules, profile, asOf);
    expect(timeline.anchor).toBe("planned");
    expect(timeline.currentPeriod).toBeUndefined();
    expect(timeline.nextPeriod?.start).toBe("2027-01-01");
    expect(timeline.obligations.map(row)).toEqual([
      ["internal:never", "2027-03-31", "ok", true],
      ["external:governance:p2027-01-01", "2027-06-30", "ok", true],
      ["external:management:p2027-01-01", "2027-06-30", "ok", true],
      ["controls:p2027-01-01", "2027-06-30", "ok", true],
      ["report:p2027-01-01", "2027-06-30", "ok", true],
    ]);
  });
});

describe("obligations: internal coverage", () => {
  it("a leap-day audit is covered until 2027-02-27 and due that day", () => {
    const profile = profileOf({
      audits: { internal: [{ id: "i", date: "2024-02-29", objectiveIds: ["5.1.1"] }] },
    });
    const timeline = obligations(rules, profile, jst("2027-02-27T12:00:00"));
    expect(byId(timeline, "internal:2027-02-27")).toMatchObject({
      status: "due_soon",
      daysLeft: 0,
      objectiveIds: ["5.1.1"],
      lastDone: "2024-02-29",
    });
    expect(timeline.coverage.objectives[0]).toMatchObject({ id: "5.1.1", coveredUntil: "2027-02-27" });
    const next = obligations(rules, profile, jst("2027-02-28T00:00:00"));
    expect(byId(next, "internal:2027-02-27").status).toBe("overdue");
  });

  it("groups objectives covered on the same day into one obligation, due the day before the anniversary", () => {
    const profile = profileOf({
      audits: { internal: [{ id: "i", date: "2023-12-04", objectiveIds: ["7.1.1", "7.1.2"] }] },
    });
    const timeline = obligations(rules, profile, jst("2026-12-03T10:00:00"));
    expect(byId(timeline, "internal:2026-12-03")).toMatchObject({
      dueOn: "2026-12-03",
      status: "due_soon",
      objectiveIds: ["7.1.1", "7.1.2"],
    });
  });
});

describe("obligations: the special measure's dates come from the rules at asOf", () => {
  const profile = profileOf({});
  it("accepts until 2025-03-31 23:59 JST and is closed from 2025-04-01 00:00 JST", () => {
    expect(obligations(rules, profile, jst("2025-03-31T23:59:00")).special.acceptance).toBe("accepting");
    expect(obligations(rules, profile, jst("2025-04-01T00:00:00")).special.acceptance).toBe("closed");
  });
});

describe("obligations: every obligation cites its rules", () => {
  it("names rules with sources, and discloses the inferred date conventions", () => {
    const timeline = obligations(rules, registered(), jst("2026-12-03T10:00:00"));
    for (const o of timeline.obligations) {
      expect(o.rules.length).toBeGreaterThan(0);
      for (const r of o.rules) expect(r.sources.length).toBeGreaterThan(0);
    }
    const ids = timeline.caveats.map((c) => c.ruleId);
    expect(ids).toContain("dates.period-end");
    expect(ids).toContain("dates.next-period-length");
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("obligations: the cycle and long histories", () => {
  it("counts cycle years by the length in the rules data", () => {
    const twoYears = withCycleYears(rules, 2);
    const timeline = obligations(twoYears, registered(), jst("2027-05-01T10:00:00"));
    expect(timeline.periods.map((p) => p.cycleYear)).toEqual([1, 2, 1, 2]);
    expect(timeline.controls.groups).toHaveLength(2);
    expect(byId(timeline, "controls:p2027-04-01").objectiveIds).toEqual(timeline.controls.groups[0]);
  });

  it("ten years of monthly records: every past period's yearly audits done, every objective covered", () => {
    const ids = rules.objectives.objectives.map((o) => o.id);
    const periodOf = (y: number) => ({ periodStart: `${y}-04-01`, periodEnd: `${y + 1}-03-31` });
    const external = Array.from({ length: 10 }, (_, k) => 2016 + k).flatMap((y) => [
      { id: `g${y}`, part: "governance" as const, date: `${y + 1}-05-20`, ...periodOf(y) },
      { id: `m${y}`, part: "management" as const, date: `${y + 1}-05-20`, ...periodOf(y) },
    ]);
    const internal = Array.from({ length: 120 }, (_, m) => ({
      id: `i${m}`,
      date: `${2016 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-15`,
      objectiveIds: Array.from({ length: 30 }, (_, k) => ids[(m * 30 + k) % ids.length] as string),
    }));
    const profile = profileOf({
      registration: {
        status: "registered",
        registeredOn: "2016-08-01",
        auditPeriodStart: "2016-04-01",
        auditPeriodEnd: "2017-03-31",
      },
      audits: { external, internal },
    });
    const timeline = obligations(rules, profile, jst("2026-06-01T10:00:00"));
    expect(timeline.periods).toHaveLength(12);
    expect(timeline.currentPeriod?.start).toBe("2026-04-01");
    const yearly = timeline.obligations.filter(
      (o) => o.kind === "external" && o.period && o.period.end < "2026-04-01",
    );
    expect(yearly).toHaveLength(20);
    expect(yearly.every((o) => o.status === "done")).toBe(true);
    expect(timeline.coverage.counts.never).toBe(0);
  });
});
