import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { subsetGroups } from "../../src/rules/audits.js";
import { AuditsFile, ObjectivesFile } from "../../src/rules/schema.js";
import { withCycleYears } from "../support/rules-variants.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const rules = {
  objectives: ObjectivesFile.parse(parse(read("../../rules/objectives.yml"))),
  audits: AuditsFile.parse(parse(read("../../rules/audits.yml"))),
};

const groups = subsetGroups(rules);
const subset = rules.audits.controlsSubset.areas.flatMap((a) => a.objectiveIds);
const catalogueOrder = (ids: string[]) => {
  const order = rules.objectives.objectives.map((o) => o.id);
  return [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b));
};

describe("subsetGroups: the controls subset split over the cycle", () => {
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

  it("follows the cycle length in the rules data", () => {
    const twoYears = withCycleYears(rules, 2);
    const g = subsetGroups(twoYears);
    expect(g.map((x) => x.length)).toEqual([33, 33]);
    expect(new Set(g.flat())).toEqual(new Set(subset));
  });

  it("drops ids outside the catalogue and repeats", () => {
    const odd = {
      ...rules,
      audits: {
        ...rules.audits,
        controlsSubset: {
          ...rules.audits.controlsSubset,
          areas: [
            {
              ...(rules.audits.controlsSubset.areas[0] as (typeof rules.audits.controlsSubset.areas)[number]),
              objectiveIds: ["9.1.1", "99.9.9", "9.1.1", "9.1.2"],
            },
          ],
        },
      },
    };
    expect(subsetGroups(odd).flat()).toEqual(["9.1.1", "9.1.2"]);
  });
});
