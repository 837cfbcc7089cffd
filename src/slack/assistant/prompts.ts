/**
 * The suggested prompts of a new assistant thread, in the person's language, chosen for where the team stands:
 * a team with dates asks about its own deadlines; a team without them about eligibility and the special measure.
 * Pure.
 */
import type { Translator } from "../../i18n/translator.js";

export type PromptId = "nextAudit" | "lapseQuarter" | "oweMonth" | "eligible" | "special" | "registration";

/** Slack shows up to four. */
export const MAX_PROMPTS = 4;

export interface TeamFacts {
  /** The timeline has dates (an audit period, real or planned). */
  anchored: boolean;
  /** The team entered its registration. */
  registered: boolean;
  /** The team answered the eligibility questionnaire. */
  eligibilityAnswered: boolean;
}

export function promptIds(facts: TeamFacts): PromptId[] {
  if (!facts.anchored) return ["eligible", "special", "nextAudit"];
  const last: PromptId = facts.registered
    ? "registration"
    : facts.eligibilityAnswered
      ? "special"
      : "eligible";
  return ["nextAudit", "oweMonth", "lapseQuarter", last];
}

export function suggestedPrompts(facts: TeamFacts, t: Translator): { title: string; message: string }[] {
  return promptIds(facts).map((id) => ({
    title: t(`assistant.prompts.${id}.title`),
    message: t(`assistant.prompts.${id}.message`),
  }));
}
