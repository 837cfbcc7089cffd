import { describe, expect, it } from "vitest";
import en from "../../locales/en.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };
import {
  createTranslator,
  formatDate,
  formatDateTime,
  localeFromSlack,
  messageKeys,
  pickLocale,
  placeholdersOf,
} from "../../src/i18n/translator.js";

describe("createTranslator", () => {
  it("looks up nested keys in the requested locale", () => {
    expect(createTranslator("ja")("verdict.liu_eligible")).toBe(ja.verdict.liu_eligible);
    expect(createTranslator("en")("confidence.seed")).toBe("Official page");
    expect(createTranslator("ja")("confidence.seed")).toBe("公式ページ");
    expect(createTranslator("en")("confidence.conflicting")).toBe("Sources conflict");
  });

  it("fills placeholders, numbers included", () => {
    const t = createTranslator("en");
    expect(t("errors.missingAnswer", { question: "Service model" })).toBe("Please answer: Service model");
    expect(t("audit.objectivesCovered", { covered: 3, total: 121 })).toBe(
      "3 of 121 control objectives covered",
    );
    expect(createTranslator("ja")("common.step", { current: 2, total: 4 })).toBe("ステップ 2/4");
  });

  it("fills every placeholder of every message of both locales with its value", () => {
    const flat = (value: unknown, prefix = ""): [string, string][] =>
      typeof value === "string"
        ? [[prefix, value]]
        : Object.entries(value as object).flatMap(([k, v]) => flat(v, prefix ? `${prefix}.${k}` : k));
    for (const [locale, messages] of [
      ["ja", ja],
      ["en", en],
    ] as const) {
      const t = createTranslator(locale);
      for (const [key, message] of flat(messages)) {
        if (key.endsWith("_one")) continue;
        const params = Object.fromEntries(placeholdersOf(message).map((name) => [name, `«${name}»`]));
        expect(t(key as never, params), `${locale} ${key}`).toBe(
          message.replace(/\{(\w+)\}/g, (_, name: string) => `«${name}»`),
        );
      }
    }
  });

  it("does not re-expand a value that looks like a placeholder", () => {
    const t = createTranslator("en");
    expect(t("errors.missingAnswer", { question: "{question}" })).toBe("Please answer: {question}");
  });

  it("uses the singular form when count is 1", () => {
    const t = createTranslator("en");
    expect(t("date.daysLeft", { count: 1 })).toBe("1 day left");
    expect(t("date.daysLeft", { count: 2 })).toBe("2 days left");
    expect(t("date.daysLeft", { count: 0 })).toBe("0 days left");
    expect(createTranslator("ja")("date.daysLeft", { count: 1 })).toBe("残り1日");
  });

  it("throws on a missing placeholder value when strict (the default under test)", () => {
    expect(() => createTranslator("en")("errors.missingAnswer")).toThrow(/\{question\}/);
    expect(() => createTranslator("ja", { strict: true })("errors.missingAnswer", { other: "x" })).toThrow(
      /errors\.missingAnswer/,
    );
  });

  it("renders a missing placeholder visibly when not strict", () => {
    expect(createTranslator("en", { strict: false })("errors.missingAnswer")).toBe(
      "Please answer: {question}",
    );
  });

  it("treats an unknown key (from an untyped caller) as an error when strict, as the key otherwise", () => {
    const unknown = "verdict.no_such_verdict" as never;
    expect(() => createTranslator("en")(unknown)).toThrow(/unknown message key/);
    expect(createTranslator("en", { strict: false })(unknown)).toBe("verdict.no_such_verdict");
  });

  it("has() narrows keys built from status values", () => {
    const t = createTranslator("en");
    const status: string = "due_soon";
    const key = `audit.due.${status}`;
    expect(t.has(key) ? t(key) : "?").toBe("Due soon");
    expect(t.has("audit.due.nope")).toBe(false);
  });

  it("template keys over a status union are type-checked", () => {
    const t = createTranslator("ja");
    const parts = ["governance", "management", "controls"] as const;
    expect(parts.map((p) => t(`criteria.${p}`))).toEqual([
      "ガバナンス基準",
      "マネジメント基準",
      "管理策基準",
    ]);
  });

  it("exposes its locale and locale-bound helpers", () => {
    const t = createTranslator("en");
    expect(t.locale).toBe("en");
    expect(t.pick({ ja: "はい", en: "Yes" })).toBe("Yes");
    expect(t.date("2025-04-01")).toBe("1 Apr 2025");
    expect(t.dateTime(new Date("2025-04-01T00:30:00Z"))).toBe("1 Apr 2025, 09:30 JST");
  });
});

describe("fallback to Japanese", () => {
  it("a key missing from en.json falls back to ja", async () => {
    // The locale files have the same keys (locales.test.ts), so simulate a missing en key through a fresh module
    // whose en.json lacks one.
    const { vi } = await import("vitest");
    vi.resetModules();
    vi.doMock("../../locales/en.json", () => ({ default: { common: { yes: "Yes" } } }));
    const fresh = await import("../../src/i18n/translator.js");
    const t = fresh.createTranslator("en");
    expect(t("common.yes")).toBe("Yes");
    expect(t("common.no")).toBe("いいえ");
    expect(t("errors.missingAnswer", { question: "Q" })).toBe("次の質問に回答してください: Q");
    vi.doUnmock("../../locales/en.json");
    vi.resetModules();
  });

  it("pickLocale falls back to ja when the en text is empty", () => {
    expect(pickLocale({ ja: "機密性2", en: "Confidentiality 2" }, "en")).toBe("Confidentiality 2");
    expect(pickLocale({ ja: "機密性2", en: "Confidentiality 2" }, "ja")).toBe("機密性2");
    expect(pickLocale({ ja: "機密性2", en: "" }, "en")).toBe("機密性2");
  });
});

describe("formatDate / formatDateTime (JST)", () => {
  it("shows a calendar day in both locales", () => {
    expect(formatDate("2025-04-01", "ja")).toBe("2025年4月1日");
    expect(formatDate("2025-04-01", "en")).toBe("1 Apr 2025");
  });

  it("the first instant of 1 April in Japan is 1 April, whatever the UTC date", () => {
    const at = new Date("2025-03-31T15:00:00Z");
    expect(formatDate(at, "ja")).toBe("2025年4月1日");
    expect(formatDate(at, "en")).toBe("1 Apr 2025");
    expect(formatDateTime(at, "ja")).toBe("2025年4月1日 0:00 JST");
    expect(formatDateTime(at, "en")).toBe("1 Apr 2025, 00:00 JST");
  });

  it("one second earlier is still 31 March in Japan", () => {
    const at = new Date("2025-03-31T14:59:59Z");
    expect(formatDate(at, "ja")).toBe("2025年3月31日");
    expect(formatDate(at, "ja", "short")).toBe("3月31日");
    expect(formatDate(at, "en")).toBe("31 Mar 2025");
    expect(formatDateTime(at, "en")).toBe("31 Mar 2025, 23:59 JST");
  });

  it("a YYYY-MM-DD day is that JST day, at midnight for the instant style", () => {
    expect(formatDateTime("2025-03-31", "ja")).toBe("2025年3月31日 0:00 JST");
    expect(formatDate("2024-02-29", "en")).toBe("29 Feb 2024");
  });

  it("the year boundary follows JST", () => {
    expect(formatDate(new Date("2024-12-31T15:00:00Z"), "en")).toBe("1 Jan 2025");
    expect(formatDate(new Date("2024-12-31T14:59:59.999Z"), "ja")).toBe("2024年12月31日");
  });

  it("has short, month and weekday styles", () => {
    expect(formatDate("2025-04-01", "en", "short")).toBe("1 Apr");
    expect(formatDate("2025-04-01", "ja", "month")).toBe("2025年4月");
    expect(formatDate("2025-04-01", "en", "month")).toBe("Apr 2025");
    expect(formatDate("2025-04-01", "ja", "weekday")).toBe("2025年4月1日(火)");
    expect(formatDate("2025-04-01", "en", "weekday")).toBe("Tue 1 Apr 2025");
  });

  it("does not depend on the process time zone", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "America/Los_Angeles";
      expect(formatDate(new Date("2025-03-31T15:00:00Z"), "en")).toBe("1 Apr 2025");
      process.env.TZ = "Pacific/Kiritimati";
      expect(formatDate(new Date("2025-03-31T14:59:59Z"), "en")).toBe("31 Mar 2025");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("instants asked one after another each show their own minute and day (formatted texts are shared per minute and day)", () => {
    const instants = [
      ["2025-03-31T14:58:59.999Z", "31 Mar 2025, 23:58 JST", "31 Mar 2025"],
      ["2025-03-31T14:59:00.000Z", "31 Mar 2025, 23:59 JST", "31 Mar 2025"],
      ["2025-03-31T14:59:59.999Z", "31 Mar 2025, 23:59 JST", "31 Mar 2025"],
      ["2025-03-31T15:00:00.000Z", "1 Apr 2025, 00:00 JST", "1 Apr 2025"],
      ["2025-03-31T14:59:30.000Z", "31 Mar 2025, 23:59 JST", "31 Mar 2025"],
      // Japan kept summer time (UTC+10) from 1948 to 1951.
      ["1948-05-02T14:30:00.000Z", "3 May 1948, 00:30 JST", "3 May 1948"],
      ["1948-05-02T15:30:00.000Z", "3 May 1948, 01:30 JST", "3 May 1948"],
    ] as const;
    for (const [iso, instant, day] of instants) {
      expect(formatDateTime(new Date(iso), "en"), iso).toBe(instant);
      expect(formatDate(new Date(iso), "en"), iso).toBe(day);
    }
  });

  it("refuses impossible dates", () => {
    expect(() => formatDate("2025-02-30", "ja")).toThrow(RangeError);
    expect(() => formatDate("2025/04/01", "ja")).toThrow(RangeError);
    expect(() => formatDate(new Date(Number.NaN), "en")).toThrow(RangeError);
  });
});

describe("helpers", () => {
  it("placeholdersOf lists each placeholder once", () => {
    expect(placeholdersOf("{a} and {b} and {a}")).toEqual(["a", "b"]);
    expect(placeholdersOf("none")).toEqual([]);
  });

  it("messageKeys lists dotted keys", () => {
    expect(messageKeys("ja")).toContain("verdict.liu_eligible");
    expect(messageKeys("en")).toContain("specialMeasure.acceptance.closed");
  });

  it("localeFromSlack maps Slack locales, defaulting to Japanese", () => {
    expect(localeFromSlack("en-US")).toBe("en");
    expect(localeFromSlack("en-GB")).toBe("en");
    expect(localeFromSlack("ja-JP")).toBe("ja");
    expect(localeFromSlack("fr-FR")).toBe("ja");
    expect(localeFromSlack(undefined)).toBe("ja");
  });
});
