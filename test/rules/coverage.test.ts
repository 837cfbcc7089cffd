import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { addDays, startOfJstDay } from "../../src/lib/time.js";
import {
  COVERAGE_STATUS_ORDER,
  type CoverageStatus,
  coverageRank,
  internalCoverage,
} from "../../src/rules/coverage.js";
import { AuditsFile, DatesFile, ObjectivesFile } from "../../src/rules/schema.js";
import { PROFILE_SCHEMA_VERSION, ServiceProfile } from "../../src/rules/service-profile.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const rules = {
  objectives: ObjectivesFile.parse(parse(read("../../rules/objectives.yml"))),
  audits: AuditsFile.parse(parse(read("../../rules/audits.yml"))),
  dates: DatesFile.parse(parse(read("../../rules/dates.yml"))),
};
const ALL_IDS = rules.objectives.objectives.map((o) => o.id);

type Audit = { date: string; objectiveIds: string[] };
const profileWith = (...internal: Audit[]) =>
  ServiceProfile.parse({
    schemaVersion: PROFILE_SCHEMA_VERSION,
    audits: { internal: internal.map((a, i) => ({ id: `ia-${i}`, ...a })) },
  });
/** The instant a JST day starts. */
const day = startOfJstDay;
const entry = (result: ReturnType<typeof internalCoverage>, id: string) => {
  const found = result.objectives.find((o) => o.id === id);
  if (!found) throw new Error(`no coverage for ${id}`);
  return found;
};

describe("internalCoverage", () => {
  it("reports every objective as never covered for an empty profile", () => {
    const result = internalCoverage(rules, profileWith(), day("2026-01-01"));
    expect(result.objectives.map((o) => o.id)).toEqual(ALL_IDS);
    expect(result.counts).toEqual({ covered: 0, expiring: 0, lapsed: 0, never: 121 });
    expect(result.nextToLapse).toEqual([]);
    expect(result.objectives[0]).toEqual({ id: "5.1.1", status: "never" });
    expect(result.asOf).toBe("2026-01-01");
    expect(result.windowYears).toBe(3);
    expect(result.expiringWithinDays).toBe(90);
  });

  describe("at the lapse boundary (window of 3 years)", () => {
    const profile = profileWith({ date: "2025-04-10", objectiveIds: ["9.2.3"] });

    it("lapses on the anniversary day", () => {
      const before = entry(internalCoverage(rules, profile, day("2028-04-09")), "9.2.3");
      expect(before).toEqual({
        id: "9.2.3",
        lastCovered: "2025-04-10",
        coveredUntil: "2028-04-09",
        lapsesOn: "2028-04-10",
        status: "expiring",
        daysLeft: 0,
      });
      const on = entry(internalCoverage(rules, profile, day("2028-04-10")), "9.2.3");
      expect(on).toMatchObject({ status: "lapsed", daysLeft: -1, lapsesOn: "2028-04-10" });
      const after = entry(internalCoverage(rules, profile, day("2029-04-10")), "9.2.3");
      expect(after).toMatchObject({ status: "lapsed", daysLeft: -366 });
    });

    it("uses asOf's JST calendar day, not its UTC day", () => {
      // 23:59:59 JST on the day before the lapse: still covered.
      const lastSecond = new Date("2028-04-09T23:59:59+09:00");
      expect(entry(internalCoverage(rules, profile, lastSecond), "9.2.3").status).toBe("expiring");
      // 15:00 UTC on 2028-04-09 is already 2028-04-10 in Tokyo.
      const utcEvening = new Date("2028-04-09T15:00:00Z");
      expect(entry(internalCoverage(rules, profile, utcEvening), "9.2.3").status).toBe("lapsed");
    });

    it("is expiring from 90 days before the last covered day, covered at 91", () => {
      expect(addDays("2028-04-09", -90)).toBe("2028-01-10");
      const at90 = entry(internalCoverage(rules, profile, day("2028-01-10")), "9.2.3");
      expect(at90).toMatchObject({ status: "expiring", daysLeft: 90 });
      const at91 = entry(internalCoverage(rules, profile, day("2028-01-09")), "9.2.3");
      expect(at91).toMatchObject({ status: "covered", daysLeft: 91 });
    });

    it("counts an audit dated on asOf's day, and ignores one dated later", () => {
      expect(entry(internalCoverage(rules, profile, day("2025-04-10")), "9.2.3").status).toBe("covered");
      expect(entry(internalCoverage(rules, profile, day("2025-04-09")), "9.2.3").status).toBe("never");
      const late = new Date("2025-04-09T23:59:59+09:00");
      expect(entry(internalCoverage(rules, profile, late), "9.2.3").status).toBe("never");
    });
  });

  it("clamps a leap-day audit to 28 February: 2028-02-29 lapses on 2031-02-28", () => {
    const profile = profileWith({ date: "2028-02-29", objectiveIds: ["12.3.1"] });
    expect(entry(internalCoverage(rules, profile, day("2031-02-27")), "12.3.1")).toMatchObject({
      coveredUntil: "2031-02-27",
      lapsesOn: "2031-02-28",
      status: "expiring",
      daysLeft: 0,
    });
    expect(entry(internalCoverage(rules, profile, day("2031-02-28")), "12.3.1").status).toBe("lapsed");
  });

  it("keeps month ends: 2025-08-31 lapses 2028-08-31, 2025-12-31 lapses 2028-12-31", () => {
    const profile = profileWith(
      { date: "2025-08-31", objectiveIds: ["5.1.1"] },
      { date: "2025-12-31", objectiveIds: ["5.1.2"] },
    );
    const aug = internalCoverage(rules, profile, day("2028-08-30"));
    expect(entry(aug, "5.1.1")).toMatchObject({ lapsesOn: "2028-08-31", status: "expiring", daysLeft: 0 });
    expect(entry(internalCoverage(rules, profile, day("2028-08-31")), "5.1.1").status).toBe("lapsed");
    const dec = internalCoverage(rules, profile, new Date("2028-12-30T23:59:59+09:00"));
    expect(entry(dec, "5.1.2")).toMatchObject({ lapsesOn: "2028-12-31", status: "expiring" });
    expect(entry(internalCoverage(rules, profile, day("2028-12-31")), "5.1.2").status).toBe("lapsed");
  });

  it("takes the latest audit of each objective whatever the record order", () => {
    const profile = profileWith(
      { date: "2026-05-01", objectiveIds: ["9.2.3", "9.2.4"] },
      { date: "2024-01-01", objectiveIds: ["9.2.3", "5.1.1"] },
      { date: "2025-03-01", objectiveIds: ["9.2.4"] },
    );
    const result = internalCoverage(rules, profile, day("2026-06-01"));
    expect(entry(result, "9.2.3").lastCovered).toBe("2026-05-01");
    expect(entry(result, "9.2.4").lastCovered).toBe("2026-05-01");
    expect(entry(result, "5.1.1")).toMatchObject({ lastCovered: "2024-01-01", lapsesOn: "2027-01-01" });
  });

  it("ignores objective ids that are not in the catalogue", () => {
    const profile = profileWith({ date: "2025-01-01", objectiveIds: ["99.1.1", "9.2.7", "9.2.3"] });
    const result = internalCoverage(rules, profile, day("2025-06-01"));
    expect(result.objectives).toHaveLength(121);
    expect(result.objectives.some((o) => o.id === "99.1.1" || o.id === "9.2.7")).toBe(false);
    expect(result.counts).toEqual({ covered: 1, expiring: 0, lapsed: 0, never: 120 });
  });

  it("counts statuses and lists the next lapses soonest first, without lapsed or never", () => {
    const profile = profileWith(
      { date: "2023-01-01", objectiveIds: ["5.1.1"] }, // lapsed 2026-01-01
      { date: "2023-05-01", objectiveIds: ["6.1.2", "6.1.1"] }, // 2026-05-01: expiring on 2026-03-01
      { date: "2024-02-01", objectiveIds: ["7.1.1"] }, // 2027-02-01: covered
      { date: "2023-04-01", objectiveIds: ["8.1.1"] }, // 2026-04-01: expiring
    );
    const result = internalCoverage(rules, profile, day("2026-03-01"));
    expect(result.counts).toEqual({ covered: 1, expiring: 3, lapsed: 1, never: 116 });
    expect(result.nextToLapse.map((o) => o.id)).toEqual(["8.1.1", "6.1.1", "6.1.2", "7.1.1"]);
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(121);
  });

  it("cites the seed rule and discloses the inferred reading of the window and the threshold", () => {
    const result = internalCoverage(rules, profileWith(), day("2026-01-01"));
    expect(result.rule).toMatchObject({
      ruleId: "internal-audit-window",
      sources: ["seed"],
      confidence: "seed",
    });
    expect(result.caveats.map((c) => [c.ruleId, c.confidence, c.sources])).toEqual([
      ["dates.internal-coverage", "inferred", ["seed", "civil-code", "team"]],
      ["internal-audit-expiring", "inferred", ["team"]],
    ]);
    expect(result.caveats[1]?.text.ja).toContain("90日");
  });

  it("orders statuses never < lapsed < expiring < covered", () => {
    expect(COVERAGE_STATUS_ORDER).toEqual(["never", "lapsed", "expiring", "covered"]);
    expect(coverageRank("never")).toBeLessThan(coverageRank("lapsed"));
    expect(coverageRank("lapsed")).toBeLessThan(coverageRank("expiring"));
    expect(coverageRank("expiring")).toBeLessThan(coverageRank("covered"));
  });
});

describe("internalCoverage properties", () => {
  const dayArb = fc.integer({ min: 0, max: 4000 }).map((n) => addDays("2020-01-01", n));
  const auditArb = fc.record({
    date: dayArb,
    objectiveIds: fc.subarray(ALL_IDS, { minLength: 1, maxLength: 40 }),
  });

  it("never makes a status worse nor a lapse earlier when one more audit is recorded", () => {
    fc.assert(
      fc.property(fc.array(auditArb, { maxLength: 8 }), auditArb, dayArb, (audits, extra, asOfDay) => {
        const asOf = startOfJstDay(asOfDay);
        const before = internalCoverage(rules, profileWith(...audits), asOf);
        const after = internalCoverage(rules, profileWith(...audits, extra), asOf);
        before.objectives.forEach((b, i) => {
          const a = after.objectives[i];
          if (!a) throw new Error("missing objective");
          expect(a.id).toBe(b.id);
          expect(coverageRank(a.status)).toBeGreaterThanOrEqual(coverageRank(b.status));
          if (b.lapsesOn !== undefined) {
            expect(a.lapsesOn).toBeDefined();
            expect((a.lapsesOn ?? "") >= b.lapsesOn).toBe(true);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it("is consistent: status follows daysLeft, counts match, nextToLapse is sorted", () => {
    fc.assert(
      fc.property(fc.array(auditArb, { maxLength: 8 }), dayArb, (audits, asOfDay) => {
        const result = internalCoverage(rules, profileWith(...audits), startOfJstDay(asOfDay));
        const counts: Record<CoverageStatus, number> = { covered: 0, expiring: 0, lapsed: 0, never: 0 };
        for (const o of result.objectives) {
          counts[o.status]++;
          if (o.status === "never") {
            expect(o.lastCovered).toBeUndefined();
            continue;
          }
          expect((o.lastCovered ?? "") <= asOfDay).toBe(true);
          const daysLeft = o.daysLeft ?? Number.NaN;
          // daysLeft counts to the last covered day: 0 is still covered (expiring), the lapse day is -1.
          const expected = daysLeft < 0 ? "lapsed" : daysLeft <= 90 ? "expiring" : "covered";
          expect(o.status).toBe(expected);
        }
        expect(result.counts).toEqual(counts);
        const lapses = result.nextToLapse.map((o) => o.lapsesOn ?? "");
        expect(lapses).toEqual([...lapses].sort());
        expect(result.nextToLapse).toHaveLength(counts.covered + counts.expiring);
      }),
      { numRuns: 200 },
    );
  });
});
