import { describe, expect, it } from "vitest";
import {
  compactIds,
  compose,
  daysLeftText,
  MESSAGE_BLOCK_BUDGET,
  mergeCaveats,
  userText,
} from "../../../../src/slack/views/messages/common.js";
import { context, section } from "../../../../src/slack/views/parts.js";
import { ctxFor, LOCALES } from "../../../support/messages.js";

describe.each(LOCALES)("message helpers (%s)", (locale) => {
  const { t } = ctxFor(locale);

  it("says how far a due day is", () => {
    expect(daysLeftText(0, t)).toBe(t("msg.common.dueToday"));
    expect(daysLeftText(1, t)).toBe(t("date.daysLeft", { count: 1 }));
    expect(daysLeftText(-3, t)).toBe(t("msg.common.daysOverdue", { count: 3 }));
    expect(daysLeftText(-1, t)).toBe(locale === "ja" ? "1日超過" : "1 day overdue");
  });

  it("lists ids compactly and says how many more there are", () => {
    expect(compactIds(["5.1.1", "5.1.2"], t)).toBe("`5.1.1` `5.1.2`");
    const many = Array.from({ length: 70 }, (_, i) => `9.${i}.1`);
    expect(compactIds(many, t, 60)).toMatch(new RegExp(`${t("msg.common.more", { count: 10 })}$`));
  });

  it("cuts the body, never the tail, when a message would pass the block budget", () => {
    const body = Array.from({ length: 80 }, (_, i) => section(`body ${i}`));
    const tail = [context("caveats"), context("footer")];
    const message = compose("text", body, tail, t);
    expect(message.blocks).toHaveLength(MESSAGE_BLOCK_BUDGET);
    expect(message.blocks.slice(-2)).toEqual(tail);
    expect(JSON.stringify(message.blocks.at(-3))).toContain(t("msg.common.truncated"));
    expect(message.blocks[0]).toEqual(body[0]);
  });

  it("keeps a message within the budget as it is", () => {
    const body = [section("a")];
    expect(compose("x".repeat(50_000), body, [context("f")], t)).toEqual({
      text: `${"x".repeat(39_999)}…`,
      blocks: [section("a"), context("f")],
    });
  });
});

describe("userText and mergeCaveats", () => {
  it("cuts before escaping, so an entity is never cut in half", () => {
    expect(userText("<!channel>", 4)).toBe("&lt;!c…");
    expect(userText("a&b", 10)).toBe("a&amp;b");
  });

  it("merges caveats once per rule, first seen wins", () => {
    const a = { ruleId: "x", sources: ["seed"], confidence: "tbc" as const, text: { ja: "一", en: "one" } };
    const b = { ...a, text: { ja: "二", en: "two" } };
    const c = { ...a, ruleId: "y" };
    expect(mergeCaveats([a], undefined, [b, c])).toEqual([a, c]);
  });
});
