/**
 * Generated service profiles for the property tests: the audit period, registration day and audit history drawn
 * from a test's own day arbitrary, and turned into the profile's registration and audits the same way everywhere.
 */
import fc from "fast-check";
import { type JstDate, periodLastDay } from "../../src/lib/time.js";
import { subsetGroups } from "../../src/rules/audits.js";
import type { CriteriaPart } from "../../src/rules/schema.js";
import type { ServiceProfileInput } from "../../src/rules/service-profile.js";
import { rules } from "./fixtures.js";

const OBJECTIVES = rules.objectives.objectives.map((o) => o.id);
const SUBSET = subsetGroups(rules).flat();

/**
 * The arbitraries of a generated history, to spread into an `fc.record` beside a test's own fields (status, name …).
 * `maxInternalObjectives`: how many objectives one internal audit covers at the most.
 */
export function historyArbitraries(
  dayArb: fc.Arbitrary<JstDate>,
  options: { maxInternalObjectives: number },
) {
  return {
    period: fc.option(fc.record({ start: dayArb, months: fc.integer({ min: 3, max: 12 }) }), {
      nil: undefined,
    }),
    registeredOn: dayArb,
    external: fc.array(
      fc.record({
        part: fc.constantFrom<CriteriaPart>("governance", "management", "controls"),
        date: dayArb,
        withPeriod: fc.boolean(),
        objectiveIds: fc.subarray(SUBSET, { maxLength: 25 }),
      }),
      { maxLength: 4 },
    ),
    internal: fc.array(
      fc.record({
        date: dayArb,
        objectiveIds: fc.subarray(OBJECTIVES, { minLength: 1, maxLength: options.maxInternalObjectives }),
      }),
      { maxLength: 3 },
    ),
  };
}

type Drawn<T> = { [K in keyof T]: T[K] extends fc.Arbitrary<infer V> ? V : never };

/** What `historyArbitraries` draws, with the registration status the test drew. */
export type GeneratedHistory = Drawn<ReturnType<typeof historyArbitraries>> & {
  status: NonNullable<ServiceProfileInput["registration"]>["status"];
};

/**
 * The registration (status, the period as entered, the registration day when registered) and the audits of a
 * generated history; an external audit names the period only when it drew `withPeriod` and there is one.
 */
export function generatedRegistrationAndAudits(
  g: GeneratedHistory,
): Pick<Required<ServiceProfileInput>, "registration" | "audits"> {
  const period = g.period
    ? { start: g.period.start, end: periodLastDay(g.period.start, g.period.months) }
    : undefined;
  const registration: ServiceProfileInput["registration"] = { status: g.status };
  if (period) Object.assign(registration, { auditPeriodStart: period.start, auditPeriodEnd: period.end });
  if (g.status === "registered") registration.registeredOn = g.registeredOn;
  return {
    registration,
    audits: {
      external: g.external.map((a, i) => ({
        id: `e${i}`,
        part: a.part,
        date: a.date,
        objectiveIds: a.part === "controls" ? a.objectiveIds : [],
        ...(a.withPeriod && period ? { periodStart: period.start, periodEnd: period.end } : {}),
      })),
      internal: g.internal.map((a, i) => ({ id: `i${i}`, ...a })),
    },
  };
}
