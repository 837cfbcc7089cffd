import { describe, expect, it } from "vitest";
import { isUncertain } from "../../../../src/rules/citations.js";
import { askMessage } from "../../../../src/slack/views/messages/index.js";
import { engine, rules } from "../../../support/fixtures.js";
import {
  AS_OF,
  allText,
  ctxFor,
  expectCaveatsOnce,
  expectFooter,
  expectNoInjectedMention,
  expectValidMessage,
  LOCALES,
} from "../../../support/messages.js";

const QUESTIONS = {
  ja: "特別措置にまだ申し込めますか",
  en: "Can we still join the special measure?",
} as const;

describe.each(LOCALES)("askMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it("gives a confident answer with its topic, citation, confidence mark and at most two related topics", () => {
    const question = QUESTIONS[locale];
    const answer = engine.answerQuestion(question, locale, AS_OF);
    expect(answer.confident).toBe(true);
    const best = answer.matches[0];
    if (!best) throw new Error("no match");
    const message = askMessage(answer, question, ctx);
    expectValidMessage(message);
    expectFooter(message, locale);
    const text = allText(message);
    expect(text).toContain(t("msg.ask.question", { question }));
    expect(text).toContain(`*${best.topic[locale]}*`);
    expect(text).toContain(best.answer[locale]);
    expect(text).toContain("<https://digital.go.jp/policies/security/ismap-liu|");
    expect(text).toContain(t("confidence.mark", { mark: t(`confidence.${best.ref.confidence}`) }));
    expect(message.text).toContain(best.topic[locale]);
    const related = answer.matches.slice(1);
    if (related.length > 0) expect(text).toContain(t("msg.ask.related"));
    for (const m of related.slice(0, 2)) expect(text).toContain(m.topic[locale]);
    expect(text).not.toContain(t("msg.ask.notConfident"));
  });

  it("discloses an answer that rests on an uncertain fact", () => {
    const entry = rules.faq.entries.find((e) => isUncertain(e.confidence));
    if (!entry) throw new Error("no uncertain FAQ entry");
    const question = entry.phrasings[locale][0] ?? "";
    const answer = engine.answerQuestion(question, locale, AS_OF);
    expect(answer.confident).toBe(true);
    expect(answer.matches[0]?.id).toBe(entry.id);
    const message = askMessage(answer, question, ctx);
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(t("confidence.mark", { mark: t(`confidence.${entry.confidence}`) }));
    const note = entry.note ?? {
      ja: t(`confidence.hint.${entry.confidence}`),
      en: t(`confidence.hint.${entry.confidence}`),
    };
    // Listed behind the button, once; the answer counts it.
    expect(message.caveats?.map((c) => c.text[locale])).toContain(note[locale]);
    expectCaveatsOnce(message, message.caveats ?? [], ctx);
  });

  it("says honestly when it is not sure, with the closest topics and a hint", () => {
    const question = locale === "ja" ? "明日の天気はどうなる" : "what will the weather be tomorrow";
    const answer = engine.answerQuestion(question, locale, AS_OF);
    expect(answer.confident).toBe(false);
    const message = askMessage(answer, question, ctx);
    expectValidMessage(message);
    expectFooter(message, locale);
    const text = allText(message);
    expect(message.text).toBe(t("msg.ask.notConfident"));
    expect(text).toContain(t("msg.ask.notConfident"));
    expect(text).toContain(t("msg.ask.closest"));
    for (const topic of answer.closestTopics) expect(text).toContain(topic[locale]);
    expect(text).toContain("`/ismap help`");
  });

  it("echoes a 4000-character question escaped and shortened, never as a mention", () => {
    const question =
      `<!channel> <@U999EVIL> 特別措置の受付は終わりましたか? ${"とても長い質問です。".repeat(400)}`.slice(
        0,
        4000,
      );
    expect(question).toHaveLength(4000);
    const message = askMessage(engine.answerQuestion(question, locale, AS_OF), question, ctx);
    expectValidMessage(message);
    expectNoInjectedMention(message);
    const text = allText(message);
    // Escaped, with a word joiner after the @ so that nothing in it can become a mention.
    expect(text).toContain("&lt;!channel&gt; &lt;@\u2060U999EVIL&gt;");
    expect(text).toContain("…");
    expect(JSON.stringify(message).length).toBeLessThan(20_000);
  });

  it("handles an empty question", () => {
    const message = askMessage(engine.answerQuestion("", locale, AS_OF), "", ctx);
    expectValidMessage(message);
    expect(allText(message)).toContain(t("msg.ask.notConfident"));
  });
});
