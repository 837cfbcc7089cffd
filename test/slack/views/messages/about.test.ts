import { describe, expect, it } from "vitest";
import { aboutMessage } from "../../../../src/slack/views/messages/index.js";
import { rules } from "../../../support/fixtures.js";
import { allText, ctxFor, expectFooter, expectValidMessage, LOCALES } from "../../../support/messages.js";

describe.each(LOCALES)("aboutMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;
  const message = aboutMessage(ctx);
  const text = allText(message);

  it("is valid and ends with the footer", () => {
    expectValidMessage(message);
    expectFooter(message, locale);
  });

  it("shows the rules version and the day they were updated, in JST", () => {
    expect(text).toContain(rules.meta.version);
    expect(text).toContain(locale === "ja" ? "2026年12月3日" : "3 Dec 2026");
  });

  it("shows each source's title in the reader's language, and why a source has no URL", () => {
    for (const source of rules.sources.sources) expect(text).toContain(source.title[locale].slice(0, 15));
    const other = locale === "ja" ? "en" : "ja";
    const seed = rules.sources.sources.find((s) => s.id === "seed");
    expect(text).not.toContain(seed?.title[other]);
    for (const source of rules.sources.sources.filter((s) => !s.url)) {
      expect(source.noUrlReason).toBeDefined();
      expect(text).toContain(source.noUrlReason?.[locale]);
    }
  });

  it("lists every source with its link, publisher and the day it was seen", () => {
    for (const source of rules.sources.sources) {
      if (source.url) expect(text).toContain(`<${source.url}|`);
      expect(text).toContain(source.publisher.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    }
    expect(text).toContain(t("msg.about.sourcesTitle"));
  });

  it("explains every confidence mark", () => {
    for (const c of ["seed", "stated", "inferred", "tbc", "conflicting"] as const) {
      expect(text).toContain(t(`confidence.hint.${c}`));
      expect(text).toContain(t("confidence.mark", { mark: t(`confidence.${c}`) }));
    }
  });

  it("says the official documents prevail", () => {
    expect(text).toContain(t("msg.about.disclaimerTitle"));
    expect(text).toContain(rules.meta.disclaimer[locale]);
  });
});
