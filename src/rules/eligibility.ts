import type { LocalizedText } from "../i18n/locale.js";
import { type Caveat, CaveatList, type CitedText, citedText, isInForce } from "./citations.js";
import { type Answers, answerOf, evaluateCondition, isAnswered, questionsReferenced } from "./conditions.js";
import type { RuleSet } from "./schema.js";
import type { Citation } from "./schema-base.js";
import type { Option, Question, Verdict } from "./schema-eligibility.js";

/** The eligibility rules file as loaded (rules/eligibility.yml). */
export type EligibilityRules = RuleSet["eligibility"];

/** What the self-check pre-screen suggests about the official impact assessment. */
export type PrescreenSuggestion = "likely_low" | "likely_not_low" | "mixed" | "unknown";

/** An estimate from the optional pre-screen answers; never the official assessment. */
export interface EligibilityEstimate {
  suggests: PrescreenSuggestion;
  /** The signals the answers triggered, in rules order. */
  signals: CitedText[];
  disclaimer: LocalizedText;
}

export interface EligibilityResult {
  verdict: Verdict;
  /** Id of the decision rule that gave the verdict (also the first reason). */
  decidedBy: string;
  rulesVersion: string;
  /** The instant the answer was computed for, as an ISO string (UTC). */
  asOf: string;
  /** The deciding rule, then the facts on the path to it, the matched target business and in-force notices. */
  reasons: CitedText[];
  /** The deciding rule's next steps in force at `asOf`. */
  nextSteps: CitedText[];
  /** Every inferred, to-be-confirmed or conflicting fact the result used, once each. */
  caveats: Caveat[];
  /** Present only when at least one pre-screen question that applies was answered. */
  estimate?: EligibilityEstimate;
}

export type EligibilityAnswerErrorKind = "missing" | "invalid" | "contradictory" | "unknown_question";

/** Answers that cannot give a verdict: incomplete, not among the options, contradictory, or to no question. */
export class EligibilityAnswerError extends Error {
  override readonly name = "EligibilityAnswerError";

  constructor(
    readonly kind: EligibilityAnswerErrorKind,
    /** The question the person should look at (for `unknown_question`, the unknown id as given). */
    readonly question: string,
    /** What is wrong, naming the question, in both languages. */
    readonly text: LocalizedText,
  ) {
    super(`${kind} (${question}): ${text.en}`);
  }
}

/**
 * The questions that apply given the answers so far, in step order, with the target business rows appended to
 * the options of a question that offers them. Never throws: an answer that is not an option of its question
 * simply does not count when deciding which later questions apply.
 */
export function questionsFor(rules: Pick<RuleSet, "eligibility">, answers: Answers): Question[] {
  const data = rules.eligibility;
  const known: Record<string, string> = {};
  const shown: Question[] = [];
  for (const question of inStepOrder(data.questions)) {
    if (question.askIf && !evaluateCondition(question.askIf, known)) continue;
    const options = optionsOf(data, question);
    shown.push({ ...question, options });
    const value = answerOf(answers, question.id);
    if (typeof value === "string" && options.some((o) => o.value === value)) known[question.id] = value;
  }
  return shown;
}

/**
 * The verdict for a complete set of answers at `asOf`, with its reasons, next steps, caveats and, when pre-screen
 * questions were answered, an estimate of the impact level.
 *
 * Checks, in this order, and throws EligibilityAnswerError on the first problem:
 * 1. `unknown_question`: an answer to an id that is no question;
 * 2. questions in step order: a question applies when its `askIf` holds over the answers accepted so far;
 *    answers to questions that do not apply are ignored. `missing`: a required question that applies has no
 *    answer; `invalid`: an answer is not one of the question's options (or is a list);
 * 3. `contradictory`: a contradiction rule in force holds over the answers as given.
 */
export function assessEligibility(
  rules: Pick<RuleSet, "eligibility" | "meta">,
  answers: Answers,
  asOf: Date,
): EligibilityResult {
  if (Number.isNaN(asOf.getTime())) throw new RangeError("asOf is not a valid date");
  const data = rules.eligibility;
  const accepted = acceptedAnswers(data, answers);

  for (const contradiction of data.contradictions) {
    if (!isInForce(contradiction, asOf) || !evaluateCondition(contradiction.when, answers)) continue;
    const question = data.questions.find((q) => q.id === contradiction.question);
    throw new EligibilityAnswerError("contradictory", contradiction.question, {
      ja: `「${question?.text.ja ?? contradiction.question}」: ${contradiction.message.ja}`,
      en: `“${question?.text.en ?? contradiction.question}”: ${contradiction.message.en}`,
    });
  }

  const rule = data.decision.find((r) => isInForce(r, asOf) && evaluateCondition(r.when, accepted));
  if (!rule) {
    // Only reachable with rules data whose decision order leaves a complete answer set uncovered.
    throw new Error(`rules data: no decision rule in force matches the answers ${JSON.stringify(accepted)}`);
  }

  const caveats = new CaveatList();
  const cite = (id: string, citation: Citation, text: LocalizedText): CitedText => {
    caveats.add(id, citation, text);
    return citedText(id, citation, text);
  };

  const reasons: CitedText[] = [cite(rule.id, rule, rule.reason)];
  for (const factId of rule.facts) {
    const fact = data.facts.find((f) => f.id === factId);
    if (fact && isInForce(fact, asOf)) reasons.push(cite(fact.id, fact, fact.text));
  }

  const referenced = questionsReferenced(rule.when);
  for (const question of data.questions) {
    if (!question.optionsFromTargetBusinesses || !referenced.includes(question.id)) continue;
    const answer = accepted[question.id];
    const row = data.targetBusinesses.find((b) => b.id === answer);
    if (row) {
      const { matchedText } = data.targetBusinessList;
      const text = {
        ja: matchedText.ja.replaceAll("{label}", row.label.ja),
        en: matchedText.en.replaceAll("{label}", row.label.en),
      };
      reasons.push(cite(row.id, row, text));
    } else if (answer !== undefined) {
      // The verdict rests on the business being absent from (or not found on) a list known to be incomplete.
      const list = data.targetBusinessList;
      caveats.add(list.id, list, list.text);
    }
  }

  for (const notice of data.notices) {
    if (notice.appliesTo.includes(rule.verdict) && isInForce(notice, asOf)) {
      reasons.push(cite(notice.id, notice, notice.text));
    }
  }

  const nextSteps = rule.nextSteps.filter((s) => isInForce(s, asOf)).map((s) => cite(s.id, s, s.text));

  const result: EligibilityResult = {
    verdict: rule.verdict,
    decidedBy: rule.id,
    rulesVersion: rules.meta.version,
    asOf: asOf.toISOString(),
    reasons,
    nextSteps,
    caveats: [],
  };

  const prescreenQuestions = new Set(data.prescreen.flatMap((s) => questionsReferenced(s.when)));
  if ([...prescreenQuestions].some((id) => accepted[id] !== undefined)) {
    const matched = data.prescreen.filter((s) => isInForce(s, asOf) && evaluateCondition(s.when, accepted));
    const disclaimer = data.prescreenDisclaimer;
    caveats.add(disclaimer.id, disclaimer, disclaimer.text);
    result.estimate = {
      suggests: combine(matched.map((s) => s.suggests)),
      signals: matched.map((s) => cite(s.id, s, s.text)),
      disclaimer: disclaimer.text,
    };
  }

  result.caveats = caveats.toArray();
  return result;
}

/** The answers that count, by question: checked in step order, ignoring questions that do not apply. */
function acceptedAnswers(data: EligibilityRules, answers: Answers): Record<string, string> {
  const ids = new Set(data.questions.map((q) => q.id));
  for (const key of Object.keys(answers)) {
    if (ids.has(key) || answers[key] === undefined) continue;
    const shown = clip(key);
    throw new EligibilityAnswerError("unknown_question", key, {
      ja: `「${shown}」という質問はありません。`,
      en: `There is no question “${shown}”.`,
    });
  }

  const accepted: Record<string, string> = {};
  for (const question of inStepOrder(data.questions)) {
    if (question.askIf && !evaluateCondition(question.askIf, accepted)) continue;
    const value = answerOf(answers, question.id);
    if (!isAnswered(value)) {
      if (!question.required) continue;
      throw new EligibilityAnswerError("missing", question.id, {
        ja: `「${question.text.ja}」に回答してください。`,
        en: `Please answer “${question.text.en}”`,
      });
    }
    if (typeof value !== "string") {
      throw new EligibilityAnswerError("invalid", question.id, {
        ja: `「${question.text.ja}」は、選択肢を1つだけ選んでください。`,
        en: `Choose exactly one option for “${question.text.en}”`,
      });
    }
    if (!optionsOf(data, question).some((o) => o.value === value)) {
      const shown = clip(value);
      throw new EligibilityAnswerError("invalid", question.id, {
        ja: `「${question.text.ja}」への回答「${shown}」は選択肢にありません。`,
        en: `“${shown}” is not an option of “${question.text.en}”`,
      });
    }
    accepted[question.id] = value;
  }
  return accepted;
}

/** A question's options, with the target business rows appended when the question offers them. */
function optionsOf(data: EligibilityRules, question: Question): Option[] {
  if (!question.optionsFromTargetBusinesses) return question.options;
  const rows = data.targetBusinesses.map(
    (b): Option =>
      b.examples ? { value: b.id, label: b.label, help: b.examples } : { value: b.id, label: b.label },
  );
  return [...question.options, ...rows];
}

/** Questions by step; within a step, in the order of the rules file. */
function inStepOrder(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => a.step - b.step);
}

function combine(suggestions: readonly ("likely_low" | "likely_not_low")[]): PrescreenSuggestion {
  const kinds = new Set(suggestions);
  if (kinds.size === 0) return "unknown";
  if (kinds.size > 1) return "mixed";
  return suggestions[0] ?? "unknown";
}

/** A value as quoted back in an error message: at most 40 characters. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}
