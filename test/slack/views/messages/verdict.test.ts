import { describe, expect, it } from "vitest";
import { verdictMessage } from "../../../../src/slack/views/messages/index.js";
import { verdictDetailMessage } from "../../../../src/slack/views/messages/verdict.js";
import { escapeMrkdwn } from "../../../../src/slack/views/parts.js";
import { engine } from "../../../support/fixtures.js";
import {
  AS_OF,
  allText,
  ctxFor,
  expectCaveatsOnce,
  expectFooter,
  expectValidMessage,
  LOCALES,
  VERDICT_ANSWERS,
} from "../../../support/messages.js";

describe.each(LOCALES)("verdictMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it.each(Object.entries(VERDICT_ANSWERS))(
    "renders %s with its reasons, next steps and footer",
    (verdict, answers) => {
      const result = engine.assessEligibility(answers, AS_OF);
      expect(result.verdict).toBe(verdict);
      const message = verdictMessage(result, ctx, answers);
      expectValidMessage(message);
      expectFooter(message, locale);
      const text = allText(message);
      expect(message.text).toContain(t(`verdict.${result.verdict}`));
      expect(text).toContain(t(`verdict.${result.verdict}`));
      // One screen: the deciding rule and the next steps; every reason, source and caveat is behind the button.
      expect(text).toContain(result.reasons[0]?.text[locale]);
      for (const step of result.nextSteps) expect(text).toContain(step.text[locale]);
      expectCaveatsOnce(message, result.caveats, ctx);
      const details = allText(verdictDetailMessage(result, ctx));
      for (const reason of result.reasons) expect(details).toContain(reason.text[locale]);
      for (const caveat of result.caveats) {
        const shown = escapeMrkdwn(caveat.text[locale]);
        expect(details.split(shown).length - 1, shown).toBe(1);
      }
      // The deciding rule is cited right under the headline.
      expect(JSON.stringify(message.blocks[3])).toContain(
        t(`confidence.${result.reasons[0]?.confidence ?? "seed"}`),
      );
    },
  );

  it("cites sources as links with confidence marks", () => {
    const result = engine.assessEligibility(VERDICT_ANSWERS.liu_eligible ?? {}, AS_OF);
    const text = allText(verdictMessage(result, ctx));
    expect(text).toContain("<https://jtrustc.co.jp/knowledge/ismap-liu_230926|");
    expect(text).toContain(t("confidence.mark", { mark: t("confidence.stated") }));
  });

  it("labels the pre-screen as an estimate, never the official result", () => {
    const result = engine.assessEligibility(VERDICT_ANSWERS.liu_eligible ?? {}, AS_OF);
    const estimate = result.estimate;
    if (!estimate) throw new Error("expected an estimate");
    const text = allText(verdictMessage(result, ctx));
    expect(text).toContain(t("msg.verdict.estimateTitle"));
    expect(text).toContain(t(`msg.verdict.estimate.${estimate.suggests}`));
    const details = allText(verdictDetailMessage(result, ctx));
    expect(details).toContain(estimate.disclaimer[locale]);
    for (const signal of estimate.signals) expect(details).toContain(signal.text[locale]);
  });

  it('gives "not sure about the list" its own headline, naming both conditions, not the one of "not assessed yet"', () => {
    const unsure = verdictMessage(
      engine.assessEligibility(VERDICT_ANSWERS.liu_pending_target_list ?? {}, AS_OF),
      ctx,
    );
    const notYet = verdictMessage(
      engine.assessEligibility(VERDICT_ANSWERS.liu_pending_assessment ?? {}, AS_OF),
      ctx,
    );
    const headline = (m: ReturnType<typeof verdictMessage>) =>
      allText(m)
        .split("\n")
        .find((l) => l.includes("*"));
    expect(headline(unsure)).toContain(t("verdict.liu_pending_target_list"));
    expect(headline(unsure)).not.toEqual(headline(notYet));
    expect(headline(notYet)).toContain(t("verdict.liu_pending_assessment"));
    expect(t("verdict.liu_pending_target_list")).toMatch(
      locale === "ja" ? /対象業務一覧.*低位/ : /target list.*low/,
    );
  });

  it("says a class-3 service is outside ISMAP-LIU, not outside ISMAP", () => {
    const text = allText(
      verdictMessage(engine.assessEligibility(VERDICT_ANSWERS.outside_ismap ?? {}, AS_OF), ctx),
    );
    expect(text).toContain(t("verdict.outside_ismap"));
    expect(t("verdict.outside_ismap")).toContain("ISMAP-LIU");
  });

  it("shows no estimate when no pre-screen question was answered", () => {
    const result = engine.assessEligibility(VERDICT_ANSWERS.full_ismap_required ?? {}, AS_OF);
    expect(result.estimate).toBeUndefined();
    expect(allText(verdictMessage(result, ctx))).not.toContain(t("msg.verdict.estimateTitle"));
  });

  it("discloses the inferred class-3 rule as a caveat", () => {
    const result = engine.assessEligibility(VERDICT_ANSWERS.outside_ismap ?? {}, AS_OF);
    const message = verdictMessage(result, ctx, VERDICT_ANSWERS.outside_ismap);
    expect(allText(message)).toContain(t("confidence.mark", { mark: t("confidence.inferred") }));
    // The class-3 rule's own caveat is listed once behind the button; the next steps stand in the text with
    // their mark and are not repeated as caveats.
    expect(message.caveats?.map((c) => c.ruleId)).toContain("elig.class3-outside");
    expectCaveatsOnce(message, result.caveats, ctx);
    const details = allText(verdictDetailMessage(result, ctx));
    for (const step of result.nextSteps) expect(details.split(step.text[locale]).length - 1).toBe(1);
  });

  it("flags the conflicting April 2025 change after 2025-04-01 JST", () => {
    const result = engine.assessEligibility(VERDICT_ANSWERS.liu_eligible ?? {}, AS_OF);
    const text = allText(verdictMessage(result, ctx));
    expect(text).toContain(t("confidence.mark", { mark: t("confidence.conflicting") }));
  });

  it("says which rules version a saved verdict used when it differs", () => {
    const result = {
      ...engine.assessEligibility(VERDICT_ANSWERS.liu_eligible ?? {}, AS_OF),
      rulesVersion: "2025.01.01",
    };
    const message = verdictMessage(result, ctx);
    expectValidMessage(message);
    expect(allText(message)).toContain(t("msg.verdict.rulesChanged", { version: "2025.01.01" }));
  });
});
