import { describe, expect, it } from "vitest";
import { caveatListMessage } from "../../../../src/slack/views/messages/caveats.js";
import type { SlackMessage } from "../../../../src/slack/views/messages/index.js";
import { specialMessage } from "../../../../src/slack/views/messages/index.js";
import { engine, profileOf, rules } from "../../../support/fixtures.js";
import {
  AS_OF,
  allText,
  ctxFor,
  expectCaveatsOnce,
  expectFooter,
  expectValidMessage,
  LOCALES,
  largestProfile,
} from "../../../support/messages.js";

const listed = profileOf({
  specialMeasure: {
    listed: true,
    listedOn: "2024-05-01",
    preApplicationSubmittedOn: "2025-03-15",
    reliefsUsed: ["relief.external-audit-design"],
  },
});
const notListed = profileOf();
const at = (iso: string) => new Date(iso);

/** What the answer and its button show together: the message, then the details and caveats behind it. */
function withButton(message: SlackMessage, ctx: ReturnType<typeof ctxFor>): string {
  return `${allText(message)}\n${allText(caveatListMessage(message.caveats ?? [], ctx, [], message.details ?? []))}`;
}

describe.each(LOCALES)("specialMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;
  const date = (ja: string, en: string) => (locale === "ja" ? ja : en);

  it("says acceptance has been closed since 1 April 2025 for a day after it", () => {
    const status = engine.specialMeasureStatus(notListed, AS_OF);
    expect(status.acceptance).toBe("closed");
    const message = specialMessage(status, ctx);
    expectValidMessage(message);
    expectFooter(message, locale);
    const text = allText(message);
    expect(text).toContain(t("specialMeasure.acceptance.closed"));
    expect(text).toContain(t("msg.special.closedSince", { date: date("2025年4月1日", "1 Apr 2025") }));
    expect(message.text).toContain(date("2025年4月1日", "1 Apr 2025"));
    expect(text).toContain(rules.specialMeasure.name[locale]);
  });

  it("is closed from the first instant of 1 April 2025 JST", () => {
    const status = engine.specialMeasureStatus(notListed, at("2025-04-01T00:00:00+09:00"));
    const text = allText(specialMessage(status, ctxFor(locale, at("2025-04-01T00:00:00+09:00"))));
    expect(text).toContain(t("msg.special.closedSince", { date: date("2025年4月1日", "1 Apr 2025") }));
  });

  it("counts the last day while still accepting, with the deadline as a JST day", () => {
    const asOf = at("2025-03-31T23:59:59+09:00");
    const status = engine.specialMeasureStatus(notListed, asOf);
    expect(status.acceptance).toBe("accepting");
    const message = specialMessage(status, ctxFor(locale, asOf));
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(t("msg.special.accepting", { date: date("2025年3月31日", "31 Mar 2025") }));
    expect(text).toContain(t("date.daysLeft", { count: 1 }));
    expect(text).not.toContain(t("specialMeasure.acceptance.closed"));
    // While accepting, the steps to the list are part of the facts, behind the button.
    const behind = withButton(message, ctxFor(locale, asOf));
    for (const step of rules.specialMeasure.steps) expect(behind).toContain(step.text[locale]);
  });

  it("says when the measure starts before it is in force", () => {
    const asOf = at("2023-05-01T12:00:00+09:00");
    const status = engine.specialMeasureStatus(notListed, asOf);
    const text = allText(specialMessage(status, ctxFor(locale, asOf)));
    expect(text).toContain(t("msg.special.notYet", { date: date("2023年5月19日", "19 May 2023") }));
  });

  it("shows the deadline and the end of the operating period (seed), and what stays unconfirmed after it", () => {
    // The background facts are behind the button (message.details), with the caveats.
    const text = withButton(specialMessage(engine.specialMeasureStatus(notListed, AS_OF), ctx), ctx);
    const lastDay = t("msg.special.deadlineValue", { date: date("2025年3月31日", "31 Mar 2025") });
    expect(text).toContain(lastDay);
    expect(text).toContain(`${lastDay} ${t("confidence.mark", { mark: t("confidence.seed") })}`);
    expect(text).not.toContain(t("msg.special.unpublished"));
    for (const fact of [rules.specialMeasure.afterPeriod.reliefs, rules.specialMeasure.afterPeriod.list])
      expect(text).toContain(fact.text[locale].slice(0, 30));
  });

  it("shows the team's standing: listed, pre-application and each relief (unknown after the period)", () => {
    const status = engine.specialMeasureStatus(listed, AS_OF);
    const message = specialMessage(status, ctx);
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(t("msg.special.listedOn", { date: date("2024年5月1日", "1 May 2024") }));
    expect(text).toContain(t("msg.special.preApplication", { date: date("2025年3月15日", "15 Mar 2025") }));
    expect(text).toContain(t("msg.special.preApplicationBefore"));
    expect(text).toContain(`*${t("specialMeasure.relief.used")}*`);
    expect(text).toContain(`*${t("specialMeasure.relief.unknown")}*`);
    for (const relief of rules.specialMeasure.reliefs) expect(text).toContain(relief.text[locale]);
    const during = allText(
      specialMessage(engine.specialMeasureStatus(listed, at("2025-03-31T12:00:00+09:00")), ctx),
    );
    expect(during).toContain(`*${t("specialMeasure.relief.available")}*`);
  });

  it("marks reliefs not applicable for a service that is not listed", () => {
    const text = allText(specialMessage(engine.specialMeasureStatus(notListed, AS_OF), ctx));
    expect(text).toContain(t("msg.special.notListed"));
    expect(text).toContain(`*${t("msg.special.reliefNotApplicable")}*`);
    expect(text).toContain(t("msg.special.preApplicationNone"));
  });

  it("lists the benefits and facts with source links, and the to-be-confirmed ones as caveats", () => {
    const status = engine.specialMeasureStatus(listed, AS_OF);
    const message = specialMessage(status, ctx);
    const text = allText(message);
    for (const item of status.benefits) expect(text).toContain(item.text[locale]);
    // The facts are behind the button, not on the first screen.
    for (const item of status.facts) expect(text).not.toContain(item.text[locale]);
    const behind = allText(caveatListMessage([], ctx, [], message.details ?? []));
    for (const item of status.facts) expect(behind).toContain(item.text[locale]);
    expect(behind).toContain("<https://kpmg.com/jp/ja/home/insights/2023/10/ismap-liu-tokubetsu.html|");
    expect(text).toContain("<https://digital.go.jp/policies/security/ismap-liu|");

    expect(status.caveats.length).toBeGreaterThan(0);
    // Each to-be-confirmed point once: in the text where it stands, else behind the button.
    expectCaveatsOnce(message, status.caveats, ctx);
  });

  it("stays valid for the largest profile", () => {
    expectValidMessage(specialMessage(engine.specialMeasureStatus(largestProfile(), AS_OF), ctx));
  });
});
