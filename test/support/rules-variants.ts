/** Rules data changed in one place, for tests of how the engine follows the data. */
import type { RuleSet } from "../../src/rules/schema.js";

/** `rules` with the controls-criteria cycle set to `years` years. */
export function withCycleYears<T extends Pick<RuleSet, "audits">>(rules: T, years: number): T {
  return {
    ...rules,
    audits: {
      ...rules.audits,
      controlsSubset: {
        ...rules.audits.controlsSubset,
        cycleYears: { ...rules.audits.controlsSubset.cycleYears, value: years },
      },
    },
  };
}
