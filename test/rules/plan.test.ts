import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, periodLastDay, startOfJstDay } from "../../src/lib/time.js";
import { internalCoverage } from "../../src/rules/coverage.js";
import { type InternalAuditPlan, planInternalAudits } from "../../src/rules/plan.js";
import {
  PROFILE_SCHEMA_VERSION,
  ServiceProfile,
  type ServiceProfileInput,
} from "../../src/rules/service-profile.js";
import { rules } from "../support/fixtures.js";

const ALL_IDS = rules.objectives.objectives.map((o) => o.id);
const day = startOfJstDay;

type Audit = { date: string; objectiveIds: string[] };
const profileWith = (...internal: Audit[]) =>
  ServiceProfile.parse({
    schemaVersion: PROFILE_SCHEMA_VERSION,
    audits: { internal: internal.map((a, i) => ({ id: `ia-${i}`, ...a })) },
  });
const registeredWith = (registration: ServiceProfileInput["registration"], ...internal: Audit[]) =>
  ServiceProfile.parse({
    schemaVersion: PROFILE_SCHEMA_VERSION,
    registration,
    audits: { internal: internal.map((a, i) => ({ id: `ia-${i}`, ...a })) },
  });

const sizes = (plan: InternalAuditPlan) => plan.periods.map((p) => p.objectiveIds.length);

describe("planInternalAudits", () => {
  it("plans 3 years of quarters by default, all 121 objectives, evenly", () => {
    const plan = planInternalAudits(rules, profileWith(), day("2026-01-01"));
    expect(plan).toMatchObject({ asOf: "2026-01-01", years: 3, periodsPerYear: 4, overdue: [], urgent: [] });
    expect(plan.periods).toHaveLength(12);
    expect(plan.periods[0]).toMatchObject({ index: 0, start: "2026-01-01", end: "2026-03-31" });
    expect(plan.periods[11]).toMatchObject({ index: 11, start: "2028-10-01", end: "2028-12-31" });
    expect(sizes(plan)).toEqual([11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(plan.periods.flatMap((p) => p.objectiveIds)).toEqual(ALL_IDS);
  });

  it("ends each period as a period of whole months from asOf ends (rules/dates.yml), without drift", () => {
    const plan = planInternalAudits(rules, profileWith(), day("2025-01-31"), { years: 1 });
    expect(plan.periods.map((p) => [p.start, p.end])).toEqual([
      ["2025-01-31", "2025-04-30"],
      ["2025-05-01", "2025-07-30"],
      ["2025-07-31", "2025-10-30"],
      ["2025-10-31", "2026-01-30"],
    ]);
  });

  it("uses asOf's JST day", () => {
    const plan = planInternalAudits(rules, profileWith(), new Date("2025-12-31T15:00:00Z"), { years: 1 });
    expect(plan.periods[0]?.start).toBe("2026-01-01");
  });

  it("lists overdue objectives and those due before the first period ends apart, each with its own day", () => {
    const profile = profileWith(
      { date: "2022-06-01", objectiveIds: ["9.2.3", "5.1.1"] }, // covered until 2025-05-31: overdue
      { date: "2023-02-01", objectiveIds: ["12.3.1"] }, // covered until 2026-01-31, before 2026-02-28
    );
    const plan = planInternalAudits(rules, profile, day("2025-12-01"));
    expect(plan.overdue).toEqual(["5.1.1", "9.2.3"]);
    expect(plan.urgent).toEqual([
      { id: "5.1.1", dueOn: "2025-05-31", overdue: true },
      { id: "9.2.3", dueOn: "2025-05-31", overdue: true },
      { id: "12.3.1", dueOn: "2026-01-31", overdue: false },
    ]);
    expect(plan.periods[0]?.end).toBe("2026-02-28");
    const planned = plan.periods.flatMap((p) => p.objectiveIds);
    expect(planned).toHaveLength(118);
    expect(planned).not.toContain("12.3.1");
  });

  it("never schedules an objective that is due tomorrow into a 3-month period", () => {
    // Issue 10: everything covered until 2025-12-02; the first quarter ends 2026-02-28.
    const profile = profileWith({ date: "2022-12-03", objectiveIds: ALL_IDS });
    const plan = planInternalAudits(rules, profile, day("2025-12-01"));
    expect(plan.urgent).toHaveLength(121);
    expect(plan.urgent[0]).toEqual({ id: "5.1.1", dueOn: "2025-12-02", overdue: false });
    expect(sizes(plan).every((n) => n === 0)).toBe(true);
  });

  it("uses a period only if it ends by the objective's last covered day", () => {
    // Monthly periods from 2025-12-01 end 12-31, 01-31, 02-28, 03-31 …
    const lastDay = (date: string) =>
      planInternalAudits(rules, profileWith({ date, objectiveIds: ALL_IDS }), day("2025-12-01"), {
        periodsPerYear: 12,
      });
    // Covered until 2026-02-27: periods ending 12-31 and 01-31 are usable.
    expect(sizes(lastDay("2023-02-28")).slice(0, 4)).toEqual([61, 60, 0, 0]);
    // Covered until 2026-02-28: the third period is usable too.
    expect(sizes(lastDay("2023-03-01")).slice(0, 4)).toEqual([41, 40, 40, 0]);
  });

  it("plans never-covered objectives by the timeline's due day for them (the current period's end)", () => {
    const registered = registeredWith({
      status: "registered",
      registeredOn: "2026-07-01",
      auditPeriodStart: "2025-04-01",
      auditPeriodEnd: "2026-03-31",
    });
    // Current period 2026-04-01 – 2027-03-31: the never-covered are due 2027-03-31.
    const plan = planInternalAudits(rules, registered, day("2026-06-01"));
    expect(plan.periods.map((p) => p.end).slice(0, 4)).toEqual([
      "2026-08-31",
      "2026-11-30",
      "2027-02-28",
      "2027-05-31",
    ]);
    expect(sizes(plan).slice(0, 4)).toEqual([41, 40, 40, 0]);
  });

  it("accepts other period lengths", () => {
    for (const periodsPerYear of [1, 2, 3, 4, 6, 12]) {
      const plan = planInternalAudits(rules, profileWith(), day("2026-01-01"), { years: 2, periodsPerYear });
      expect(plan.periods).toHaveLength(2 * periodsPerYear);
      expect(plan.periods.at(-1)?.end).toBe("2027-12-31");
    }
  });

  it("plans up to ten years", () => {
    const plan = planInternalAudits(rules, profileWith(), day("2026-01-01"), {
      years: 10,
      periodsPerYear: 12,
    });
    expect(plan.periods).toHaveLength(120);
    expect(plan.periods.at(-1)).toMatchObject({ start: "2035-12-01", end: "2035-12-31" });
    expect(Math.max(...sizes(plan))).toBe(2);
  });

  it("rejects bad options with a RangeError", () => {
    const bad = [
      { years: 0 },
      { years: -1 },
      { years: 1.5 },
      { years: Number.NaN },
      { years: 11 },
      { periodsPerYear: 0 },
      { periodsPerYear: 5 },
      { periodsPerYear: 7 },
      { periodsPerYear: 24 },
      { periodsPerYear: 2.5 },
    ];
    for (const options of bad) {
      expect(
        () => planInternalAudits(rules, profileWith(), day("2026-01-01"), options),
        JSON.stringify(options),
      ).toThrow(RangeError);
    }
  });
});

describe("planInternalAudits properties", () => {
  const dayArb = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2020-01-01", n));
  const auditArb = fc.record({
    date: dayArb,
    objectiveIds: fc.subarray(ALL_IDS, { minLength: 1, maxLength: 60 }),
  });
  const optionsArb = fc.record({
    years: fc.integer({ min: 1, max: 5 }),
    periodsPerYear: fc.constantFrom(1, 2, 3, 4, 6, 12),
  });
  /** An objective's deadline for ordering: its last covered day, never-covered ones last. */
  const deadlineKey = (coveredUntil: string | undefined) => coveredUntil ?? "9999-12-31";

  it("plans every objective exactly once, none late, soonest lapse first", () => {
    fc.assert(
      fc.property(fc.array(auditArb, { maxLength: 6 }), dayArb, optionsArb, (audits, asOfDay, options) => {
        const profile = profileWith(...audits);
        const asOf = startOfJstDay(asOfDay);
        const plan = planInternalAudits(rules, profile, asOf, options);
        const coverage = new Map(internalCoverage(rules, profile, asOf).objectives.map((o) => [o.id, o]));

        // Full coverage: every objective once, in a period or listed as urgent.
        const planned = plan.periods.flatMap((p) => p.objectiveIds);
        const urgent = plan.urgent.map((u) => u.id);
        expect([...planned, ...urgent].sort()).toEqual([...ALL_IDS].sort());

        // Periods tile the horizon, each ending where a period of whole months from asOf ends.
        expect(plan.periods).toHaveLength(options.years * options.periodsPerYear);
        plan.periods.forEach((p, i) => {
          expect(p.end).toBe(periodLastDay(asOfDay, ((i + 1) * 12) / options.periodsPerYear));
          const next = plan.periods[i + 1];
          if (next) expect(addDays(p.end, 1)).toBe(next.start);
        });

        // Nothing late: a planned objective's period ends by its last covered day.
        for (const p of plan.periods) {
          for (const id of p.objectiveIds) {
            const o = coverage.get(id);
            if (!o) throw new Error(`unknown ${id}`);
            if (o.coveredUntil !== undefined) expect(p.end <= o.coveredUntil).toBe(true);
          }
        }
        // Urgent: exactly those due before the first period ends; overdue: those already past.
        const firstEnd = plan.periods[0]?.end as string;
        for (const u of plan.urgent) {
          expect(u.dueOn < firstEnd).toBe(true);
          expect(u.dueOn).toBe(coverage.get(u.id)?.coveredUntil);
        }
        expect(plan.overdue).toEqual(
          [...coverage.values()]
            .filter((o) => o.status === "lapsed")
            .map((o) => o.id)
            .sort((a, b) => {
              const [x, y] = [
                coverage.get(a)?.coveredUntil as string,
                coverage.get(b)?.coveredUntil as string,
              ];
              return x < y ? -1 : x > y ? 1 : 0;
            }),
        );

        // Earliest deadline first: every deadline in a period ≤ every deadline in a later period.
        let latestSoFar = "";
        for (const p of plan.periods) {
          const keys = p.objectiveIds.map((id) => deadlineKey(coverage.get(id)?.coveredUntil));
          expect([...keys].sort()).toEqual(keys);
          const [first, last] = [keys[0], keys.at(-1)];
          if (first !== undefined && last !== undefined) {
            expect(first >= latestSoFar).toBe(true);
            latestSoFar = last;
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("balances the periods to within one objective when no deadline forces otherwise", () => {
    fc.assert(
      fc.property(dayArb, optionsArb, (asOfDay, options) => {
        const plan = planInternalAudits(rules, profileWith(), startOfJstDay(asOfDay), options);
        const s = sizes(plan);
        expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
        expect(s.reduce((a, b) => a + b, 0)).toBe(121);
      }),
      { numRuns: 100 },
    );
  });

  it("never makes a period larger than the deadlines require (property)", () => {
    // The largest period equals the least possible maximum: max over deadlines j of ⌈due by j / (j + 1)⌉.
    fc.assert(
      fc.property(fc.array(auditArb, { maxLength: 6 }), dayArb, optionsArb, (audits, asOfDay, options) => {
        const profile = profileWith(...audits);
        const asOf = startOfJstDay(asOfDay);
        const plan = planInternalAudits(rules, profile, asOf, options);
        const coverage = internalCoverage(rules, profile, asOf).objectives;
        const ends = plan.periods.map((p) => p.end);
        const n = ends.length;
        const dueBy = new Array<number>(n).fill(0);
        for (const o of coverage) {
          const last = o.coveredUntil;
          if (last !== undefined && last < (ends[0] as string)) continue; // urgent, in no period
          const d = last === undefined ? n - 1 : Math.max(0, ends.filter((e) => e <= last).length - 1);
          dueBy[d] = (dueBy[d] ?? 0) + 1;
        }
        let acc = 0;
        let bound = 0;
        dueBy.forEach((c, j) => {
          acc += c;
          bound = Math.max(bound, Math.ceil(acc / (j + 1)));
        });
        expect(Math.max(...sizes(plan))).toBe(bound);
      }),
      { numRuns: 200 },
    );
  });
});
