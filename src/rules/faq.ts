import { formatDate } from "../i18n/format.js";
import type { Locale, LocalizedText } from "../i18n/locale.js";
import { lastDayBefore, parseInstant, toJstDate } from "../lib/time.js";
import { type RuleRef, refOf } from "./citations.js";
import type { FaqEntry, RuleSet } from "./schema.js";
import { measurePhase } from "./special-measure.js";
import {
  extractFeatures,
  type Features,
  featureWeight,
  hasJapanese,
  hasLatin,
  isContentFeature,
  isTopicalFeature,
  termMatcher,
} from "./text-normalize.js";

type FaqFile = RuleSet["faq"];

/** One FAQ entry that answers a question, with how well it matched. */
export interface FaqMatch {
  id: string;
  topic: LocalizedText;
  answer: LocalizedText;
  /** Similarity of the question to the entry's closest phrasing, 0..1. */
  score: number;
  ref: RuleRef;
}

export interface FaqResult {
  /** Whether the best match reaches the FAQ's threshold, so its answer can be given as the answer. */
  confident: boolean;
  /** Up to three entries with any similarity, best first. */
  matches: FaqMatch[];
  /** Topics to offer instead of an answer when not confident (the closest ones, else the first entries). */
  closestTopics: LocalizedText[];
}

/** Only this much of a question is read; longer text adds nothing a question needs and would only cost time. */
export const MAX_QUESTION_CHARS = 500;
const MAX_MATCHES = 3;
/** A match found through the index of a language that is neither the session's nor the question's counts less. */
const OTHER_LANGUAGE_FACTOR = 0.9;
/**
 * Features of a question that no phrasing has weigh this share of the IDF such a feature would have, so that a
 * question that is mostly about something else scores low, while a paraphrase with a few new words still matches.
 */
const UNKNOWN_FEATURE_FACTOR = 0.75;

/** Inverted index of one language's phrasings and topics. */
interface LanguageIndex {
  /** For each document (a phrasing or a topic), the index of its entry. */
  docEntry: number[];
  /** For each document, the length of its TF-IDF vector. */
  docNorm: number[];
  postings: Map<string, { doc: number; weight: number }[]>;
  idf: Map<string, number>;
  /** IDF given to a feature no document has. */
  unknownIdf: number;
}

/** How far a question is about the FAQ's domain (rules.faq.domain), before any scoring. */
type Scope = "in" | "out" | "broad";

interface FaqIndex {
  entries: FaqEntry[];
  byLocale: Record<Locale, LanguageIndex>;
  /** Reads a question's scope; every question is "in" when the FAQ has no domain. */
  scopeOf: (question: string) => Scope;
  /** The question without its broad domain terms. */
  stripBroad: (question: string) => string;
}

const indexes = new WeakMap<FaqFile, FaqIndex>();

/** The rules an answer is computed from: the FAQ, and the special measure its dated answers read. */
export type FaqRules = Pick<RuleSet, "faq" | "specialMeasure">;

/**
 * Finds the FAQ entries that answer a free-text question, with each answer as it stands at `asOf` (entries with
 * `answerAt` depend on the date). Works for Japanese and English whatever the session's locale; matches found in the
 * locale's language (or the question's own script) are preferred.
 */
export function answerQuestion(rules: FaqRules, text: string, locale: Locale, asOf: Date): FaqResult {
  if (Number.isNaN(asOf.getTime())) throw new RangeError("asOf is not a valid date");
  const index = indexOf(rules.faq);
  const question = text.slice(0, MAX_QUESTION_CHARS);
  const features = extractFeatures(question);
  if (features.size === 0) return notConfident(index, []);

  const preferred = new Set<Locale>([locale]);
  if (hasJapanese(question)) preferred.add("ja");
  else if (hasLatin(question)) preferred.add("en");

  const ranked = bestScores(index, features, preferred, isContentFeature)
    .map((score, e) => ({ score, e }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.e - b.e)
    .slice(0, MAX_MATCHES);
  const matches = ranked.map(({ score, e }) => toMatch(index.entries[e] as FaqEntry, score, rules, asOf));

  const top = ranked[0];
  const { threshold } = rules.faq;
  if (top && top.score >= threshold && inDomain(index, question, preferred, top.e, threshold))
    return { confident: true, matches, closestTopics: [] };
  return notConfident(index, matches);
}

/** For each entry, its best score over both languages' indexes, a language not preferred counting less. */
function bestScores(
  index: FaqIndex,
  features: Features,
  preferred: Set<Locale>,
  onTopic: (feature: string) => boolean,
): number[] {
  const best = new Array<number>(index.entries.length).fill(0);
  for (const language of ["ja", "en"] as const) {
    const factor = preferred.has(language) ? 1 : OTHER_LANGUAGE_FACTOR;
    const scores = scoreEntries(index.byLocale[language], features, index.entries.length, onTopic);
    for (let e = 0; e < scores.length; e++) best[e] = Math.max(best[e] ?? 0, (scores[e] ?? 0) * factor);
  }
  return best;
}

/**
 * Whether the question is about the FAQ's domain, so that a good score may be trusted: it names the programme, or
 * uses one of its terms without naming another scheme. A question whose only domain words are broad ones (登録,
 * renew) is trusted when it says nothing else, or when the rest of it, without them, still matches the entry:
 * "when do we renew our listing" and 「登録までの流れを順番に」 are about us, "renew my passport" and
 * 「Slackのアカウント登録」 are not.
 */
function inDomain(
  index: FaqIndex,
  question: string,
  preferred: Set<Locale>,
  entry: number,
  threshold: number,
): boolean {
  const scope = index.scopeOf(question);
  if (scope !== "broad") return scope === "in";
  const rest = extractFeatures(index.stripBroad(question));
  if (![...rest.keys()].some(isContentFeature)) return true;
  return (bestScores(index, rest, preferred, isTopicalFeature)[entry] ?? 0) >= threshold;
}

/** Reads the scope of a question against the FAQ's domain terms (see FaqDomain in schema.ts). */
function scopeReader(domain: FaqFile["domain"]): (question: string) => Scope {
  if (!domain) return () => "in";
  const names = termMatcher(domain.names).test;
  const otherSchemes = termMatcher(domain.otherSchemes).test;
  const terms = termMatcher(domain.terms).test;
  const broadTerms = termMatcher(domain.broadTerms).test;
  return (question) => {
    if (names(question)) return "in";
    if (otherSchemes(question)) return "out";
    if (terms(question)) return "in";
    return broadTerms(question) ? "broad" : "out";
  };
}

function notConfident(index: FaqIndex, matches: FaqMatch[]): FaqResult {
  const closestTopics =
    matches.length > 0
      ? matches.map((m) => m.topic)
      : index.entries.slice(0, MAX_MATCHES).map((entry) => entry.topic);
  return { confident: false, matches, closestTopics };
}

/**
 * An entry's answer at `asOf`: its `answer`, or the variant of `answerAt` for the phase of the special measure at
 * `asOf`, with the measure's dates (from special-measure.yml) put in for the placeholders.
 */
export function answerOf(entry: FaqEntry, rules: Pick<RuleSet, "specialMeasure">, asOf: Date): LocalizedText {
  const dated = entry.answerAt;
  if (!dated) return entry.answer as LocalizedText;
  const measure = rules.specialMeasure;
  const text = dated[measurePhase(measure, dated.fact, asOf)];
  const days: Record<string, string | null> = {
    "{inForceFrom}": toJstDate(parseInstant(measure.inForceFrom.at)),
    "{acceptanceLastDay}": lastDayBefore(measure.deadline.at),
    "{periodLastDay}": measure.periodEnd.at === null ? null : lastDayBefore(measure.periodEnd.at),
  };
  const fill = (s: string, locale: Locale) =>
    s.replace(/\{[A-Za-z]+\}/g, (p) => {
      const day = days[p];
      return day ? formatDate(day, locale) : p;
    });
  return { ja: fill(text.ja, "ja"), en: fill(text.en, "en") };
}

function toMatch(
  entry: FaqEntry,
  score: number,
  rules: Pick<RuleSet, "specialMeasure">,
  asOf: Date,
): FaqMatch {
  return {
    id: entry.id,
    topic: entry.topic,
    answer: answerOf(entry, rules, asOf),
    score: Math.min(1, Math.round(score * 1e6) / 1e6),
    ref: refOf(entry.id, entry),
  };
}

/**
 * For each entry, the best cosine similarity between the question and one of its documents in this language. Only
 * documents sharing at least one feature that passes `topical` with the question count.
 */
function scoreEntries(
  index: LanguageIndex,
  features: Features,
  entryCount: number,
  topical: (feature: string) => boolean,
): number[] {
  const dots = new Map<number, number>();
  /** Documents sharing at least one topical feature with the question; only these can match. */
  const onTopic = new Set<number>();
  let queryNormSq = 0;
  for (const [feature, count] of features) {
    const idf = index.idf.get(feature) ?? index.unknownIdf;
    const weight = termWeight(feature, count) * idf;
    queryNormSq += weight * weight;
    const content = topical(feature);
    for (const { doc, weight: docWeight } of index.postings.get(feature) ?? []) {
      dots.set(doc, (dots.get(doc) ?? 0) + weight * docWeight);
      if (content) onTopic.add(doc);
    }
  }
  const scores = new Array<number>(entryCount).fill(0);
  const queryNorm = Math.sqrt(queryNormSq);
  if (queryNorm === 0) return scores;
  for (const [doc, dot] of dots) {
    if (!onTopic.has(doc)) continue;
    const entry = index.docEntry[doc] as number;
    const cosine = dot / (queryNorm * (index.docNorm[doc] as number));
    if (cosine > (scores[entry] ?? 0)) scores[entry] = cosine;
  }
  return scores;
}

/** Sublinear term frequency times the weight of the feature's kind. */
function termWeight(feature: string, count: number): number {
  return featureWeight(feature) * (1 + Math.log(count));
}

function indexOf(faq: FaqFile): FaqIndex {
  let index = indexes.get(faq);
  if (!index) {
    index = {
      entries: faq.entries,
      byLocale: { ja: buildIndex(faq.entries, "ja"), en: buildIndex(faq.entries, "en") },
      scopeOf: scopeReader(faq.domain),
      stripBroad: termMatcher(faq.domain?.broadTerms ?? []).strip,
    };
    indexes.set(faq, index);
  }
  return index;
}

/** Every phrasing and the topic of every entry, in one language, as TF-IDF vectors. */
function buildIndex(entries: FaqEntry[], locale: Locale): LanguageIndex {
  const docs: { entry: number; features: Features }[] = [];
  entries.forEach((entry, e) => {
    for (const text of [...entry.phrasings[locale], entry.topic[locale]]) {
      const features = extractFeatures(text);
      if (features.size > 0) docs.push({ entry: e, features });
    }
  });

  const df = new Map<string, number>();
  for (const { features } of docs) {
    for (const feature of features.keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
  }
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [feature, count] of df) idf.set(feature, Math.log((n + 1) / (count + 1)) + 1);
  const unknownIdf = (Math.log(n + 1) + 1) * UNKNOWN_FEATURE_FACTOR;

  const postings = new Map<string, { doc: number; weight: number }[]>();
  const docNorm: number[] = [];
  docs.forEach(({ features }, doc) => {
    let normSq = 0;
    for (const [feature, count] of features) {
      const weight = termWeight(feature, count) * (idf.get(feature) as number);
      normSq += weight * weight;
      const list = postings.get(feature);
      if (list) list.push({ doc, weight });
      else postings.set(feature, [{ doc, weight }]);
    }
    docNorm.push(Math.sqrt(normSq));
  });
  return { docEntry: docs.map((d) => d.entry), docNorm, postings, idf, unknownIdf };
}
