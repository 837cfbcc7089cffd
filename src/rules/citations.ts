import type { LocalizedText } from "../i18n/locale.js";
import { parseInstant } from "../lib/time.js";
import { type Citation, type Confidence, UNCERTAIN } from "./schema-base.js";

/** A pointer from an answer back to the rule that produced it. */
export interface RuleRef {
  ruleId: string;
  sources: string[];
  confidence: Confidence;
}

/** A statement in an answer together with the rule it comes from. */
export interface CitedText extends RuleRef {
  text: LocalizedText;
}

export function citedText(ruleId: string, citation: Citation, text: LocalizedText): CitedText {
  return { ...refOf(ruleId, citation), text };
}

/** A fact an answer rests on that is inferred, to be confirmed or conflicting, and so must be disclosed. */
export interface Caveat extends RuleRef {
  text: LocalizedText;
}

export function sourcesOf(citation: Pick<Citation, "source">): string[] {
  return Array.isArray(citation.source) ? [...citation.source] : [citation.source];
}

export function refOf(ruleId: string, citation: Citation): RuleRef {
  return { ruleId, sources: sourcesOf(citation), confidence: citation.confidence };
}

export function isUncertain(confidence: Confidence): boolean {
  return UNCERTAIN.includes(confidence);
}

/** Whether a dated fact holds at `asOf`: validFrom inclusive, validTo exclusive. */
export function isInForce(citation: Pick<Citation, "validFrom" | "validTo">, asOf: Date): boolean {
  const t = asOf.getTime();
  if (citation.validFrom && t < parseInstant(citation.validFrom).getTime()) return false;
  if (citation.validTo && t >= parseInstant(citation.validTo).getTime()) return false;
  return true;
}

/**
 * Collects caveats without repeats: call `add` for every cited fact an answer used; only uncertain ones are kept.
 */
export class CaveatList {
  readonly #byId = new Map<string, Caveat>();

  add(ruleId: string, citation: Citation, text: LocalizedText): this {
    if (isUncertain(citation.confidence) && !this.#byId.has(ruleId)) {
      this.#byId.set(ruleId, { ...refOf(ruleId, citation), text: citation.note ?? text });
    }
    return this;
  }

  toArray(): Caveat[] {
    return [...this.#byId.values()];
  }
}
