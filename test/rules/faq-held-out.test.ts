/**
 * FAQ quality on the held-apart set (faq-held-out.ts, never used for tuning). The figures are printed by
 * `npx tsx test/rules/faq-measure.ts`; this test keeps the questions that must be right right, and guards against a
 * change that makes the FAQ clearly worse.
 */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/rules/faq.js";
import { rules } from "../support/fixtures.js";
import { HELD_OUT_EN, HELD_OUT_JA } from "./faq-held-out.js";
import { MEASURED_AT, measure, tally } from "./faq-measure.js";

const results = measure((question, locale) => answerQuestion(rules, question, locale, MEASURED_AT));

describe("the held-apart FAQ set", () => {
  it("has at least 40 questions per language, each naming an entry that exists or none", () => {
    const ids = new Set(rules.faq.entries.map((e) => e.id));
    for (const set of [HELD_OUT_JA, HELD_OUT_EN]) {
      expect(set.length).toBeGreaterThanOrEqual(40);
      for (const [question, expected] of set) {
        if (expected !== "none") expect(ids, question).toContain(expected);
      }
    }
  });

  it("answers every question about the yearly external audit right", () => {
    for (const locale of ["ja", "en"] as const) {
      const yearly = results[locale].filter((g) => g.expected === "faq.yearly-audits");
      expect(yearly.length).toBeGreaterThanOrEqual(3);
      for (const g of yearly) expect(g, g.question).toMatchObject({ grade: "right" });
    }
  });

  it("gets at least three quarters right and at most one in ten wrong, per language", () => {
    for (const locale of ["ja", "en"] as const) {
      const t = tally(results[locale]);
      const n = results[locale].length;
      expect(t.right / n, locale).toBeGreaterThanOrEqual(0.75);
      expect(t.wrong / n, locale).toBeLessThanOrEqual(0.1);
    }
  });
});
