/**
 * The team-state intent matcher: which questions the assistant panel answers from the obligations timeline, and up
 * to which JST day, in Japanese and English; and which it leaves to the FAQ (every rules question of the FAQ's
 * held-apart and fresh question sets).
 */
import { describe, expect, it } from "vitest";
import { matchTeamIntent, rangeOf } from "../../../src/slack/assistant/team-intent.js";
import {
  GENUINE_EN,
  GENUINE_HARD_EN,
  GENUINE_HARD_JA,
  GENUINE_JA,
  OFF_DOMAIN_EN,
  OFF_DOMAIN_JA,
} from "../../rules/faq-fresh-questions.js";
import { HELD_OUT_EN, HELD_OUT_JA } from "../../rules/faq-held-out.js";

/** 26 Nov 2026, 10:00 JST. */
const NOV = new Date("2026-11-26T10:00:00+09:00");

describe("matchTeamIntent", () => {
  it.each([
    ["What do we owe this month?", "2026-11-30"],
    ["what do we owe this month", "2026-11-30"],
    ["Anything due for us next month?", "2026-12-31"],
    ["What's overdue or due for us this quarter?", "2026-12-31"],
    ["Which deadlines do we have in the next 45 days?", "2027-01-10"],
    ["What do we need to do this fiscal year?", "2027-03-31"],
    ["What is due by March?", "2027-03-31"],
    ["今月は何が期限ですか？", "2026-11-30"],
    ["今月期限の対応は何ですか？", "2026-11-30"],
    ["来月やるべきことは？", "2026-12-31"],
    ["当社が今年度中に提出するものは？", "2027-03-31"],
    ["60日以内の締め切りを教えて", "2027-01-25"],
    ["うちの期限を教えて", "2026-12-26"],
  ])("%s → due, through %s", (question, until) => {
    expect(matchTeamIntent(question, NOV)).toEqual({
      kind: "due",
      range: expect.objectContaining({ until }),
    });
  });

  it.each([
    ["Which objectives lapse before March?", "2027-02-28"],
    ["Which objectives lapse this quarter?", "2026-12-31"],
    ["Which of our controls expire in the next 90 days?", "2027-02-24"],
    ["Which objectives lapse by June?", "2027-06-30"],
    ["3月より前にカバーが切れる統制目標は？", "2027-02-28"],
    ["3月までに切れる統制目標は？", "2027-03-31"],
    ["今四半期にカバーが切れる統制目標は？", "2026-12-31"],
    ["うちの管理策で期限切れになりそうなものは？", "2027-02-24"],
  ])("%s → lapse, through %s", (question, until) => {
    expect(matchTeamIntent(question, NOV)).toEqual({
      kind: "lapse",
      range: expect.objectContaining({ until }),
    });
  });

  it.each([
    "When does our registration expire?",
    "How long is our listing valid?",
    "うちの登録の有効期限はいつ？",
    "当社の登録はいつまで有効ですか",
    "弊社の登録が失効するのはいつ？",
  ])("%s → registration", (question) => {
    expect(matchTeamIntent(question, NOV)).toEqual({ kind: "registration" });
  });

  it.each([
    "When is our next audit?",
    "when is our next external audit",
    "When do we get audited?",
    "次の監査はいつですか？",
    "次回の外部監査はいつ？",
    "うちの監査はいつ？",
  ])("%s → next audit", (question) => {
    expect(matchTeamIntent(question, NOV)).toEqual({ kind: "next_audit" });
  });

  it.each([
    "When is the audit report due?",
    "Are we eligible for ISMAP-LIU?",
    "What happened to the special measure?",
    "What do we have to do to get listed on ISMAP-LIU?",
    "Do we have to store data in Japan?",
    "When is our ISMS surveillance audit?",
    "ISMAP-LIUの登録はいつ切れますか",
    "内部監査はいつまでに実施が必要ですか",
    "監査報告書の提出期限は？",
    "当社はISMAP-LIUの対象になりますか？",
    "",
    "   ",
  ])("%s → not a team-state question (the FAQ answers)", (question) => {
    expect(matchTeamIntent(question, NOV)).toBeUndefined();
  });

  it("leaves every question of the FAQ's held-apart and fresh question sets to the FAQ", () => {
    const questions = [
      ...HELD_OUT_JA,
      ...HELD_OUT_EN,
      ...GENUINE_JA,
      ...GENUINE_EN,
      ...GENUINE_HARD_JA,
      ...GENUINE_HARD_EN,
    ].map(([q]) => q);
    questions.push(...OFF_DOMAIN_JA, ...OFF_DOMAIN_EN);
    const taken = questions.filter((q) => matchTeamIntent(q, NOV) !== undefined);
    expect(taken).toEqual([]);
    expect(questions.length).toBeGreaterThan(100);
  });

  it("reads full-width and mixed-case text (NFKC)", () => {
    expect(matchTeamIntent("ＷＨＡＴ ＤＯ ＷＥ ＯＷＥ ＴＨＩＳ ＭＯＮＴＨ？", NOV)).toMatchObject({
      kind: "due",
    });
    expect(matchTeamIntent("３月より前に切れる統制目標は", NOV)).toMatchObject({
      kind: "lapse",
      range: { until: "2027-02-28" },
    });
  });
});

describe("rangeOf (the span of a question, by the JST day)", () => {
  it("'this month' is the JST month: 30 Nov 23:30 UTC is already 1 Dec in Tokyo", () => {
    expect(rangeOf("this month", "2026-12-01")).toEqual({ kind: "month", until: "2026-12-31" });
  });

  it("'before March' ends on the last day of February, in a leap year the 29th", () => {
    expect(rangeOf("before march", "2027-11-26")).toMatchObject({
      kind: "before_month",
      until: "2028-02-29",
    });
    expect(rangeOf("3月より前", "2027-11-26")).toMatchObject({ until: "2028-02-29" });
  });

  it("a month already passed this year means next year's; the current month counts for 'by', not for 'before'", () => {
    expect(rangeOf("by march", "2026-03-10")).toMatchObject({ until: "2026-03-31" });
    expect(rangeOf("before march", "2026-03-10")).toMatchObject({ until: "2027-02-28" });
    expect(rangeOf("by february", "2026-03-10")).toMatchObject({ until: "2027-02-28" });
    expect(rangeOf("3月まで", "2026-03-10")).toMatchObject({ until: "2026-03-31" });
  });

  it("quarters and fiscal years follow the calendar and Japan's April–March year", () => {
    expect(rangeOf("this quarter", "2026-02-01")).toMatchObject({ until: "2026-03-31" });
    expect(rangeOf("今四半期", "2026-04-01")).toMatchObject({ until: "2026-06-30" });
    expect(rangeOf("this fiscal year", "2026-02-01")).toMatchObject({ until: "2026-03-31" });
    expect(rangeOf("今年度", "2026-04-01")).toMatchObject({ until: "2027-03-31" });
  });

  it("caps an absurd number of days at three years", () => {
    expect(rangeOf("in the next 99999 days", "2026-11-26")).toMatchObject({ kind: "days", days: 1098 });
    expect(rangeOf("9999日以内", "2026-11-26")).toMatchObject({ days: 1098 });
  });

  it("weeks count as seven days", () => {
    expect(rangeOf("within 2 weeks", "2026-11-26")).toMatchObject({ days: 14, until: "2026-12-10" });
    expect(rangeOf("2週間以内", "2026-11-26")).toMatchObject({ days: 14 });
  });

  it("no span named: undefined", () => {
    expect(rangeOf("what do we owe", "2026-11-26")).toBeUndefined();
    expect(rangeOf("期限を教えて", "2026-11-26")).toBeUndefined();
  });
});
