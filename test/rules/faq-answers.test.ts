/**
 * The answers a person gets from `/ismap ask` for the corrections of the review of 2026-12-03 (issue 11), through the
 * rules engine as the app calls it, at a given instant.
 */
import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/i18n/locale.js";
import { ServiceProfile } from "../../src/rules/service-profile.js";
import { engine } from "../support/fixtures.js";

const TODAY = new Date("2026-12-03T10:00:00+09:00");
const LAST_MINUTE = new Date("2025-03-31T23:59:00+09:00");
const CLOSED = new Date("2025-04-01T00:00:00+09:00");

function ask(question: string, locale: Locale, asOf: Date = TODAY) {
  const result = engine.answerQuestion(question, locale, asOf);
  const best = result.matches[0];
  expect(result.confident, question).toBe(true);
  if (!best) throw new Error(`no answer to ${question}`);
  return {
    id: best.id,
    text: best.answer[locale],
    confidence: best.ref.confidence,
    sources: best.ref.sources,
  };
}

describe("the special measure, computed at asOf", () => {
  const profile = ServiceProfile.parse({ schemaVersion: 1 });

  it("at 2025-03-31 23:59 JST the FAQ and specialMeasureStatus both say acceptance is open until 31 March", () => {
    expect(engine.specialMeasureStatus(profile, LAST_MINUTE).acceptance).toBe("accepting");
    const ja = ask("特別措置の申請はまだできますか", "ja", LAST_MINUTE);
    expect(ja.id).toBe("faq.special-measure-status");
    expect(ja.text).toContain("受付中");
    expect(ja.text).toContain("2025年3月31日");
    expect(ja.text).not.toContain("終了");
    const en = ask("Is the special measure still open?", "en", LAST_MINUTE);
    expect(en.text).toContain("accepting services until 31 Mar 2025");
  });

  it("at 2025-04-01 00:00 JST both say closed", () => {
    expect(engine.specialMeasureStatus(profile, CLOSED).acceptance).toBe("closed");
    const ja = ask("特別措置の申請はまだできますか", "ja", CLOSED);
    expect(ja.text).toContain("受付は終了しています");
    expect(ja.text).not.toContain("受付中");
    expect(ask("Is the special measure still open?", "en", CLOSED).text).toContain("has ended");
  });

  it("says the operating period ran to the end of March 2025, and exactly what stays unconfirmed", () => {
    const ja = ask("特別措置の期間はいつまで", "ja");
    expect(ja.id).toBe("faq.special-measure-period-end");
    expect(ja.text).toContain("2025年3月31日");
    expect(ja.text).toContain("終わりました");
    expect(ja.text).toContain("特別措置サービスリストがどうなったか");
    expect(ja.text).toContain("軽減措置を今も使えるか");
    expect(ja.text).toContain("要確認");
    expect(ja.confidence).toBe("tbc");
    expect(ja.sources).toContain("seed");
    const en = ask("What happens to the special measure list afterwards?", "en");
    expect(en.text).toContain("ended on 31 Mar 2025");
    expect(en.text).toMatch(/once-only reliefs/);
  });

  it("says the benefits can be granted, not that they are", () => {
    const ja = ask("特別措置のメリットは何でしたか", "ja");
    expect(ja.text).toContain("免除を受けられます");
    expect(ja.text).not.toContain("免除されます");
  });
});

describe("audits", () => {
  it.each([
    ["Do we need an external audit every year?", "en", /^Yes, every year/],
    ["外部監査は毎年必要ですか", "ja", /^はい、毎年必要です/],
  ] as const)(
    "answers %s with yes for governance and management, subset over years for controls",
    (q, locale, yes) => {
      const answer = ask(q, locale);
      expect(answer.id).toBe("faq.yearly-audits");
      expect(answer.text).toMatch(yes);
      expect(answer.text).toMatch(
        locale === "ja" ? /ガバナンス基準とマネジメント基準/ : /governance and management/,
      );
      expect(answer.text).toMatch(locale === "ja" ? /複数年/ : /several years/);
    },
  );

  it("no longer says full ISMAP audits every control every year", () => {
    const en = ask("How does ISMAP-LIU differ from full ISMAP?", "en");
    expect(en.id).toBe("faq.audit-scope-vs-ismap");
    expect(en.text).toContain("multi-year external audit cycles");
    expect(en.sources).toEqual(expect.arrayContaining(["kpmg-2024", "ismap-kb0011399"]));
  });

  it("no longer says LIU services adopt 100 to 200 controls: the statement covers all three parts", () => {
    const ja = ask("LIUでは詳細管理策をいくつ採用する", "ja");
    expect(ja.id).toBe("faq.number-of-controls");
    expect(ja.text).toContain("すべてについて言明します");
    expect(ja.text).toContain("見積もって");
    const en = ask("How many detailed controls do LIU services adopt?", "en");
    expect(en.text).not.toMatch(/typically adopt/);
    expect(en.text).toContain("all three parts");
  });

  it("names physical security in the controls subset and the detailed-controls caveat", () => {
    const ja = ask("LIUで外部監査される重要な管理策はどれ", "ja");
    expect(ja.id).toBe("faq.external-audit-cycle");
    expect(ja.text).toContain("物理的セキュリティ");
    expect(ja.text).toContain("詳細管理策の単位");
  });
});

describe("the questions compliance leads ask", () => {
  it("inheriting controls from an ISMAP-listed IaaS cites criteria 2.2.2 and 2.2.4, and says LIU is inferred", () => {
    const ja = ask("ISMAP登録済みのクラウド基盤の管理策を引き継げる？", "ja");
    expect(ja.id).toBe("faq.inherit-controls");
    expect(ja.text).toContain("2.2.2");
    expect(ja.text).toContain("2.2.4");
    expect(ja.text).toContain("推測");
    expect(ja.confidence).toBe("inferred");
  });

  it("data stored in Japan cites Common Standards 4.2.1(2)(b)(ii) and leaves it to the procuring agency", () => {
    const en = ask("Does ISMAP require data centres in Japan?", "en");
    expect(en.id).toBe("faq.data-location");
    expect(en.text).toContain("4.2.1(2)(b)(ii)");
    expect(en.text).toContain("inferred");
  });

  it("ISO/IEC 27001 or SOC 2 do not replace the audits; the ISMS multi-year option is for ISMAP renewals", () => {
    const ja = ask("ISMS認証があればISMAPの監査は省略できる？", "ja");
    expect(ja.id).toBe("faq.iso-soc2");
    expect(ja.text).toContain("代わりになるという規定は確認できていません");
    expect(ja.text).toContain("更新申請");
    expect(ja.confidence).toBe("tbc");
  });

  it("what is published about a listed service cites criteria 2.2", () => {
    const en = ask("What is disclosed when a service is on the ISMAP list?", "en");
    expect(en.id).toBe("faq.published-info");
    expect(en.text).toContain("2.2");
    expect(en.text).toContain("assessment period");
  });

  it("cost and timeline: no official figure, and the consultant's estimate is labelled as one", () => {
    const ja = ask("ISMAP-LIUの登録にはどのくらいの期間がかかる", "ja");
    expect(ja.id).toBe("faq.fees");
    expect(ja.text).toContain("公式の目安はなく");
    expect(ja.text).toContain("コンサルタントの見積もり");
    expect(ja.text).toContain("推計");
    const en = ask("How much does registration cost?", "en");
    expect(en.text).toContain("no official figure");
    expect(en.text).toContain("estimate");
  });

  it("LIU validity and renewal stay marked as unconfirmed for LIU", () => {
    const en = ask("How long is the registration valid?", "en");
    expect(en.id).toBe("faq.validity-renewal");
    expect(en.confidence).toBe("tbc");
  });

  it("names the National Cybersecurity Office (formerly NISC)", () => {
    const ja = ask("ISMAPの運営主体は", "ja");
    expect(ja.text).toContain("国家サイバー統括室");
    expect(ja.text).toContain("NISC");
  });

  it("class 3: outside ISMAP-LIU, with the common standards still pointing at lists such as ISMAP", () => {
    const ja = ask("機密性3だとどうなる", "ja");
    expect(ja.text).toContain("ISMAP-LIUの対象外");
    expect(ja.text).toContain("ISMAPなどのリスト");
  });

  it("the pre-application is still shown after April 2025, beside the reported change", () => {
    const ja = ask("事前申請は今も必要ですか", "ja");
    expect(ja.id).toBe("faq.change-2025-04");
    expect(ja.text).toContain("第3章の事前申請");
    expect(ja.text).toContain("両方の手順");
    expect(ja.confidence).toBe("conflicting");
    const steps = ask("ISMAP-LIUの登録手順を教えて", "ja");
    expect(steps.text).toContain("事前申請と該当性判断");
    expect(steps.text).toContain("食い違");
  });
});
