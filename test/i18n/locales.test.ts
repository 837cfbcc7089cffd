import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

type Messages = { [key: string]: string | Messages };

function load(locale: "ja" | "en"): Messages {
  return JSON.parse(
    readFileSync(new URL(`../../locales/${locale}.json`, import.meta.url), "utf8"),
  ) as Messages;
}

/** Every dotted key with its string, failing on anything that is neither a string nor an object. */
function leaves(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(messages)) {
    if (typeof v === "string") out.set(`${prefix}${k}`, v);
    else if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
    } else throw new Error(`${prefix}${k} is neither a message nor a group`);
  }
  return out;
}

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const ja = leaves(load("ja"));
const en = leaves(load("en"));

describe("locales", () => {
  it("ja.json and en.json have exactly the same keys", () => {
    expect([...en.keys()].sort()).toEqual([...ja.keys()].sort());
  });

  it("every key has the same placeholders in both languages", () => {
    for (const [key, message] of ja) {
      expect({ key, placeholders: placeholders(en.get(key) ?? "") }).toEqual({
        key,
        placeholders: placeholders(message),
      });
    }
  });

  it("has no empty or blank strings", () => {
    for (const [locale, messages] of [
      ["ja", ja],
      ["en", en],
    ] as const) {
      for (const [key, message] of messages)
        expect({ locale, key, blank: message.trim() === "" }).toEqual({ locale, key, blank: false });
    }
  });

  it("uses only well-formed {name} placeholders (no stray braces)", () => {
    for (const messages of [ja, en]) {
      for (const [key, message] of messages) {
        expect({ key, rest: message.replace(/\{\w+\}/g, "").replace(/[^{}]/g, "") }).toEqual({
          key,
          rest: "",
        });
      }
    }
  });

  it("a singular form (key_one) exists only beside its plural key and uses {count}", () => {
    for (const [key, message] of ja) {
      if (!key.endsWith("_one")) continue;
      const base = key.slice(0, -"_one".length);
      expect(ja.has(base)).toBe(true);
      expect(placeholders(message)).toContain("count");
    }
  });

  it("labels every verdict, confidence mark, criteria part and status the rules module produces", () => {
    const required = [
      ...[
        "liu_eligible",
        "liu_pending_assessment",
        "full_ismap_required",
        "no_listing_required",
        "outside_ismap",
      ].map((v) => `verdict.${v}`),
      ...["seed", "stated", "inferred", "tbc", "conflicting"].map((c) => `confidence.${c}`),
      ...["governance", "management", "controls"].map((p) => `criteria.${p}`),
      ...["covered", "expiring", "lapsed", "never"].map((s) => `audit.coverage.${s}`),
      ...["ok", "due_soon", "overdue"].map((s) => `audit.due.${s}`),
      ...["not_yet_in_force", "accepting", "closed"].map((s) => `specialMeasure.acceptance.${s}`),
      "errors.internal",
      "errors.missingAnswer",
    ];
    for (const key of required) expect(ja.has(key), key).toBe(true);
  });

  it("the English file is translated: no Japanese message is copied into it unchanged", () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    expect(ja.get("verdict.liu_eligible")).toMatch(japanese);
    const copied = [...ja].filter(([key, message]) => japanese.test(message) && en.get(key) === message);
    expect(copied.map(([key]) => key)).toEqual([]);
  });
});
