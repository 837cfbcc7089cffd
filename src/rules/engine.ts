import type { Locale } from "../i18n/locale.js";
import { assessEligibility, questionsFor } from "./eligibility.js";
import { answerQuestion } from "./faq.js";
import { obligations } from "./obligations.js";
import { planInternalAudits } from "./plan.js";
import type { RuleSet } from "./schema.js";
import type { EligibilityAnswers, ServiceProfile } from "./service-profile.js";
import { specialMeasureStatus } from "./special-measure.js";

export type PlanOptions = NonNullable<Parameters<typeof planInternalAudits>[3]>;

/**
 * The rules module bound to one loaded rule set: every question the product answers, as pure functions of
 * (input, asOf). Callers own the clock.
 */
export interface RulesEngine {
  readonly rules: RuleSet;
  readonly version: string;
  questionsFor(answers: EligibilityAnswers): ReturnType<typeof questionsFor>;
  assessEligibility(answers: EligibilityAnswers, asOf: Date): ReturnType<typeof assessEligibility>;
  /** Everything the team owes, dated: the one source of every due date on every screen. */
  obligations(profile: ServiceProfile, asOf: Date): ReturnType<typeof obligations>;
  specialMeasureStatus(profile: ServiceProfile, asOf: Date): ReturnType<typeof specialMeasureStatus>;
  planInternalAudits(
    profile: ServiceProfile,
    asOf: Date,
    options?: PlanOptions,
  ): ReturnType<typeof planInternalAudits>;
  answerQuestion(text: string, locale: Locale, asOf: Date): ReturnType<typeof answerQuestion>;
}

export function createRulesEngine(rules: RuleSet): RulesEngine {
  return {
    rules,
    version: rules.meta.version,
    questionsFor: (answers) => questionsFor(rules, answers),
    assessEligibility: (answers, asOf) => assessEligibility(rules, answers, asOf),
    obligations: (profile, asOf) => obligations(rules, profile, asOf),
    specialMeasureStatus: (profile, asOf) => specialMeasureStatus(rules, profile, asOf),
    planInternalAudits: (profile, asOf, options) => planInternalAudits(rules, profile, asOf, options),
    answerQuestion: (text, locale, asOf) => answerQuestion(rules, text, locale, asOf),
  };
}
