/** The schema of rules/eligibility.yml: the questionnaire, its conditions, and the decision order to a verdict. */
import { z } from "zod";
import { LOCALES, LocalizedText } from "../i18n/locale.js";
import { cited, Fact, id } from "./schema-base.js";

/** A condition over questionnaire answers. `answered` is true when the question has an answer. */
export type Condition =
  | { q: string; in: string[] }
  | { q: string; notIn: string[] }
  | { q: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ q: id, in: z.array(z.string()).min(1) }),
    z.strictObject({ q: id, notIn: z.array(z.string()).min(1) }),
    z.strictObject({ q: id, answered: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const Option = z.object({ value: id, label: LocalizedText, help: LocalizedText.optional() });
export type Option = z.infer<typeof Option>;

export const Question = z.object({
  id,
  text: LocalizedText,
  help: LocalizedText.optional(),
  /** Questions the official flow needs; optional ones (the self-check pre-screen) never block a verdict. */
  required: z.boolean(),
  /** Asked only when this holds; a required question whose condition fails is not needed. */
  askIf: Condition.optional(),
  options: z.array(Option).default([]),
  /** Also offer every row of the target business list as an option. */
  optionsFromTargetBusinesses: z.boolean().default(false),
  /** Which step of the questionnaire shows the question (1-based). */
  step: z.int().positive(),
});
export type Question = z.infer<typeof Question>;

export const Verdict = z.enum([
  "liu_eligible",
  "liu_pending_assessment",
  /** The business may or may not be on the target list: the verdict waits for that answer (and then the assessment). */
  "liu_pending_target_list",
  "full_ismap_required",
  "no_listing_required",
  "outside_ismap",
]);
export type Verdict = z.infer<typeof Verdict>;

export const NextStep = cited({ id, text: LocalizedText });
export type NextStep = z.infer<typeof NextStep>;

/** One rule of the decision order: the first rule whose `when` holds gives the verdict. */
export const DecisionRule = cited({
  id,
  when: Condition,
  verdict: Verdict,
  reason: LocalizedText,
  /** Ids of `facts` on the path to this verdict, quoted after the reason (each with its own citation). */
  facts: z.array(id).default([]),
  nextSteps: z.array(NextStep).default([]),
});
export type DecisionRule = z.infer<typeof DecisionRule>;

/** Answers that cannot both be true; the questionnaire refuses them. */
export const Contradiction = cited({ id, when: Condition, question: id, message: LocalizedText });
export type Contradiction = z.infer<typeof Contradiction>;

export const TargetBusiness = cited({ id, label: LocalizedText, examples: LocalizedText.optional() });
export type TargetBusiness = z.infer<typeof TargetBusiness>;

/** The target business list as a whole: how complete it is, and how a matched row is quoted. */
export const TargetBusinessList = cited({
  id,
  /** What the list holds and how complete it is; quoted as a caveat when an answer relies on a row's absence. */
  text: LocalizedText,
  /** A reason quoting the row the business matched; `{label}` is replaced by the row's label. */
  matchedText: LocalizedText,
});
export type TargetBusinessList = z.infer<typeof TargetBusinessList>;

/** Self-check pre-screen: an estimate of the impact level, never the official assessment. */
export const PrescreenSignal = cited({
  id,
  when: Condition,
  /** What the signal suggests about the official impact assessment. */
  suggests: z.enum(["likely_low", "likely_not_low"]),
  text: LocalizedText,
});
export type PrescreenSignal = z.infer<typeof PrescreenSignal>;

export const EligibilityFile = z
  .object({
    questions: z.array(Question).min(1),
    decision: z.array(DecisionRule).min(1),
    contradictions: z.array(Contradiction).default([]),
    /** Facts on the path to a verdict, referenced by id from `decision[].facts`. */
    facts: z.array(Fact).default([]),
    targetBusinessList: TargetBusinessList,
    targetBusinesses: z.array(TargetBusiness).min(1),
    prescreen: z.array(PrescreenSignal).default([]),
    /** Shown with every pre-screen estimate: it is an estimate, never the official assessment. */
    prescreenDisclaimer: cited({ id, text: LocalizedText }),
    /** Notes that apply to every verdict during a time range (e.g. the 2025-04 pre-application change). */
    notices: z.array(cited({ id, appliesTo: z.array(Verdict).min(1), text: LocalizedText })).default([]),
  })
  .superRefine((file, ctx) => {
    const factIds = new Set(file.facts.map((f) => f.id));
    file.decision.forEach((rule, i) => {
      rule.facts.forEach((ref, j) => {
        if (!factIds.has(ref)) {
          ctx.addIssue({
            code: "custom",
            path: ["decision", i, "facts", j],
            message: `unknown fact "${ref}" (not in facts)`,
          });
        }
      });
    });
    for (const locale of LOCALES) {
      if (!file.targetBusinessList.matchedText[locale].includes("{label}")) {
        ctx.addIssue({
          code: "custom",
          path: ["targetBusinessList", "matchedText", locale],
          message: "must contain {label}",
        });
      }
    }
  });
