import type { Condition } from "./schema-eligibility.js";

/** Answers to the questionnaire by question id: one value, or several for a multiple choice. */
export type Answers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** An answer given to question `q`, read only from the answers' own keys (never the prototype's). */
export function answerOf(answers: Answers, q: string): string | readonly string[] | undefined {
  return Object.hasOwn(answers, q) ? answers[q] : undefined;
}

/** Whether a value counts as an answer: a non-empty string, or a non-empty list. */
export function isAnswered(value: unknown): value is string | readonly string[] {
  if (typeof value === "string") return value.length > 0;
  return Array.isArray(value) && value.length > 0;
}

/**
 * Whether a condition holds over the answers.
 * - `{q, in}`: q is answered and its value (any value, for a list) is one of `in`.
 * - `{q, notIn}`: q is answered and no value of it is in `notIn`; an unanswered question satisfies neither
 *   `in` nor `notIn`, so a question that depends on another is not asked before that one is answered.
 * - `{q, answered}`: whether q has an answer (empty strings and empty lists do not count).
 * - `all` / `any` / `not`: as their names say.
 */
export function evaluateCondition(cond: Condition, answers: Answers): boolean {
  if ("all" in cond) return cond.all.every((c) => evaluateCondition(c, answers));
  if ("any" in cond) return cond.any.some((c) => evaluateCondition(c, answers));
  if ("not" in cond) return !evaluateCondition(cond.not, answers);
  const value = answerOf(answers, cond.q);
  if ("answered" in cond) return isAnswered(value) === cond.answered;
  if (!isAnswered(value)) return false;
  const values: readonly string[] = typeof value === "string" ? [value] : value;
  if ("in" in cond) return values.some((v) => cond.in.includes(v));
  return values.every((v) => !cond.notIn.includes(v));
}

/** The ids of the questions a condition looks at, each once, in order of first mention. */
export function questionsReferenced(cond: Condition): string[] {
  const seen = new Set<string>();
  const visit = (c: Condition): void => {
    if ("all" in c) c.all.forEach(visit);
    else if ("any" in c) c.any.forEach(visit);
    else if ("not" in c) visit(c.not);
    else seen.add(c.q);
  };
  visit(cond);
  return [...seen];
}
