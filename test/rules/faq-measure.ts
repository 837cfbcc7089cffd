/**
 * Measures the FAQ matcher on the held-apart set (test/rules/faq-held-out.ts) and prints right / near / wrong per
 * language: `npx tsx test/rules/faq-measure.ts` (add `--list` to see every miss). RULES_DIR picks another rules folder.
 * Matching does not depend on the date; answers are computed at MEASURED_AT.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import type { Locale } from "../../src/i18n/locale.js";
import { answerQuestion } from "../../src/rules/faq.js";
import { FaqFile, SpecialMeasureFile } from "../../src/rules/schema.js";
import { HELD_OUT_EN, HELD_OUT_JA, type HeldOut } from "./faq-held-out.js";

export const MEASURED_AT = new Date("2026-12-03T10:00:00+09:00");

export type Grade = "right" | "near" | "wrong";

export interface Graded {
  question: string;
  expected: string;
  got: string;
  confident: boolean;
  grade: Grade;
}

export type Answerer = (question: string, locale: Locale) => ReturnType<typeof answerQuestion>;

/** Grades one question: see the scoring rules in faq-held-out.ts. */
export function grade(answer: Answerer, [question, expected]: HeldOut, locale: Locale): Graded {
  const result = answer(question, locale);
  const top = result.matches[0]?.id ?? "none";
  const got = result.confident ? top : "none";
  let verdict: Grade;
  if (expected === "none") verdict = result.confident ? "wrong" : "right";
  else if (result.confident && top === expected) verdict = "right";
  else if (result.matches.some((m) => m.id === expected)) verdict = "near";
  else verdict = "wrong";
  return { question, expected, got, confident: result.confident, grade: verdict };
}

export function measure(answer: Answerer): Record<Locale, Graded[]> {
  return {
    ja: HELD_OUT_JA.map((q) => grade(answer, q, "ja")),
    en: HELD_OUT_EN.map((q) => grade(answer, q, "en")),
  };
}

export function tally(graded: Graded[]): Record<Grade, number> {
  const counts = { right: 0, near: 0, wrong: 0 };
  for (const g of graded) counts[g.grade]++;
  return counts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = resolve(process.env.RULES_DIR ?? "rules");
  const read = (file: string) => parse(readFileSync(resolve(dir, file), "utf8"));
  const rules = {
    faq: FaqFile.parse(read("faq.yml")),
    specialMeasure: SpecialMeasureFile.parse(read("special-measure.yml")),
  };
  const results = measure((question, locale) => answerQuestion(rules, question, locale, MEASURED_AT));
  for (const locale of ["ja", "en"] as const) {
    const t = tally(results[locale]);
    console.log(
      `${locale}: ${results[locale].length} questions: right ${t.right}, near ${t.near}, wrong ${t.wrong}`,
    );
    if (process.argv.includes("--list"))
      for (const g of results[locale])
        if (g.grade !== "right")
          console.log(`  ${g.grade}: ${g.question} → ${g.got} (expected ${g.expected})`);
  }
}
