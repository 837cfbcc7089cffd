/** What the eligibility tests share: the real rules/eligibility.yml and meta.yml, reference instants and answers. */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parse } from "yaml";
import { isUncertain } from "../../src/rules/citations.js";
import { EligibilityAnswerError, type EligibilityResult } from "../../src/rules/eligibility.js";
import { MetaFile } from "../../src/rules/schema.js";
import { EligibilityFile } from "../../src/rules/schema-eligibility.js";

export const readYaml = (file: string): unknown =>
  parse(readFileSync(new URL(`../../rules/${file}`, import.meta.url), "utf8"));
export const rawEligibility = readYaml("eligibility.yml");
export const eligibility = EligibilityFile.parse(rawEligibility);
export const meta = MetaFile.parse(readYaml("meta.yml"));
export const rules = { eligibility, meta };

export const ROW = "policy-work-for-publication";
export const BEFORE = new Date("2025-03-31T23:59:59+09:00");
export const SWITCH = new Date("2025-03-31T15:00:00Z"); // 2025-04-01 00:00 JST
export const LATER = new Date("2026-01-15T12:00:00+09:00");

export const SAAS_C2 = { service_model: "saas", confidentiality: "c2" };
export const ELIGIBLE = { ...SAAS_C2, target_business: ROW, impact_assessment: "low" };

export const ids = (items: readonly { ruleId: string }[]): string[] => items.map((i) => i.ruleId);

export function errorOf(fn: () => unknown): EligibilityAnswerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EligibilityAnswerError) return error;
    throw error;
  }
  throw new Error("expected an EligibilityAnswerError, got a verdict");
}

export function questionText(id: string) {
  const q = eligibility.questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q.text;
}

/** Every uncertain rule among reasons, next steps and signals has a caveat. */
export function expectCaveatsCoverUncertain(result: EligibilityResult): void {
  const caveatIds = new Set(ids(result.caveats));
  const used = [...result.reasons, ...result.nextSteps, ...(result.estimate?.signals ?? [])];
  for (const item of used) if (isUncertain(item.confidence)) expect(caveatIds).toContain(item.ruleId);
  for (const caveat of result.caveats) expect(isUncertain(caveat.confidence)).toBe(true);
}
