import { objectiveCatalogue } from "./objectives.js";
import type { RuleSet } from "./schema.js";

/**
 * The controls criteria's important subset as the yearly groups of its multi-year cycle: which objectives an
 * ISMAP-LIU service has externally audited in which cycle year. The dates come from the obligations timeline
 * (src/rules/obligations.ts), which reads these groups.
 */

export type AuditRules = Pick<RuleSet, "audits" | "objectives">;

interface SubsetIndex {
  objectives: AuditRules["objectives"];
  groups: string[][];
  ids: ReadonlySet<string>;
}

const subsetIndexes = new WeakMap<object, SubsetIndex>();

/**
 * Splits the controls subset into `cycleYears` groups: areas in file order, each area's objectives in catalogue
 * order (ids not in the catalogue and repeats are dropped), cut into consecutive runs whose sizes differ by at most
 * one (earlier groups take the extra). Areas stay together except where a cut has to fall inside one.
 */
export function subsetGroups(rules: AuditRules): string[][] {
  return subsetIndex(rules).groups.map((g) => [...g]);
}

function subsetIndex(rules: AuditRules): SubsetIndex {
  const cached = subsetIndexes.get(rules.audits);
  if (cached && cached.objectives === rules.objectives) return cached;
  const catalogue = objectiveCatalogue(rules);
  const subset = rules.audits.controlsSubset;
  const ordered: string[] = [];
  const seen = new Set<string>();
  for (const area of subset.areas) {
    const ids: string[] = [];
    for (const id of area.objectiveIds) {
      if (!catalogue.byId.has(id) || seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
    ids.sort((a, b) => position(catalogue.position, a) - position(catalogue.position, b));
    ordered.push(...ids);
  }
  const k = subset.cycleYears.value;
  const base = Math.floor(ordered.length / k);
  const extra = ordered.length % k;
  const groups: string[][] = [];
  let at = 0;
  for (let i = 0; i < k; i++) {
    const size = base + (i < extra ? 1 : 0);
    groups.push(ordered.slice(at, at + size));
    at += size;
  }
  const index: SubsetIndex = { objectives: rules.objectives, groups, ids: seen };
  subsetIndexes.set(rules.audits, index);
  return index;
}

function position(positions: ReadonlyMap<string, number>, id: string): number {
  return positions.get(id) ?? Number.MAX_SAFE_INTEGER;
}
