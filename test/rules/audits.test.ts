import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  PROFILE_SCHEMA_VERSION,
  ServiceProfile,
  type ServiceProfileInput,
} from "../../src/profile/schema.js";
import { requiredAudits, subsetGroups } from "../../src/rules/audits.js";
import { AuditsFile, DatesFile, ObjectivesFile } from "../../src/rules/schema.js";
import { addDays, addMonths, addYears, startOfJstDay } from "../../src/rules/time.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const rules = {
  objectives: ObjectivesFile.parse(parse(read("../../rules/objectives.yml"))),
  audits: AuditsFile.parse(parse(read("../../rules/audits.yml"))),
  dates: DatesFile.parse(parse(read("../../rules/dates.yml"))),
};
const day = startOfJstDay;

type External = { part: "governance" | "management" | "controls"; date: string; objectiveIds?: string[] };
const profileWith = (external: External[] = [], registration: ServiceProfileInput["registration"] = {}) =>
  ServiceProfile.parse({
    schemaVersion: PROFILE_SCHEMA_VERSION,
    registration,
    audits: { external: external.map((a, i) => ({ id: `ea-${i}`, ...a })) },
  });

const groups = subsetGroups(rules);
const subset = rules.audits.controlsSubset.areas.flatMap((a) => a.objectiveIds);
const catalogueOrder = (ids: string[]) => {
  const order = rules.objectives.objectives.map((o) => o.id);
  return [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b));
};

describe("requiredAudits: yearly governance and management audits", () => {
  it("says never, due a year after asOf, when nothing is on record", () => {
    const result = requiredAudits(rules, profileWith(), day("2026-06-01"));
    expect(result.asOf).toBe("2026-06-01");
    expect(result.external.governance).toMatchObject({
      part: "governance",
      nextDue: "2027-06-01",
      status: "never",
      daysLeft: 365,
    });
    expect(result.external.governance.lastDate).toBeUndefined();
    expect(result.external.management).toMatchObject({ part: "management", status: "never" });
  });

  it("counts a never-audited part from the registration day when there is one", () => {
    const profile = profileWith([], { status: "registered", registeredOn: "2025-10-01" });
    const result = requiredAudits(rules, profile, day("2026-06-01"));
    expect(result.external.governance).toMatchObject({ status: "never", nextDue: "2026-10-01" });
  });

  describe("after an audit on 2026-01-15 (next due 2027-01-15)", () => {
    const profile = profileWith([
      { part: "governance", date: "2026-01-15" },
      { part: "management", date: "2025-03-31" },
    ]);
    const governance = (asOf: string) => requiredAudits(rules, profile, day(asOf)).external.governance;

    it("is ok while more than 90 days remain", () => {
      expect(governance("2026-06-01")).toMatchObject({
        lastDate: "2026-01-15",
        nextDue: "2027-01-15",
        status: "ok",
      });
      expect(governance("2026-10-16")).toMatchObject({ status: "ok", daysLeft: 91 });
    });

    it("is due soon from 90 days before through the due day", () => {
      expect(governance("2026-10-17")).toMatchObject({ status: "due_soon", daysLeft: 90 });
      expect(governance("2027-01-15")).toMatchObject({ status: "due_soon", daysLeft: 0 });
    });

    it("is overdue the day after", () => {
      expect(governance("2027-01-16")).toMatchObject({ status: "overdue", daysLeft: -1 });
    });

    it("tracks management separately, clamping month ends", () => {
      const management = requiredAudits(rules, profile, day("2026-03-01")).external.management;
      expect(management).toMatchObject({ lastDate: "2025-03-31", nextDue: "2026-03-31", status: "due_soon" });
      expect(addMonths("2025-08-31", 12)).toBe("2026-08-31");
    });
  });

  it("uses the latest audit, ignoring those dated after asOf", () => {
    const profile = profileWith([
      { part: "governance", date: "2024-05-01" },
      { part: "governance", date: "2025-05-01" },
      { part: "governance", date: "2026-05-01" },
    ]);
    const result = requiredAudits(rules, profile, day("2025-12-01"));
    expect(result.external.governance).toMatchObject({ lastDate: "2025-05-01", nextDue: "2026-05-01" });
  });

  it("cites the seed rule", () => {
    const result = requiredAudits(rules, profileWith(), day("2026-06-01"));
    expect(result.external.governance.rule).toMatchObject({ ruleId: "every-year", confidence: "seed" });
  });
});

describe("requiredAudits: controls subset rotation", () => {
  it("splits the subset into 3 balanced groups, every objective once, areas kept in order", () => {
    expect(groups).toHaveLength(3);
    const sizes = groups.map((g) => g.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const flat = groups.flat();
    expect(new Set(flat)).toEqual(new Set(subset));
    expect(flat).toHaveLength(subset.length);
    // Each area is one consecutive run across the groups.
    for (const area of rules.audits.controlsSubset.areas) {
      const at = area.objectiveIds.map((id) => flat.indexOf(id)).sort((a, b) => a - b);
      expect((at.at(-1) ?? 0) - (at[0] ?? 0) + 1, area.id).toBe(at.length);
    }
    // Access management (22 objectives: chapter 9 and physical security 11.1) is wholly in the first group.
    expect(groups[0]?.slice(0, 22)).toEqual(
      catalogueOrder(rules.audits.controlsSubset.areas[0]?.objectiveIds ?? []),
    );
  });

  it("anchors at the first external controls audit and rotates the groups yearly", () => {
    const profile = profileWith([
      { part: "controls", date: "2026-04-10", objectiveIds: groups[1] },
      { part: "controls", date: "2025-04-10", objectiveIds: groups[0] },
    ]);
    const controls = (asOf: string) => requiredAudits(rules, profile, day(asOf)).external.controls;
    expect(controls("2025-04-10")).toMatchObject({
      cycleYears: 3,
      cycleIndex: 1,
      cycleStart: "2025-04-10",
      cycleEnd: "2028-04-09",
      yearStart: "2025-04-10",
      yearEnd: "2026-04-09",
      anchor: "2025-04-10",
      anchorFrom: "external_audit",
      lastDate: "2025-04-10",
    });
    expect(controls("2026-04-09").cycleIndex).toBe(1);
    expect(controls("2026-04-10")).toMatchObject({
      cycleIndex: 2,
      yearStart: "2026-04-10",
      lastDate: "2026-04-10",
    });
    expect(controls("2027-04-10").cycleIndex).toBe(3);
    expect(controls("2028-04-09")).toMatchObject({ cycleIndex: 3, yearEnd: "2028-04-09" });
    expect(controls("2028-04-10")).toMatchObject({
      cycleIndex: 1,
      cycleStart: "2028-04-10",
      cycleEnd: "2031-04-09",
    });
    // Over eight years the due group follows the year of the cycle.
    for (let year = 0; year < 8; year++) {
      const asOf = addDays(addYears("2025-04-10", year), 100);
      const c = controls(asOf);
      expect(c.cycleIndex).toBe((year % 3) + 1);
      expect(c.groupDueThisCycle).toEqual(groups[year % 3]);
      expect(c.groups).toEqual(groups);
    }
  });

  it("falls back to the registration day, then to asOf, for the anchor", () => {
    const registered = profileWith([], { status: "registered", registeredOn: "2024-07-01" });
    expect(requiredAudits(rules, registered, day("2026-08-01")).external.controls).toMatchObject({
      anchor: "2024-07-01",
      anchorFrom: "registration",
      cycleIndex: 3,
      yearStart: "2026-07-01",
    });
    const fresh = requiredAudits(rules, profileWith(), day("2026-08-01")).external.controls;
    expect(fresh).toMatchObject({ anchor: "2026-08-01", anchorFrom: "as_of", cycleIndex: 1, overdue: [] });
    expect(fresh.groupDueThisCycle).toEqual(groups[0]);
    expect(fresh.lastDate).toBeUndefined();
    // A controls audit dated after asOf does not anchor yet.
    const planned = profileWith([{ part: "controls", date: "2027-01-01", objectiveIds: groups[0] }]);
    expect(requiredAudits(rules, planned, day("2026-08-01")).external.controls.anchorFrom).toBe("as_of");
  });

  it("counts years from a leap-day anchor on the clamped anniversary", () => {
    const profile = profileWith([{ part: "controls", date: "2028-02-29", objectiveIds: groups[0] }]);
    expect(requiredAudits(rules, profile, day("2029-02-27")).external.controls.cycleIndex).toBe(1);
    expect(requiredAudits(rules, profile, day("2029-02-28")).external.controls).toMatchObject({
      cycleIndex: 2,
      yearStart: "2029-02-28",
    });
  });

  it("lists subset objectives not externally audited within the last 3 years as overdue", () => {
    const profile = profileWith([
      { part: "controls", date: "2025-04-10", objectiveIds: groups[0] },
      { part: "controls", date: "2026-04-15", objectiveIds: groups[1] },
      { part: "controls", date: "2027-04-20", objectiveIds: groups[2] },
    ]);
    const overdue = (asOf: string) => requiredAudits(rules, profile, day(asOf)).external.controls.overdue;
    expect(overdue("2028-04-09")).toEqual([]);
    expect(overdue("2028-04-10")).toEqual(catalogueOrder(groups[0] ?? []));
    expect(overdue("2029-04-15")).toEqual(catalogueOrder([...(groups[0] ?? []), ...(groups[1] ?? [])]));
  });

  it("counts never-audited subset objectives from the anchor", () => {
    const profile = profileWith([{ part: "controls", date: "2025-04-10", objectiveIds: groups[0] }]);
    const at = (asOf: string) => requiredAudits(rules, profile, day(asOf)).external.controls.overdue;
    expect(at("2028-04-09")).toEqual([]);
    expect(at("2028-04-10")).toEqual(catalogueOrder(subset));
    const registered = profileWith([], { status: "registered", registeredOn: "2022-01-01" });
    expect(requiredAudits(rules, registered, day("2025-01-01")).external.controls.overdue).toHaveLength(
      subset.length,
    );
  });

  it("keeps the cycle year within 1..cycleYears and around asOf for any anchor (property)", () => {
    const dayArb = fc.integer({ min: 0, max: 6000 }).map((n) => addDays("2018-01-01", n));
    fc.assert(
      fc.property(dayArb, dayArb, (anchor, asOf) => {
        const profile = profileWith([], { status: "registered", registeredOn: anchor });
        const c = requiredAudits(rules, profile, day(asOf)).external.controls;
        expect(c.cycleIndex).toBeGreaterThanOrEqual(1);
        expect(c.cycleIndex).toBeLessThanOrEqual(3);
        expect(c.yearStart <= asOf && asOf <= c.yearEnd).toBe(true);
        expect(c.cycleStart <= c.yearStart && c.yearEnd <= c.cycleEnd).toBe(true);
        expect(c.groupDueThisCycle).toEqual(groups[c.cycleIndex - 1]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("requiredAudits: internal coverage and caveats", () => {
  it("includes internal coverage", () => {
    const profile = ServiceProfile.parse({
      schemaVersion: PROFILE_SCHEMA_VERSION,
      audits: { internal: [{ id: "i1", date: "2025-01-10", objectiveIds: ["9.2.3"] }] },
    });
    const result = requiredAudits(rules, profile, day("2026-01-01"));
    expect(result.internal.counts).toEqual({ covered: 1, expiring: 0, lapsed: 0, never: 120 });
    expect(result.internal.nextToLapse[0]).toMatchObject({ id: "9.2.3", lapsesOn: "2028-01-10" });
  });

  it("discloses the inferred subset areas, the tbc cycle length and the inferred threshold", () => {
    const { caveats } = requiredAudits(rules, profileWith(), day("2026-06-01"));
    expect(caveats.map((c) => [c.ruleId, c.confidence])).toEqual([
      ["controls-cycle-years", "tbc"],
      ["area-access", "inferred"],
      ["area-change", "inferred"],
      ["area-operation", "inferred"],
      ["area-outsourcing", "inferred"],
      ["internal-audit-expiring", "inferred"],
    ]);
    for (const c of caveats) {
      expect(c.text.ja.length).toBeGreaterThan(0);
      expect(c.text.en.length).toBeGreaterThan(0);
    }
    expect(caveats.find((c) => c.ruleId === "controls-cycle-years")?.sources).toEqual(["seed", "team"]);
    expect(caveats.find((c) => c.ruleId === "area-access")?.sources).toEqual(["criteria", "assured"]);
  });

  it("follows the cycle length in the rules data", () => {
    const twoYears = {
      ...rules,
      audits: {
        ...rules.audits,
        controlsSubset: {
          ...rules.audits.controlsSubset,
          cycleYears: { ...rules.audits.controlsSubset.cycleYears, value: 2 },
        },
      },
    };
    const g = subsetGroups(twoYears);
    expect(g.map((x) => x.length)).toEqual([33, 33]);
    const profile = profileWith([{ part: "controls", date: "2025-04-10", objectiveIds: g[0] }]);
    expect(requiredAudits(twoYears, profile, day("2027-05-01")).external.controls).toMatchObject({
      cycleYears: 2,
      cycleIndex: 1,
      cycleStart: "2027-04-10",
      cycleEnd: "2029-04-09",
    });
  });

  it("handles ten years of monthly audits", () => {
    const ids = rules.objectives.objectives.map((o) => o.id);
    const internal = Array.from({ length: 120 }, (_, m) => ({
      id: `i${m}`,
      date: addMonths("2016-01-15", m),
      objectiveIds: Array.from({ length: 30 }, (_, k) => ids[(m * 30 + k) % ids.length] as string),
    }));
    const external = Array.from({ length: 120 }, (_, m) => ({
      id: `e${m}`,
      part: (["governance", "management", "controls"] as const)[m % 3],
      date: addMonths("2016-01-20", m),
      objectiveIds: m % 3 === 2 ? (groups[Math.floor(m / 3) % 3] ?? []) : [],
    }));
    const profile = ServiceProfile.parse({
      schemaVersion: PROFILE_SCHEMA_VERSION,
      audits: { internal, external },
    });
    const result = requiredAudits(rules, profile, day("2026-01-01"));
    expect(result.internal.counts.never).toBe(0);
    expect(result.external.governance.lastDate).toBe("2025-10-20");
    expect(result.external.controls.anchor).toBe("2016-03-20");
  });
});
