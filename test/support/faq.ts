/** What the FAQ tests check their own questions against: the stored phrasings, read the way the matcher reads. */
import type { RuleSet } from "../../src/rules/schema.js";

/** Compares texts the way the matcher reads them: width, case, punctuation and spaces do not count. */
export const squash = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

/** Every stored phrasing and topic of the FAQ, squashed: a test question must be none of them nor part of one. */
export function storedPhrasings(faq: RuleSet["faq"]): string[] {
  return faq.entries.flatMap((e) =>
    [...e.phrasings.ja, ...e.phrasings.en, e.topic.ja, e.topic.en].map(squash),
  );
}
