/**
 * Turns free text into weighted features for FAQ matching, without a tokenizer: Japanese (and any CJK) text gives
 * character bigrams and trigrams over the text with punctuation and spaces removed; Latin-script words give a
 * lightly stemmed word token plus character trigrams of the word.
 */

/** A bag of features: feature → how often it occurs. */
export type Features = Map<string, number>;

/** Characters that count as Japanese for bigrams (kanji, kana, the iteration and prolonged sound marks). */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ヶー]/u;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAS_LATIN = /\p{Script=Latin}/u;
/** Shorter words are matched whole only: their trigrams (「ism」「map」) match too much by chance. */
const MIN_TRIGRAM_WORD = 6;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+/gu;
/** Latin letters cut Japanese n-grams: 「ISMAP-LIUの登録」 gives 「の登」「登録」, not 「uの」. Digits do not (「3年」). */
const LATIN_RUN = /\p{Script=Latin}+/gu;
/** Everything that is neither a letter nor a digit (spaces, punctuation, symbols). */
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** How much each kind of feature weighs, before IDF. */
const WEIGHT = {
  /** A Latin-script word, stemmed. */
  word: 1,
  /** A character trigram inside a Latin-script word (many per word, so each weighs little). */
  wordTrigram: 0.3,
  /** A character bigram touching a Japanese character. */
  bigram: 1,
  /** A character trigram touching a Japanese character. */
  trigram: 0.5,
} as const;

/** English words that carry no topic. Question words that do (who, when, how, many, long) are kept. */
const STOP_WORDS = new Set(
  (
    "a an the is are was were be been being am do does did done doing i we you it its our ours us my me your " +
    "they them their this that these those of to in on at by for with from as into and or but if so than then " +
    "can could should would will shall may might must please tell explain know want need there here about " +
    "what which any some have has had get got just also let s t give show like hi hello thanks thank"
  ).split(" "),
);

/**
 * Japanese request and politeness phrases that say nothing about the topic (「教えてください」「ですか」). They are
 * cut out before n-grams are taken, longest first, and n-grams do not span the cut.
 */
const JA_STOP_PHRASES = [
  "教えてください",
  "教えて下さい",
  "教えてほしい",
  "お願いします",
  "知りたいです",
  "のでしょうか",
  "でしょうか",
  "のですが",
  "なんですか",
  "んですか",
  "ありますか",
  "知りたい",
  "について",
  "どのような",
  "どういう",
  "そもそも",
  "ざっくり",
  "ちなみに",
  "教えて",
  "ください",
  "下さい",
  "ですか",
  "ますか",
  "ですが",
  "どんな",
];
const JA_STOP = new RegExp(JA_STOP_PHRASES.join("|"), "g");
/** Marks where a stop phrase was cut, so that no n-gram joins the text on either side. */
const CUT = "\u0000";

/**
 * Words that mean the same here, folded to one spelling before features are taken, so that a question need not
 * use the phrasing's word. Japanese: substrings of the normalised text; English: whole words before stemming.
 */
const JA_SYNONYMS: [RegExp, string][] = [
  [/料金|コスト|値段|価格/g, "費用"],
  [/有効期限/g, "有効期間"],
  [/締め?切り?|〆切/g, "期限"],
  [/地方自治体|自治体/g, "地方公共団体"],
  [/ステップ|プロセス|フロー|手順|段取り/g, "流れ"],
  [/[ヶケカ]月|箇月/g, "か月"],
];
const EN_SYNONYMS = new Map<string, string>(
  Object.entries({
    cost: "fee fees costs price prices pricing",
    run: "runs manage manages managed operate operates operated",
    program: "programme programmes programs",
    renew: "renewal renewals renewing renewed",
    expire: "expiry expiration expires expired",
    less: "smaller lighter narrower reduced fewer",
    eligible: "eligibility qualify qualifies",
    steps: "step process procedure procedures flow",
  }).flatMap(([canonical, words]) =>
    [canonical, ...words.split(" ")].map((w): [string, string] => [w, canonical]),
  ),
);

/** NFKC (full-width letters and digits become ASCII, half-width kana become full-width), then lower case. */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** Whether the text contains Japanese characters (kanji or kana). */
export function hasJapanese(text: string): boolean {
  return HAS_CJK.test(text);
}

/** Whether the text contains Latin letters. */
export function hasLatin(text: string): boolean {
  return HAS_LATIN.test(text);
}

/** A light English stemmer: enough to meet "renewals"/"renewal", "audits"/"audited"/"auditing". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith("ly")) w = w.slice(0, -2);
  // "close"/"closed", "expire"/"expired" meet on "clos", "expir".
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

function add(features: Features, key: string): void {
  features.set(key, (features.get(key) ?? 0) + 1);
}

/** The weight of a feature before IDF, by its kind (the prefix of its key). */
export function featureWeight(feature: string): number {
  switch (feature.slice(0, 2)) {
    case "w:":
      return WEIGHT.word;
    case "l:":
      return WEIGHT.wordTrigram;
    case "b:":
      return WEIGHT.bigram;
    default:
      return WEIGHT.trigram;
  }
}

/** Question words: they say what kind of answer is wanted, not what it is about. */
const QUESTION_WORDS = new Set("who whom whose when where why how many much long often".split(" "));
const HIRAGANA_OR_NANI = /[\p{Script=Hiragana}何]/u;

/**
 * Whether a feature says what a text is about: a word other than a question word, or a Japanese n-gram without
 * hiragana (which mostly spells particles and endings) or 「何」. A match resting only on other features (「は何」,
 * "how many") is no match.
 */
export function isContentFeature(feature: string): boolean {
  switch (feature.slice(0, 2)) {
    case "w:":
      return !QUESTION_WORDS.has(feature.slice(2));
    case "l:":
      return false;
    default:
      return !HIRAGANA_OR_NANI.test(feature.slice(2));
  }
}

const ONLY_HIRAGANA_OR_NANI = /^[\p{Script=Hiragana}何ー]+$/u;

/**
 * A looser isContentFeature, for what is left of a question once its domain words are taken out: a word other
 * than a question word, or a Japanese n-gram with a character other than hiragana or 「何」 (「の流」 counts,
 * 「までの」「はいつ」 do not).
 */
export function isTopicalFeature(feature: string): boolean {
  switch (feature.slice(0, 2)) {
    case "w:":
      return !QUESTION_WORDS.has(feature.slice(2));
    case "l:":
      return false;
    default:
      return !ONLY_HIRAGANA_OR_NANI.test(feature.slice(2));
  }
}

/**
 * The features of a text with their counts; callers weigh them (featureWeight, sublinear counts, IDF).
 * Feature keys are prefixed by kind (`w:` word, `l:` word trigram, `b:` bigram, `t:` trigram).
 */
export function extractFeatures(text: string): Features {
  const features: Features = new Map();
  const norm = normalize(text);

  // Latin-script words and numbers, also when written next to Japanese (「ISMAP-LIUとは」).
  for (const [raw] of norm.matchAll(LATIN_WORD)) {
    if (STOP_WORDS.has(raw)) continue;
    const word = EN_SYNONYMS.get(raw) ?? raw;
    add(features, `w:${stem(word)}`);
    if (word.length >= MIN_TRIGRAM_WORD && HAS_LATIN.test(word)) {
      const padded = `^${word}$`;
      for (let i = 0; i + 3 <= padded.length; i++) add(features, `l:${padded.slice(i, i + 3)}`);
    }
  }

  // Japanese: character n-grams over the text with spaces and punctuation removed, touching a Japanese character.
  if (HAS_CJK.test(norm)) {
    const folded = JA_SYNONYMS.reduce((text, [from, to]) => text.replace(from, to), norm);
    for (const segment of folded.replace(JA_STOP, CUT).replace(LATIN_RUN, CUT).split(CUT)) {
      const chars = [...segment.replace(NOT_WORD, "")];
      const isCjk = chars.map((c) => CJK.test(c));
      for (let i = 0; i + 2 <= chars.length; i++) {
        if (isCjk[i] || isCjk[i + 1]) add(features, `b:${chars[i]}${chars[i + 1]}`);
      }
      for (let i = 0; i + 3 <= chars.length; i++) {
        if (isCjk[i] || isCjk[i + 1] || isCjk[i + 2])
          add(features, `t:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
      }
      // A one-character segment (「年」) has no bigram; keep the character itself.
      if (chars.length === 1 && isCjk[0]) add(features, `b:${chars[0]}`);
    }
  }
  return features;
}

const CJK_ANY = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN_OR_DIGIT_BEFORE = "(?<![\\p{Script=Latin}\\p{N}])";
const LATIN_OR_DIGIT_AFTER = "(?![\\p{Script=Latin}\\p{N}])";
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Tests for and removal of a list of terms in a text (termMatcher). */
export interface TermMatcher {
  /** Whether the text mentions any of the terms. */
  test: (text: string) => boolean;
  /** The text, normalised, with every mention of a term removed. */
  strip: (text: string) => string;
}

/**
 * Reads terms in a text the way questions are read (width, case, spaces and punctuation do not count). A term with
 * Japanese characters matches anywhere in the text; a Latin-script term matches whole words only, a trailing `*`
 * allowing any ending ("audit*" meets "audits" and "auditor"). An empty list matches nothing.
 */
export function termMatcher(terms: readonly string[]): TermMatcher {
  const japanese: string[] = [];
  const latin: string[] = [];
  for (const term of terms) {
    const norm = normalize(term);
    if (CJK_ANY.test(norm)) {
      japanese.push(escapeRegExp(norm.replace(NOT_WORD, "")));
      continue;
    }
    const prefix = norm.trimEnd().endsWith("*");
    const words = norm.replace(NOT_WORD, " ").trim().split(" ").filter(Boolean).map(escapeRegExp);
    if (words.length === 0) continue;
    latin.push(`${words.join(" ")}${prefix ? "\\p{Script=Latin}*" : ""}`);
  }
  const japaneseRe = japanese.length > 0 ? new RegExp(japanese.join("|"), "gu") : null;
  const latinRe =
    latin.length > 0
      ? new RegExp(`${LATIN_OR_DIGIT_BEFORE}(?:${latin.join("|")})${LATIN_OR_DIGIT_AFTER}`, "gu")
      : null;
  /** Latin terms are read with spaces for punctuation; Japanese ones also across a space (「特別 措置」). */
  const spaced = (text: string) => normalize(text).replace(NOT_WORD, " ");
  return {
    test(text) {
      const norm = spaced(text);
      if (japaneseRe && norm.replace(/ /g, "").search(japaneseRe) >= 0) return true;
      return latinRe !== null && norm.search(latinRe) >= 0;
    },
    strip(text) {
      let norm = spaced(text);
      if (latinRe) norm = norm.replace(latinRe, " ");
      if (japaneseRe) norm = norm.replace(japaneseRe, " ");
      return norm;
    },
  };
}
