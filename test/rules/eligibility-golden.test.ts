/**
 * The whole eligibility decision table, enumerated and compared with an expected table written here by hand
 * from the domain fact sheet (sections 3 and 6), not derived from the rules module.
 *
 * Enumerated: every value of each questionnaire question, plus "no answer", in every combination
 * (service_model × confidentiality × target_business × impact_assessment × the three pre-screen questions),
 * at the last second before 2025-04-01 JST and at 2025-04-01 00:00 JST: 4^7 × 2 = 32,768 cases. Since the review of
 * 2026-12-03 nothing changes at that instant (the April 2025 change is unverified), and both runs must agree.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isUncertain } from "../../src/rules/citations.js";
import {
  assessEligibility,
  EligibilityAnswerError,
  type EligibilityResult,
} from "../../src/rules/eligibility.js";
import { MetaFile } from "../../src/rules/schema.js";
import { EligibilityFile, type Verdict } from "../../src/rules/schema-eligibility.js";

const readYaml = (file: string): unknown =>
  parse(readFileSync(new URL(`../../rules/${file}`, import.meta.url), "utf8"));
const rules = {
  eligibility: EligibilityFile.parse(readYaml("eligibility.yml")),
  meta: MetaFile.parse(readYaml("meta.yml")),
};

const ROW = "policy-work-for-publication";
const BEFORE = new Date("2025-03-31T23:59:59+09:00");
const AFTER = new Date("2025-03-31T15:00:00Z"); // = 2025-04-01T00:00:00+09:00

type Period = "before" | "after";
interface Expected {
  verdict: Verdict;
  rule: string;
  reasons: Record<Period, string[]>;
  nextSteps: Record<Period, string[]>;
  /** Caveats of the verdict itself (the pre-screen adds its own). */
  caveats: Record<Period, string[]>;
}
const same = <T>(value: T): Record<Period, T> => ({ before: value, after: value });

const NOT_SAAS: Expected = {
  verdict: "full_ismap_required",
  rule: "elig.not-saas",
  reasons: same(["elig.not-saas", "elig.liu-saas-only"]),
  nextSteps: same(["elig.not-saas.prepare-full-ismap"]),
  caveats: same([]),
};

/**
 * Both pre-application notices, always: the pre-application as the registration rules describe it, and the reported
 * April 2025 change (conflicting, unverified). Nothing switches at 2025-04-01 any more (fact sheet 3.6).
 */
const NOTICES = ["elig.notice.result-with-pre-application", "elig.notice.pre-application-abolished"];

/** The leaves of the decision order, keyed by the answers that reach them. */
const TABLE: Record<string, Expected> = {
  // Class 1 first, for every service model (common standards 4.2.3).
  c1: {
    verdict: "no_listing_required",
    rule: "elig.class1-only",
    reasons: same(["elig.class1-only"]),
    nextSteps: same(["elig.class1-only.terms-check", "elig.class1-only.recheck"]),
    caveats: same([]),
  },
  "paas/c2": NOT_SAAS,
  "paas/c3": NOT_SAAS,
  "iaas/c2": NOT_SAAS,
  "iaas/c3": NOT_SAAS,
  "saas/c3": {
    verdict: "outside_ismap",
    rule: "elig.class3-outside",
    reasons: same(["elig.class3-outside", "elig.liu-targets-c2"]),
    nextSteps: same(["elig.class3-outside.ask-ministry", "elig.class3-outside.narrow-scope"]),
    caveats: same([
      "elig.class3-outside",
      "elig.class3-outside.ask-ministry",
      "elig.class3-outside.narrow-scope",
    ]),
  },
  "saas/c2/none": {
    verdict: "full_ismap_required",
    rule: "elig.c2-not-listed",
    reasons: same(["elig.c2-not-listed", "elig.liu-targets-c2", "elig.liu-two-conditions"]),
    nextSteps: same(["elig.c2-not-listed.check-official-list", "elig.c2-not-listed.prepare-full-ismap"]),
    caveats: same(["elig.target-business-list"]),
  },
  "saas/c2/unsure": {
    verdict: "liu_pending_target_list",
    rule: "elig.c2-business-unsure",
    reasons: same(["elig.c2-business-unsure", "elig.liu-two-conditions", ...NOTICES]),
    nextSteps: same(["elig.c2-business-unsure.check-official-list"]),
    caveats: same(["elig.target-business-list", "elig.notice.pre-application-abolished"]),
  },
  [`saas/c2/${ROW}/low`]: {
    verdict: "liu_eligible",
    rule: "elig.c2-listed-low",
    reasons: same([
      "elig.c2-listed-low",
      "elig.liu-saas-only",
      "elig.liu-targets-c2",
      "elig.liu-two-conditions",
      "elig.ministry-assesses",
      ROW,
      ...NOTICES,
    ]),
    nextSteps: same([
      "elig.eligible.gbizid-and-ipa",
      "elig.eligible.pre-application",
      "elig.eligible.after-2025-04",
      "elig.eligible.statement-and-audits",
    ]),
    caveats: same(["elig.notice.pre-application-abolished", "elig.eligible.after-2025-04"]),
  },
  [`saas/c2/${ROW}/higher`]: {
    verdict: "full_ismap_required",
    rule: "elig.c2-listed-higher",
    reasons: same(["elig.c2-listed-higher", "elig.liu-two-conditions", "elig.ministry-assesses", ROW]),
    nextSteps: same(["elig.c2-listed-higher.prepare-full-ismap"]),
    caveats: same([]),
  },
  [`saas/c2/${ROW}/not_yet`]: {
    verdict: "liu_pending_assessment",
    rule: "elig.c2-listed-not-assessed",
    reasons: same([
      "elig.c2-listed-not-assessed",
      "elig.liu-two-conditions",
      "elig.ministry-assesses",
      ROW,
      ...NOTICES,
    ]),
    nextSteps: same(["elig.not-assessed.request-assessment", "elig.not-assessed.check-at-procurement"]),
    caveats: same(["elig.notice.pre-application-abolished", "elig.not-assessed.check-at-procurement"]),
  },
};

/** What each pre-screen answer signals (answers not listed signal nothing). */
const SIGNALS: Record<string, Record<string, [string, "likely_low" | "likely_not_low"]>> = {
  personal_data: {
    yes: ["elig.signal.personal-data-yes", "likely_not_low"],
    no: ["elig.signal.personal-data-no", "likely_low"],
  },
  integrity_availability: {
    yes: ["elig.signal.integrity-availability-yes", "likely_not_low"],
    no: ["elig.signal.integrity-availability-no", "likely_low"],
  },
  public_by_design: {
    yes: ["elig.signal.public-by-design", "likely_low"],
  },
};
const PRESCREEN = ["personal_data", "integrity_availability", "public_by_design"] as const;

const NONE = undefined;
const DOMAINS = {
  service_model: [NONE, "saas", "paas", "iaas"],
  confidentiality: [NONE, "c1", "c2", "c3"],
  target_business: [NONE, "none", "unsure", ROW],
  impact_assessment: [NONE, "low", "higher", "not_yet"],
  personal_data: [NONE, "yes", "no", "unsure"],
  integrity_availability: [NONE, "yes", "no", "unsure"],
  public_by_design: [NONE, "yes", "no", "unsure"],
} as const;
type Answers = { [K in keyof typeof DOMAINS]?: string };

type Outcome =
  | { error: "missing" | "contradictory"; question: string }
  | { leaf: string; estimate?: { suggests: string; signals: string[] } };

/**
 * The outcome the fact sheet's decision order gives, by hand. Precedence: a missing required answer is reported
 * before a contradiction; contradictions look at every answer given, even to questions that do not apply.
 */
function expectedOutcome(a: Answers): Outcome {
  if (!a.service_model) return { error: "missing", question: "service_model" };
  // The confidentiality question is asked for every service model.
  if (!a.confidentiality) return { error: "missing", question: "confidentiality" };
  if (a.service_model === "saas") {
    if (a.confidentiality === "c2") {
      if (!a.target_business) return { error: "missing", question: "target_business" };
      if (a.target_business === ROW && !a.impact_assessment) {
        return { error: "missing", question: "impact_assessment" };
      }
    }
  }
  if (a.confidentiality === "c1" && a.personal_data === "yes") {
    return { error: "contradictory", question: "confidentiality" };
  }
  if (a.target_business === "none" && a.impact_assessment) {
    return { error: "contradictory", question: "impact_assessment" };
  }

  let leaf: string;
  if (a.confidentiality === "c1") leaf = "c1";
  else if (a.service_model !== "saas") leaf = `${a.service_model}/${a.confidentiality}`;
  else if (a.confidentiality !== "c2") leaf = `saas/${a.confidentiality}`;
  else if (a.target_business !== ROW) leaf = `saas/c2/${a.target_business}`;
  else leaf = `saas/c2/${ROW}/${a.impact_assessment}`;

  const prescreenApplies = a.service_model === "saas" && a.confidentiality === "c2";
  const given = PRESCREEN.filter((q) => a[q] !== undefined);
  if (!prescreenApplies || given.length === 0) return { leaf };
  const hits = given.flatMap((q) => {
    const hit = SIGNALS[q]?.[a[q] as string];
    return hit ? [hit] : [];
  });
  const kinds = new Set(hits.map(([, kind]) => kind));
  const suggests = kinds.size === 0 ? "unknown" : kinds.size === 2 ? "mixed" : ([...kinds][0] ?? "unknown");
  return { leaf, estimate: { suggests, signals: hits.map(([id]) => id) } };
}

function* combinations(): Generator<Answers> {
  const keys = Object.keys(DOMAINS) as (keyof typeof DOMAINS)[];
  const walk = function* (i: number, acc: Answers): Generator<Answers> {
    if (i === keys.length) {
      yield acc;
      return;
    }
    const key = keys[i] as keyof typeof DOMAINS;
    for (const value of DOMAINS[key]) {
      yield* walk(i + 1, value === undefined ? acc : { ...acc, [key]: value });
    }
  };
  yield* walk(0, {});
}

const ids = (items: readonly { ruleId: string }[]): string[] => items.map((i) => i.ruleId);

function run(answers: Answers, asOf: Date): EligibilityResult | EligibilityAnswerError {
  try {
    return assessEligibility(rules, answers as Record<string, string>, asOf);
  } catch (error) {
    if (error instanceof EligibilityAnswerError) return error;
    throw error;
  }
}

describe("the whole decision table", () => {
  for (const [period, asOf] of [
    ["before", BEFORE],
    ["after", AFTER],
  ] as const) {
    it(`matches the expected table ${period} 2025-04-01 00:00 JST, reaching every verdict, rule and error`, () => {
      const seen = {
        verdicts: new Set<string>(),
        rules: new Set<string>(),
        errors: new Set<string>(),
        cases: 0,
      };
      const mismatches: string[] = [];
      const check = (ok: boolean, what: string, answers: Answers) => {
        if (!ok && mismatches.length < 20) mismatches.push(`${what} for ${JSON.stringify(answers)}`);
      };
      for (const answers of combinations()) {
        seen.cases++;
        const expected = expectedOutcome(answers);
        const actual = run(answers, asOf);
        if ("error" in expected) {
          const ok = actual instanceof EligibilityAnswerError;
          check(ok && actual.kind === expected.error, `expected ${expected.error} error`, answers);
          check(
            ok && actual.question === expected.question,
            `expected question ${expected.question}`,
            answers,
          );
          if (ok) seen.errors.add(`${actual.kind}:${actual.question}`);
          continue;
        }
        if (actual instanceof EligibilityAnswerError) {
          check(false, `unexpected ${actual.kind} error on ${actual.question}`, answers);
          continue;
        }
        const row = TABLE[expected.leaf];
        if (!row) throw new Error(`no table row for ${expected.leaf}`);
        seen.verdicts.add(actual.verdict);
        seen.rules.add(actual.decidedBy);
        check(actual.verdict === row.verdict, `verdict ${actual.verdict} ≠ ${row.verdict}`, answers);
        check(actual.decidedBy === row.rule, `rule ${actual.decidedBy} ≠ ${row.rule}`, answers);
        check(
          JSON.stringify(ids(actual.reasons)) === JSON.stringify(row.reasons[period]),
          `reasons ${ids(actual.reasons)}`,
          answers,
        );
        check(
          JSON.stringify(ids(actual.nextSteps)) === JSON.stringify(row.nextSteps[period]),
          `next steps ${ids(actual.nextSteps)}`,
          answers,
        );

        const expectedCaveats = [...row.caveats[period]];
        if (expected.estimate) {
          check(actual.estimate?.suggests === expected.estimate.suggests, "estimate.suggests", answers);
          check(
            JSON.stringify(ids(actual.estimate?.signals ?? [])) === JSON.stringify(expected.estimate.signals),
            `estimate.signals ${ids(actual.estimate?.signals ?? [])}`,
            answers,
          );
          check(actual.estimate?.disclaimer !== undefined, "estimate.disclaimer", answers);
          expectedCaveats.push("elig.prescreen-estimate", ...expected.estimate.signals);
        } else {
          check(actual.estimate === undefined, "no estimate expected", answers);
        }
        check(
          JSON.stringify(ids(actual.caveats).sort()) === JSON.stringify(expectedCaveats.sort()),
          `caveats ${ids(actual.caveats)}`,
          answers,
        );

        // Every uncertain fact the result uses is disclosed.
        const caveatIds = new Set(ids(actual.caveats));
        for (const item of [...actual.reasons, ...actual.nextSteps, ...(actual.estimate?.signals ?? [])]) {
          check(
            !isUncertain(item.confidence) || caveatIds.has(item.ruleId),
            `caveat for ${item.ruleId}`,
            answers,
          );
        }
      }
      expect(mismatches).toEqual([]);
      expect(seen.cases).toBe(4 ** 7);
      expect([...seen.verdicts].sort()).toEqual([
        "full_ismap_required",
        "liu_eligible",
        "liu_pending_assessment",
        "liu_pending_target_list",
        "no_listing_required",
        "outside_ismap",
      ]);
      expect([...seen.rules].sort()).toEqual(
        [
          "elig.not-saas",
          "elig.class1-only",
          "elig.class3-outside",
          "elig.c2-not-listed",
          "elig.c2-business-unsure",
          "elig.c2-listed-low",
          "elig.c2-listed-higher",
          "elig.c2-listed-not-assessed",
        ].sort(),
      );
      expect([...seen.errors].sort()).toEqual(
        [
          "contradictory:confidentiality",
          "contradictory:impact_assessment",
          "missing:confidentiality",
          "missing:impact_assessment",
          "missing:service_model",
          "missing:target_business",
        ].sort(),
      );
    });
  }

  it("covers exactly the decision rules of the rules file", () => {
    expect(new Set(Object.values(TABLE).map((row) => row.rule))).toEqual(
      new Set(rules.eligibility.decision.map((r) => r.id)),
    );
  });
});
