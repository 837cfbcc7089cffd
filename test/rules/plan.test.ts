import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROFILE_SCHEMA_VERSION, ServiceProfile } from "../../src/profile/schema.js";
import { internalCoverage } from "../../src/rules/coverage.js";
import { type InternalAuditPlan, planInternalAudits } from "../../src/rules/plan.js";
import { AuditsFile, DatesFile, ObjectivesFile } from "../../src/rules/schema.js";
import { addDays, addMonths, startOfJstDay } from "../../src/rules/time.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const rules = {
  objectives: ObjectivesFile.parse(parse(read("../../rules/objectives.yml"))),
  audits: AuditsFile.parse(parse(read("../../rules/audits.yml"))),
  dates: DatesFile.parse(parse(read("../../rules/dates.yml"))),
};
const ALL_IDS = rules.objectives.objectives.map((o) => o.id);
const day = startOfJstDay;

type Audit = { date: string; objectiveIds: string[] };
const profileWith = (...internal: Audit[]) =>
  ServiceProfile.parse({
    schemaVersion: PROFILE_SCHEMA_VERSION,
    audits: { internal: internal.map((a, i) => ({ id: `ia-${i}`, ...a })) },
  });

const sizes = (plan: InternalAuditPlan) => plan.periods.map((p) => p.objectiveIds.length);

describe("planInternalAudits", () => {
  it("plans 3 years of quarters by default, all 121 objectives, evenly", () => {
    const plan = planInternalAudits(rules, profileWith(), day("2026-01-01"));
    expect(plan).toMatchObject({ asOf: "2026-01-01", years: 3, periodsPerYear: 4, overdue: [], caveats: [] });
    expect(plan.periods).toHaveLength(12);
    expect(plan.periods[0]).toMatchObject({ index: 0, start: "2026-01-01", end: "2026-03-31" });
    expect(plan.periods[11]).toMatchObject({ index: 11, start: "2028-10-01", end: "2028-12-31" });
    expect(sizes(plan)).toEqual([11, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(plan.periods.flatMap((p) => p.objectiveIds)).toEqual(ALL_IDS);
  });

  it("starts each period a whole number of months after asOf, clamping month ends without drift", () => {
    const plan = planInternalAudits(rules, profileWith(), day("2025-01-31"), { years: 1 });
    expect(plan.periods.map((p) => [p.start, p.end])).toEqual([
      ["2025-01-31", "2025-04-29"],
      ["2025-04-30", "2025-07-30"],
      ["2025-07-31", "2025-10-30"],
      ["2025-10-31", "2026-01-30"],
    ]);
  });

  it("uses asOf's JST day", () => {
    const plan = planInternalAudits(rules, profileWith(), new Date("2025-12-31T15:00:00Z"), { years: 1 });
    expect(plan.periods[0]?.start).toBe("2026-01-01");
  });

  it("puts lapsed objectives first and reports them as overdue", () => {
    const profile = profileWith(
      { date: "2022-06-01", objectiveIds: ["9.2.3", "5.1.1"] }, // lapsed 2025-06-01
      { date: "2023-02-01", objectiveIds: ["12.3.1"] }, // lapses 2026-02-01
    );
    const plan = planInternalAudits(rules, profile, day("2025-12-01"));
    expect(plan.overdue).toEqual(["5.1.1", "9.2.3"]);
    expect(plan.periods[0]?.objectiveIds.slice(0, 3)).toEqual(["5.1.1", "9.2.3", "12.3.1"]);
  });

  it("plans an objective before its lapse, even at a tight deadline", () => {
    // Lapses on 2026-03-01: only the first quarter (starting 2025-12-01) starts before that.
    const profile = profileWith({ date: "2023-03-01", objectiveIds: ALL_IDS });
    expect(sizes(planInternalAudits(rules, profile, day("2025-12-01")))).toEqual([
      121, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it("does not use a period that starts on the lapse day", () => {
    // Monthly periods start 12-01, 01-01, 02-01, 03-01 …; a lapse on 03-01 leaves three usable periods.
    const onStart = planInternalAudits(
      rules,
      profileWith({ date: "2023-03-01", objectiveIds: ALL_IDS }),
      day("2025-12-01"),
      {
        periodsPerYear: 12,
      },
    );
    expect(onStart.periods[3]?.start).toBe("2026-03-01");
    expect(sizes(onStart).slice(0, 5)).toEqual([41, 40, 40, 0, 0]);
    // A day later, the fourth period is usable too.
    const dayLater = planInternalAudits(
      rules,
      profileWith({ date: "2023-03-02", objectiveIds: ALL_IDS }),
      day("2025-12-01"),
      {
        periodsPerYear: 12,
      },
    );
    expect(sizes(dayLater).slice(0, 5)).toEqual([31, 30, 30, 30, 0]);
  });

  it("spreads objectives that all lapse soon over the periods before the lapse", () => {
    // Everything lapses on 2026-06-01; quarters start 06-01, 09-01, 12-01, 03-01: four periods are usable.
    const profile = profileWith({ date: "2023-06-01", objectiveIds: ALL_IDS });
    const plan = planInternalAudits(rules, profile, day("2025-06-01"));
    expect(sizes(plan)).toEqual([31, 30, 30, 30, 0, 0, 0, 0, 0, 0, 0, 0]);
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
  /** An objective's deadline for ordering: its lapse day, never-covered ones last. */
  const deadlineKey = (lapsesOn: string | undefined) => lapsesOn ?? "9999-12-31";

  it("plans every objective exactly once, none late, soonest lapse first", () => {
    fc.assert(
      fc.property(fc.array(auditArb, { maxLength: 6 }), dayArb, optionsArb, (audits, asOfDay, options) => {
        const profile = profileWith(...audits);
        const asOf = startOfJstDay(asOfDay);
        const plan = planInternalAudits(rules, profile, asOf, options);
        const coverage = new Map(internalCoverage(rules, profile, asOf).objectives.map((o) => [o.id, o]));

        // Full coverage.
        const planned = plan.periods.flatMap((p) => p.objectiveIds);
        expect([...planned].sort()).toEqual([...ALL_IDS].sort());

        // Periods tile the horizon.
        expect(plan.periods).toHaveLength(options.years * options.periodsPerYear);
        plan.periods.forEach((p, i) => {
          expect(p.start).toBe(addMonths(asOfDay, (i * 12) / options.periodsPerYear));
          const next = plan.periods[i + 1];
          if (next) expect(addDays(p.end, 1)).toBe(next.start);
        });

        // Nothing late: a period starts strictly before the lapse; lapsed ones are in the first period.
        for (const p of plan.periods) {
          for (const id of p.objectiveIds) {
            const o = coverage.get(id);
            if (!o) throw new Error(`unknown ${id}`);
            if (o.status === "lapsed") expect(p.index).toBe(0);
            else if (o.lapsesOn !== undefined) expect(p.start < o.lapsesOn).toBe(true);
          }
        }
        expect(plan.overdue).toEqual(
          [...coverage.values()].filter((o) => o.status === "lapsed").map((o) => o.id),
        );

        // Earliest deadline first: every deadline in a period ≤ every deadline in a later period.
        let latestSoFar = "";
        for (const p of plan.periods) {
          const keys = p.objectiveIds.map((id) => deadlineKey(coverage.get(id)?.lapsesOn));
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
        const starts = plan.periods.map((p) => p.start);
        const n = starts.length;
        const dueBy = new Array<number>(n).fill(0);
        for (const o of coverage) {
          let d = n - 1;
          if (o.status === "lapsed") d = 0;
          else if (o.lapsesOn !== undefined) {
            const lapse = o.lapsesOn;
            d = Math.min(n - 1, Math.max(0, starts.filter((s) => s < lapse).length - 1));
          }
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
