/**
 * The eligibility questionnaire as steps: which questions a step shows, where the person is (step n of N), where
 * "Next" and "Back" go, and parsing a step's submission into answers. Pure; the verdict itself comes from
 * assessEligibility.
 */

import { type Answers, answerOf } from "../../rules/conditions.js";
import {
  assessEligibility,
  EligibilityAnswerError,
  type EligibilityResult,
  questionsFor,
} from "../../rules/eligibility.js";
import type { RuleSet } from "../../rules/schema.js";
import type { Condition, Question } from "../../rules/schema-eligibility.js";
import type { EligibilityAnswers } from "../../rules/service-profile.js";
import { ACTION, CALLBACK } from "../contract/ids.js";
import type { ViewContext } from "../contract/modal-context.js";
import { EligibilityMetadata, ModalMetadataError, parseMetadata } from "../contract/modal-metadata.js";
import { selectedValue, type ViewStateValues } from "./state.js";

type EligibilityRules = Pick<RuleSet, "eligibility">;

/** Where a step sits in the questionnaire as the person sees it. */
export interface StepProgress {
  /** 1-based position of the step among the steps that apply (earlier ones) or may still apply (later ones). */
  current: number;
  /** Steps answered so far plus the current one and every later step that may still apply. */
  total: number;
  /** No later step can apply whatever the answers to this one: its submit gives the verdict. */
  isLast: boolean;
}

/** The questions of `step` that apply given the answers to earlier steps, options expanded. */
export function stepQuestions(rules: EligibilityRules, answers: Answers, step: number): Question[] {
  return questionsFor(rules, earlierAnswers(rules, answers, step)).filter((q) => q.step === step);
}

/** The first step whose questions apply (there is always one: the questionnaire starts somewhere). */
export function firstStep(rules: EligibilityRules): number {
  const first = questionsFor(rules, {})[0];
  if (!first)
    throw new Error("rules data: the eligibility questionnaire has no question that always applies");
  return first.step;
}

/** The step after `step` that applies given the answers, or null when `step` was the last. */
export function nextStep(rules: EligibilityRules, answers: Answers, step: number): number | null {
  const later = questionsFor(rules, answers).filter((q) => q.step > step);
  return later.length === 0 ? null : Math.min(...later.map((q) => q.step));
}

/** The step before `step` that applies given the answers, or null on the first step. */
export function previousStep(rules: EligibilityRules, answers: Answers, step: number): number | null {
  const earlier = questionsFor(rules, answers).filter((q) => q.step < step);
  return earlier.length === 0 ? null : Math.max(...earlier.map((q) => q.step));
}

/**
 * "Step n of N". Earlier steps count when they apply given the answers; the current step and later ones count
 * when some answers to the questions from this step on could make them apply (an over-estimate that shrinks as
 * answers rule steps out, so N never grows while the person goes forward).
 */
export function stepProgress(rules: EligibilityRules, answers: Answers, step: number): StepProgress {
  const fixed = earlierAnswers(rules, answers, step);
  const doneSteps = new Set(
    questionsFor(rules, fixed)
      .filter((q) => q.step < step)
      .map((q) => q.step),
  );
  const possible = new Map<string, Possible>();
  const laterSteps = new Set<number>();
  for (const question of inStepOrder(rules.eligibility.questions)) {
    if (question.step < step) {
      const value = answerOf(fixed, question.id);
      possible.set(question.id, { values: [typeof value === "string" ? value : undefined] });
      continue;
    }
    const mayApply = !question.askIf || canBe(question.askIf, true, possible);
    const values: (string | undefined)[] = [undefined];
    if (mayApply) {
      values.push(...optionValues(rules, question));
      laterSteps.add(question.step);
    }
    possible.set(question.id, { values });
  }
  laterSteps.add(step);
  return {
    current: doneSteps.size + 1,
    total: doneSteps.size + laterSteps.size,
    isLast: [...laterSteps].every((s) => s <= step),
  };
}

export type EligibilityStepResult =
  | {
      ok: true;
      /** Every answer that still counts: answers to questions that no longer apply are dropped. */
      answers: EligibilityAnswers;
      /** The step to show next, or null: the questionnaire is complete and `result` holds the verdict. */
      nextStep: number | null;
      /** The verdict at ctx.asOf, present exactly when nextStep is null. */
      result?: EligibilityResult;
      /** Carried over from the metadata, to render the next step or save the answers. */
      baseRevision: number;
      channelId?: string;
    }
  | { ok: false; errors: Record<string, string> };

/**
 * A step's view_submission: reads each question of the step (block_id = question id, action_id =
 * ACTION.eligibilityAnswer), checks required answers and options, merges them into the metadata's answers and
 * says where to go. On the last step the verdict is computed too, and an EligibilityAnswerError becomes errors.
 * Throws ModalMetadataError when the metadata is unreadable or names a step with no question.
 */
export function parseEligibilityStep(
  state: ViewStateValues,
  metadata: EligibilityMetadata | string,
  ctx: ViewContext,
): EligibilityStepResult {
  const meta = readMetadata(metadata);
  const questions = questionsOfMetadata(ctx.rules, meta);
  const errors: Record<string, string> = {};
  const merged: Record<string, string> = { ...meta.answers };
  for (const question of questions) {
    const value = selectedValue(state, question.id, ACTION.eligibilityAnswer);
    const text = ctx.t.pick(question.text);
    if (value === undefined) {
      if (question.required) errors[question.id] = ctx.t("errors.missingAnswer", { question: text });
      else delete merged[question.id];
    } else if (!question.options.some((o) => o.value === value)) {
      errors[question.id] = ctx.t("errors.invalidAnswer", { question: text });
    } else {
      merged[question.id] = value;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const answers = keepApplicable(ctx.rules, merged);
  const next = nextStep(ctx.rules, answers, meta.step);
  const carried = carriedOver(meta);
  if (next !== null) return { ok: true, answers, nextStep: next, ...carried };
  try {
    const result = assessEligibility(ctx.rules, answers, ctx.asOf);
    return { ok: true, answers, nextStep: null, result, ...carried };
  } catch (error) {
    if (error instanceof EligibilityAnswerError) {
      return { ok: false, errors: eligibilityAnswerErrors(error, { answers, step: meta.step }, ctx) };
    }
    throw error;
  }
}

/**
 * The "Back" button (block_actions): the answers on screen so far (valid ones only, nothing required) merged into
 * the metadata, and the step to show, ready for eligibilityStepModal; null when there is no earlier step.
 * Throws ModalMetadataError like parseEligibilityStep.
 */
export function parseEligibilityBack(
  state: ViewStateValues,
  metadata: EligibilityMetadata | string,
  ctx: Pick<ViewContext, "rules">,
): { answers: EligibilityAnswers; step: number; baseRevision: number; channelId?: string } | null {
  const meta = readMetadata(metadata);
  const questions = questionsOfMetadata(ctx.rules, meta);
  const answers: Record<string, string> = { ...meta.answers };
  for (const question of questions) {
    const value = selectedValue(state, question.id, ACTION.eligibilityAnswer);
    if (value !== undefined && question.options.some((o) => o.value === value)) answers[question.id] = value;
  }
  const step = previousStep(ctx.rules, answers, meta.step);
  return step === null ? null : { answers, step, ...carriedOver(meta) };
}

/**
 * An EligibilityAnswerError as `response_action: "errors"`, keyed by a block of the step on screen: the
 * question's own block when the step shows it, else the step's first question (Slack only accepts errors for
 * blocks of the current view). The message is the error's, in the reader's language.
 */
export function eligibilityAnswerErrors(
  error: EligibilityAnswerError,
  at: { answers: Answers; step: number },
  ctx: Pick<ViewContext, "rules" | "t">,
): Record<string, string> {
  const shown = stepQuestions(ctx.rules, at.answers, at.step);
  const block = shown.some((q) => q.id === error.question) ? error.question : shown[0]?.id;
  if (block === undefined) return {};
  return { [block]: ctx.t.pick(error.text) };
}

/** Only answers to questions that apply given the answers themselves (in step order). */
export function keepApplicable(rules: EligibilityRules, answers: Answers): EligibilityAnswers {
  const kept: EligibilityAnswers = {};
  for (const question of questionsFor(rules, answers)) {
    const value = answerOf(answers, question.id);
    if (typeof value === "string" && value !== "") kept[question.id] = value;
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------------------

function carriedOver(meta: EligibilityMetadata): { baseRevision: number; channelId?: string } {
  return meta.channelId === undefined
    ? { baseRevision: meta.baseRevision }
    : { baseRevision: meta.baseRevision, channelId: meta.channelId };
}

function readMetadata(metadata: EligibilityMetadata | string): EligibilityMetadata {
  if (typeof metadata === "string") return parseMetadata(CALLBACK.eligibility, metadata);
  const parsed = EligibilityMetadata.safeParse(metadata);
  if (!parsed.success)
    throw new ModalMetadataError(CALLBACK.eligibility, "invalid", parsed.error.issues[0]?.message);
  return parsed.data;
}

function questionsOfMetadata(rules: EligibilityRules, meta: EligibilityMetadata): Question[] {
  const questions = stepQuestions(rules, meta.answers, meta.step);
  if (questions.length === 0) {
    throw new ModalMetadataError(
      CALLBACK.eligibility,
      "invalid",
      `step ${meta.step} has no question that applies`,
    );
  }
  return questions;
}

/** The answers to questions of steps before `step`. */
function earlierAnswers(rules: EligibilityRules, answers: Answers, step: number): Answers {
  const earlier: Record<string, string | readonly string[]> = {};
  for (const question of rules.eligibility.questions) {
    const value = answerOf(answers, question.id);
    if (question.step < step && value !== undefined) earlier[question.id] = value;
  }
  return earlier;
}

function inStepOrder(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => a.step - b.step);
}

function optionValues(rules: EligibilityRules, question: Question): string[] {
  const own = question.options.map((o) => o.value);
  return question.optionsFromTargetBusinesses
    ? [...own, ...rules.eligibility.targetBusinesses.map((b) => b.id)]
    : own;
}

/** The values a question may end up with; `undefined` stands for "no answer". */
interface Possible {
  values: (string | undefined)[];
}

/** Whether some combination of the possible answers makes the condition come out as `want`. */
function canBe(cond: Condition, want: boolean, possible: ReadonlyMap<string, Possible>): boolean {
  if ("all" in cond) {
    return want
      ? cond.all.every((c) => canBe(c, true, possible))
      : cond.all.some((c) => canBe(c, false, possible));
  }
  if ("any" in cond) {
    return want
      ? cond.any.some((c) => canBe(c, true, possible))
      : cond.any.every((c) => canBe(c, false, possible));
  }
  if ("not" in cond) return canBe(cond.not, !want, possible);
  const values = possible.get(cond.q)?.values ?? [undefined];
  return values.some((value) => leafHolds(cond, value) === want);
}

function leafHolds(
  cond: Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>,
  value: string | undefined,
): boolean {
  if ("answered" in cond) return (value !== undefined) === cond.answered;
  if (value === undefined) return false;
  if ("in" in cond) return cond.in.includes(value);
  return !cond.notIn.includes(value);
}
