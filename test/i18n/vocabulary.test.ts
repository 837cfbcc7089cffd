/**
 * One vocabulary (issue 13): every message uses the glossary's terms (src/i18n/glossary.ts), English messages lead
 * with English words, the bot is never named by a literal in a hint, and every error message names the next step.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "../../locales/en.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };
import { GLOSSARY } from "../../src/i18n/glossary.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { loadRules } from "../../src/rules/load.js";
import { helpMessage } from "../../src/slack/views/messages/index.js";

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function leaves(messages: unknown, prefix = ""): [string, string][] {
  const out: [string, string][] = [];
  if (typeof messages === "object" && messages !== null) {
    for (const [k, v] of Object.entries(messages)) {
      if (typeof v === "string") out.push([`${prefix}${k}`, v]);
      else out.push(...leaves(v, `${prefix}${k}.`));
    }
  }
  return out;
}

const FILES = { ja: leaves(ja), en: leaves(en) };
/** Every text of the rules data in one language (what answers quote). */
const RULES_TEXT = {
  ja: readdirSync("rules")
    .filter((f) => f.endsWith(".yml"))
    .map((f) => readFileSync(`rules/${f}`, "utf8"))
    .join("\n"),
} as const;
/** The rules' text in a language: the values of its `ja:` or `en:` keys. */
function rulesText(locale: "ja" | "en"): string {
  return [...RULES_TEXT.ja.matchAll(new RegExp(`^\\s*${locale}: (.*)$`, "gm"))].map((m) => m[1]).join("\n");
}

describe.each(["ja", "en"] as const)("the glossary (%s)", (locale) => {
  it("no message uses a forbidden variant of a product term", () => {
    const found: string[] = [];
    for (const [key, message] of FILES[locale]) {
      for (const term of GLOSSARY[locale]) {
        for (const variant of term.forbidden) {
          if (message.toLowerCase().includes(variant.toLowerCase()))
            found.push(`${key}: ${variant} (use ${term.term})`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("the rules data quoted in answers uses no forbidden variant either", () => {
    const text = rulesText(locale).toLowerCase();
    for (const term of GLOSSARY[locale]) {
      for (const variant of term.forbidden)
        expect(text, `${variant} (use ${term.term})`).not.toContain(variant.toLowerCase());
    }
  });

  it("every term is used somewhere, so the glossary describes the screens", () => {
    const all = [...FILES[locale].map(([, m]) => m), rulesText(locale)].join("\n").toLowerCase();
    for (const term of GLOSSARY[locale]) expect(all, term.term).toContain(term.term.toLowerCase());
  });

  it("no hint names the bot by a literal: its name comes from Slack", () => {
    for (const [key, message] of FILES[locale]) {
      expect(message, key).not.toMatch(/@ISMAP|@ismap-liu|ISMAP-LIUアシスタント`/);
    }
  });

  it("every error message names the next step", () => {
    const errors = FILES[locale].filter(
      ([key]) =>
        key.startsWith("errors.") ||
        key.startsWith("remind.errors.") ||
        [
          "app.storeUnavailable",
          "app.invalidProfile",
          "app.storedProfileInvalid",
          "app.rateLimited",
        ].includes(key) ||
        [
          "app.triggerExpired",
          "app.inviteBot",
          "app.notSaved",
          "app.staleProfile",
          "app.staleEligibility",
        ].includes(key),
    );
    expect(errors.length).toBeGreaterThan(10);
    const nextStep =
      locale === "ja"
        ? /ください|できます|お試し/
        : /\b(please|try|ask|run|open|check|enter|tell|choose|review|contact|invite|pick|select|use)\b/i;
    for (const [key, message] of errors) expect(message, key).toMatch(nextStep);
  });
});

describe("English screens lead with English words", () => {
  it("no English message starts with a Japanese word", () => {
    const leading = FILES.en
      .map(
        ([key, message]) => [key, message.replace(/^(\s|:[a-z_]+:|[*_`>•\-[({]|\{[a-z]+\})+/, "")] as const,
      )
      .filter(([, rest]) => JAPANESE.test(rest.charAt(0)));
    expect(leading).toEqual([]);
  });

  it("every row of the English help leads with the English command word", () => {
    const message = helpMessage(
      { rules: loadRules("rules"), t: createTranslator("en"), asOf: new Date() },
      {},
    );
    const rows = JSON.stringify(message.blocks).match(/`\/ismap [^`]+`/g) ?? [];
    expect(rows.length).toBeGreaterThan(10);
    const firsts = rows.map((r) => r.slice("`/ismap ".length));
    for (const row of firsts) expect(row, row).not.toMatch(/^[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
