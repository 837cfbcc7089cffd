import en from "../../locales/en.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };
import { type DateStyle, formatDate, formatDateTime } from "./format.js";
import type { Locale, LocalizedText } from "./locale.js";

export { type DateStyle, formatDate, formatDateTime, PROGRAM_TIME_ZONE } from "./format.js";
export type { Locale } from "./locale.js";

/** The dotted paths to the strings of a nested messages object: `{a: {b: "x"}}` → `"a.b"`. */
export type LeafKeys<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every message key; the Japanese file is the reference (it is the default locale). */
export type MessageKey = LeafKeys<typeof ja>;
export type MessageParams = Readonly<Record<string, string | number>>;

export const DEFAULT_LOCALE: Locale = "ja";

export interface TranslatorOptions {
  /**
   * Throw when a placeholder has no value or a key is unknown, instead of rendering the placeholder (`{name}`)
   * or the key visibly. Defaults to true under test (NODE_ENV=test or VITEST), false otherwise, so that a
   * forgotten parameter fails a test but never a user's request.
   */
  strict?: boolean;
}

/** `t(key, params)`: a message in one locale with its `{name}` placeholders filled. */
export interface Translator {
  (key: MessageKey, params?: MessageParams): string;
  readonly locale: Locale;
  /** Whether a key (e.g. built from a status value) exists. */
  has(key: string): key is MessageKey;
  /** The text of rules data in this locale (ja when the en text is missing). */
  pick(text: LocalizedText): string;
  date(date: Date | string, style?: DateStyle): string;
  dateTime(date: Date | string): string;
}

type Messages = ReadonlyMap<string, string>;

function flatten(messages: unknown, prefix = "", into = new Map<string, string>()): Map<string, string> {
  if (typeof messages === "object" && messages !== null) {
    for (const [k, v] of Object.entries(messages)) {
      if (typeof v === "string") into.set(`${prefix}${k}`, v);
      else flatten(v, `${prefix}${k}.`, into);
    }
  }
  return into;
}

const CATALOGUES: Record<Locale, Messages> = { ja: flatten(ja), en: flatten(en) };

/** Every message key of a locale file, for tests and tooling. */
export function messageKeys(locale: Locale = DEFAULT_LOCALE): string[] {
  return [...CATALOGUES[locale].keys()];
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names of a message, in order of first use. */
export function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * A message split at its placeholders (literal, name, literal, …; a message without any is one literal), worked
 * out once per message: every answer fills dozens of messages.
 */
const PARTS = new Map<string, readonly string[]>();

function partsOf(message: string): readonly string[] {
  let parts = PARTS.get(message);
  if (parts === undefined) {
    parts = message.split(PLACEHOLDER);
    PARTS.set(message, parts);
  }
  return parts;
}

function defaultStrict(): boolean {
  return process.env.NODE_ENV === "test" || process.env.VITEST !== undefined;
}

export function createTranslator(locale: Locale, options: TranslatorOptions = {}): Translator {
  const strict = options.strict ?? defaultStrict();
  const own = CATALOGUES[locale];
  const fallback = CATALOGUES[DEFAULT_LOCALE];
  const lookup = (key: string): string | undefined => own.get(key) ?? fallback.get(key);

  const t = (key: MessageKey, params: MessageParams = {}): string => {
    // `key_one` is the singular form, used when params.count is 1.
    const message = (params.count === 1 ? lookup(`${key}_one`) : undefined) ?? lookup(key);
    if (message === undefined) {
      if (strict) throw new Error(`unknown message key: ${key}`);
      return key;
    }
    const parts = partsOf(message);
    if (parts.length === 1) return message;
    let text = "";
    for (let i = 0; i < parts.length; i++) {
      // Even indexes are literal text, odd ones placeholder names.
      const part = parts[i] as string;
      if (i % 2 === 0) {
        text += part;
        continue;
      }
      const value = params[part];
      if (value !== undefined) text += String(value);
      else if (strict) throw new Error(`message ${key} needs a value for {${part}}`);
      else text += `{${part}}`;
    }
    return text;
  };

  return Object.assign(t, {
    locale,
    has: (key: string): key is MessageKey => fallback.has(key) || own.has(key),
    pick: (text: LocalizedText) => pickLocale(text, locale),
    date: (date: Date | string, style?: DateStyle) => formatDate(date, locale, style),
    dateTime: (date: Date | string) => formatDateTime(date, locale),
  });
}

/** The text in the reader's language, falling back to Japanese when that text is empty. */
export function pickLocale(text: LocalizedText, locale: Locale): string {
  return text[locale] || text.ja;
}

/** The product's locale for a Slack user locale such as `ja-JP` or `en-US`; Japanese when unknown. */
export function localeFromSlack(slackLocale: string | undefined | null): Locale {
  if (!slackLocale) return DEFAULT_LOCALE;
  return slackLocale.toLowerCase().startsWith("en") ? "en" : "ja";
}
