import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isUncertain } from "../../src/rules/citations.js";
import { answerOf, answerQuestion, MAX_QUESTION_CHARS } from "../../src/rules/faq.js";
import { FaqFile, SourcesFile, SpecialMeasureFile } from "../../src/rules/schema.js";
import { extractFeatures, normalize, stem } from "../../src/rules/text-normalize.js";
import { squash, storedPhrasings } from "../support/faq.js";

const read = (file: string) => parse(readFileSync(new URL(`../../rules/${file}`, import.meta.url), "utf8"));
const faq = FaqFile.parse(read("faq.yml"));
const sourceIds = new Set(SourcesFile.parse(read("sources.yml")).sources.map((s) => s.id));
const specialMeasure = SpecialMeasureFile.parse(
  parse(readFileSync(new URL("../../rules/special-measure.yml", import.meta.url), "utf8")),
);
const rules = { faq, specialMeasure };
/** Matching does not depend on the date; answers are computed at this instant. */
const AS_OF = new Date("2026-12-03T10:00:00+09:00");

/** Questions a user might type, paraphrased (none is a stored phrasing or part of one), and the entry that answers. */
const JA_QUESTIONS: [string, string][] = [
  ["LIUってそもそも何？", "faq.what-is-liu"],
  ["ISMAP-LIUについてざっくり説明してほしい", "faq.what-is-liu"],
  ["ISMAPという制度の目的を教えてください", "faq.what-is-ismap"],
  ["うちのSaaSはISMAP-LIUに申請できる？", "faq.eligibility"],
  ["LIUに登録するための要件は何ですか", "faq.eligibility"],
  ["対象業務一覧にはどんな業務がありますか", "faq.target-business-list"],
  ["影響度評価って誰がやるんですか", "faq.impact-assessment"],
  ["影響度評価シートの提出先", "faq.impact-assessment"],
  ["通常のISMAPとLIUは何が違うの", "faq.audit-scope-vs-ismap"],
  ["LIUだと監査の範囲は狭くなりますか", "faq.audit-scope-vs-ismap"],
  ["内部監査は3年で全統制目標を一巡させる必要がありますか", "faq.internal-audit-3-years"],
  ["内部監査報告書には何を書けばいい", "faq.internal-audit-3-years"],
  ["外部監査で見られる重要な管理策は何年で回るの", "faq.external-audit-cycle"],
  ["デジタル庁の特別措置はどういうものですか", "faq.special-measure-what"],
  ["特別措置にまだ申し込めますか", "faq.special-measure-status"],
  ["特別措置の受付はいつまでだった？", "faq.special-measure-status"],
  ["特別措置を受けるとどんな優遇がありますか", "faq.special-measure-benefits"],
  ["特別措置リストに載るメリット", "faq.special-measure-benefits"],
  ["特別措置の期間が終わった後はどうなりますか", "faq.special-measure-period-end"],
  ["登録までの手順を順番に教えて", "faq.registration-steps"],
  ["ISMAP-LIUの申請の流れはどうなっていますか", "faq.registration-steps"],
  ["監査対象期間は最低何か月？", "faq.audit-period"],
  ["監査報告書の提出期限は？", "faq.audit-period"],
  ["登録の有効期限はいつまで？", "faq.validity-renewal"],
  ["更新申請のタイミング", "faq.validity-renewal"],
  ["機密性2と機密性3の違いを教えて", "faq.information-classes"],
  ["機密性1だけならISMAPに登録しなくていい？", "faq.class1-no-listing"],
  ["機密性3の情報を扱うサービスでもLIUに申請できる？", "faq.class-3"],
  ["2025年4月以降、事前申請はどうなった", "faq.change-2025-04"],
  ["詳細管理策はいくつ選べばいい", "faq.number-of-controls"],
  ["PaaSでもISMAP-LIUに登録できますか", "faq.iaas-paas"],
  ["ISMAP-LIUの登録費用はいくらですか", "faq.fees"],
  ["IPAはどんな役割を担っていますか", "faq.who-runs"],
  ["外部監査をお願いできる監査機関はどこ", "faq.audit-body"],
  ["地方公共団体もISMAPのリストを使う？", "faq.who-procures"],
  ["管理基準の3つの部分について", "faq.criteria-structure"],
];

const EN_QUESTIONS: [string, string][] = [
  ["what's LIU exactly", "faq.what-is-liu"],
  ["Can you give me a quick summary of ISMAP-LIU", "faq.what-is-liu"],
  ["what is the ISMAP program for", "faq.what-is-ismap"],
  ["Is our SaaS product eligible for LIU?", "faq.eligibility"],
  ["what conditions must a service meet to qualify for ISMAP-LIU", "faq.eligibility"],
  ["which businesses are on the target list", "faq.target-business-list"],
  ["who is responsible for the impact assessment", "faq.impact-assessment"],
  ["difference in audit scope between LIU and full ISMAP", "faq.audit-scope-vs-ismap"],
  ["does LIU need a smaller audit than ISMAP", "faq.audit-scope-vs-ismap"],
  ["do all control objectives need internal audit coverage within 3 years?", "faq.internal-audit-3-years"],
  ["how frequently do we need to do internal audits", "faq.internal-audit-3-years"],
  ["how many years does the external audit rotation of important controls take", "faq.external-audit-cycle"],
  ["what is the Digital Agency special measure", "faq.special-measure-what"],
  ["Can we still join the special measure?", "faq.special-measure-status"],
  ["what was the special measure deadline", "faq.special-measure-status"],
  ["what benefits did the special measure give", "faq.special-measure-benefits"],
  ["when will the special measure period be over", "faq.special-measure-period-end"],
  ["what is the registration process for ISMAP-LIU", "faq.registration-steps"],
  ["steps to get listed", "faq.registration-steps"],
  ["minimum audit period length", "faq.audit-period"],
  ["by when must the audit report be submitted", "faq.audit-period"],
  ["how long does an ISMAP-LIU registration remain valid", "faq.validity-renewal"],
  ["when do we need to renew our listing", "faq.validity-renewal"],
  ["explain confidentiality class 2", "faq.information-classes"],
  ["is a listing needed for a service that only handles class 1 data", "faq.class1-no-listing"],
  ["can we use LIU if our service handles class 3 secret data", "faq.class-3"],
  ["has the pre-application been removed since April 2025?", "faq.change-2025-04"],
  ["how many controls do LIU services usually pick", "faq.number-of-controls"],
  ["does ISMAP-LIU accept IaaS?", "faq.iaas-paas"],
  ["what does ISMAP-LIU registration cost", "faq.fees"],
  ["who operates ISMAP", "faq.who-runs"],
  ["which audit firms can do our external audit", "faq.audit-body"],
  ["can local governments procure from the ISMAP list", "faq.who-procures"],
  ["what's the structure of the ISMAP control criteria", "faq.criteria-structure"],
];

const OFF_TOPIC = [
  "明日の東京の天気は？",
  "おすすめのラーメン屋",
  "カレーのレシピを教えて",
  "今日は何曜日？",
  "会議は何時から？",
  "経費精算のやり方",
  "東京から大阪まで新幹線で何時間？",
  "ありがとう",
  "What's the weather like tomorrow?",
  "Give me a recipe for pancakes",
  "best ramen shop near Shibuya",
  "Who won the football match yesterday?",
  "how many days until Christmas",
  "tell me a joke",
  "hello",
];

const stored = storedPhrasings(faq);
const ids = new Set(faq.entries.map((e) => e.id));

/** Every answer an entry can give: its answer, or each dated variant with the measure's dates put in. */
const answersOf = (entry: (typeof faq.entries)[number]) =>
  entry.answerAt
    ? ["2023-05-18T00:00:00+09:00", "2024-01-01T00:00:00+09:00", "2026-01-01T00:00:00+09:00"].map((at) =>
        answerOf(entry, rules, new Date(at)),
      )
    : [answerOf(entry, rules, AS_OF)];

describe("faq.yml", () => {
  it("has a threshold and unique ids", () => {
    expect(faq.threshold).toBeGreaterThan(0);
    expect(faq.threshold).toBeLessThan(1);
    expect(ids.size).toBe(faq.entries.length);
  });

  it("gives every entry at least four phrasings per language and an answer of 2 to 5 sentences", () => {
    for (const entry of faq.entries) {
      expect(entry.phrasings.ja.length, entry.id).toBeGreaterThanOrEqual(4);
      expect(entry.phrasings.en.length, entry.id).toBeGreaterThanOrEqual(4);
      for (const answer of answersOf(entry)) {
        const ja = answer.ja.split("。").filter((s) => s.trim()).length;
        const en = answer.en.split(/[.!?](?=\s|$)/).filter((s) => s.trim()).length;
        expect(
          [ja, en].every((n) => n >= 2 && n <= 5),
          `${entry.id}: ${ja} / ${en} sentences`,
        ).toBe(true);
      }
    }
  });

  it("cites only known sources", () => {
    for (const entry of faq.entries) {
      for (const source of [entry.source].flat())
        expect(sourceIds, `${entry.id}: ${source}`).toContain(source);
    }
  });

  it("says so in the answer when it rests on an inferred, unconfirmed or conflicting fact", () => {
    for (const entry of faq.entries.filter((e) => isUncertain(e.confidence))) {
      for (const answer of answersOf(entry)) {
        expect(answer.ja, entry.id).toMatch(/要確認|推測|食い違/);
        expect(answer.en, entry.id).toMatch(/to be confirmed|inferred|inference|conflict/i);
      }
    }
  });

  it("covers the topics the bot must answer", () => {
    for (const id of [
      "faq.what-is-liu",
      "faq.eligibility",
      "faq.audit-scope-vs-ismap",
      "faq.internal-audit-3-years",
      "faq.special-measure-status",
      "faq.registration-steps",
      "faq.audit-period",
      "faq.validity-renewal",
      "faq.information-classes",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it("states the special measure's deadline and, from 1 April 2025 JST, that acceptance has closed", () => {
    const status = faq.entries.find((e) => e.id === "faq.special-measure-status");
    if (!status) throw new Error("faq.special-measure-status is missing");
    const closed = answerOf(status, rules, new Date("2025-04-01T00:00:00+09:00"));
    expect(closed.ja).toContain("2025年3月31日");
    expect(closed.ja).toContain("終了");
    expect(closed.en).toMatch(/ended/);
    expect(closed.en).toContain("31 Mar 2025");
    const open = answerOf(status, rules, new Date("2025-03-31T23:59:00+09:00"));
    expect(open.ja).toContain("受付中");
    expect(open.ja).toContain("2025年3月31日");
    expect(open.en).toMatch(/accepting services until 31 Mar 2025/);
  });

  it("writes no date of the special measure twice: dated answers take them from special-measure.yml", () => {
    const dated = faq.entries.filter((e) => e.answerAt);
    expect(dated.map((e) => e.id)).toEqual(
      expect.arrayContaining(["faq.special-measure-status", "faq.special-measure-period-end"]),
    );
    for (const entry of dated) {
      for (const variant of ["before", "during", "after"] as const) {
        const text = entry.answerAt?.[variant];
        expect(`${text?.ja} ${text?.en}`, entry.id).not.toMatch(/20\d\d|令和/);
      }
    }
    const moved = {
      faq,
      specialMeasure: {
        ...specialMeasure,
        deadline: { ...specialMeasure.deadline, at: "2025-07-01T00:00:00+09:00" },
      },
    };
    const status = faq.entries.find((e) => e.id === "faq.special-measure-status");
    if (!status) throw new Error("faq.special-measure-status is missing");
    expect(answerOf(status, moved, new Date("2025-05-01T00:00:00+09:00")).ja).toContain("2025年6月30日");
  });
});

describe("answerQuestion", () => {
  it("uses test questions that are paraphrases, not stored phrasings or parts of them", () => {
    expect(JA_QUESTIONS.length).toBeGreaterThanOrEqual(30);
    expect(EN_QUESTIONS.length).toBeGreaterThanOrEqual(30);
    for (const [question, id] of [...JA_QUESTIONS, ...EN_QUESTIONS]) {
      expect(ids, question).toContain(id);
      const q = squash(question);
      expect(
        stored.filter((s) => s.includes(q)),
        question,
      ).toEqual([]);
    }
  });

  it.each(JA_QUESTIONS)("answers 「%s」 with %s", (question, id) => {
    const result = answerQuestion(rules, question, "ja", AS_OF);
    expect(result.matches[0]?.id).toBe(id);
    expect(result.confident).toBe(true);
    expect(result.closestTopics).toEqual([]);
  });

  it.each(EN_QUESTIONS)("answers %j with %s", (question, id) => {
    const result = answerQuestion(rules, question, "en", AS_OF);
    expect(result.matches[0]?.id).toBe(id);
    expect(result.confident).toBe(true);
  });

  it.each(OFF_TOPIC)("is not confident about %j", (question) => {
    for (const locale of ["ja", "en"] as const) {
      const result = answerQuestion(rules, question, locale, AS_OF);
      expect(result.confident).toBe(false);
      expect(result.closestTopics.length).toBeGreaterThan(0);
      expect(result.closestTopics.length).toBeLessThanOrEqual(3);
    }
  });

  it.each(["", "   ", "\n\t　", "？！。、"])("is not confident, and does not throw, on %j", (question) => {
    const result = answerQuestion(rules, question, "ja", AS_OF);
    expect(result.confident).toBe(false);
    expect(result.matches).toEqual([]);
    expect(result.closestTopics).toEqual(faq.entries.slice(0, 3).map((e) => e.topic));
  });

  it("reads full-width letters, full-width digits and half-width kana like their ordinary forms", () => {
    const wide = answerQuestion(rules, "ＩＳＭＡＰ－ＬＩＵの登録手順を教えてください", "ja", AS_OF);
    expect(wide.matches[0]?.id).toBe("faq.registration-steps");
    expect(wide.confident).toBe(true);
    expect(answerQuestion(rules, "内部監査の３年ルールについて", "ja", AS_OF).matches[0]?.id).toBe(
      "faq.internal-audit-3-years",
    );
    expect(answerQuestion(rules, "ｻｰﾋﾞｽの登録の流れ", "ja", AS_OF).matches[0]?.id).toBe(
      "faq.registration-steps",
    );
    expect(answerQuestion(rules, "監査対象期間の最短は何ヶ月", "ja", AS_OF).matches[0]?.id).toBe(
      "faq.audit-period",
    );
  });

  it("answers a Japanese question in an English session, and an English one in a Japanese session", () => {
    const ja = answerQuestion(rules, "特別措置の受付はいつまでだった？", "en", AS_OF);
    expect(ja.matches[0]?.id).toBe("faq.special-measure-status");
    expect(ja.confident).toBe(true);
    const en = answerQuestion(rules, "when do we need to renew our listing", "ja", AS_OF);
    expect(en.matches[0]?.id).toBe("faq.validity-renewal");
    expect(en.confident).toBe(true);
  });

  it("returns at most three matches, best first, with scores in 0..1 and a reference to the rule", () => {
    const result = answerQuestion(rules, "ISMAP-LIUの登録の有効期間と更新", "ja", AS_OF);
    expect(result.matches.length).toBeGreaterThan(0);
    expect(result.matches.length).toBeLessThanOrEqual(3);
    const scores = result.matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const score of scores) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    const top = result.matches[0];
    const entry = faq.entries.find((e) => e.id === top?.id);
    expect(top?.answer).toEqual(entry?.answer);
    expect(top?.topic).toEqual(entry?.topic);
    expect(top?.ref).toEqual({
      ruleId: entry?.id,
      sources: [entry?.source].flat(),
      confidence: entry?.confidence,
    });
  });

  it("gives a stored phrasing a perfect score", () => {
    const entry = faq.entries[0];
    const result = answerQuestion(rules, entry?.phrasings.en[0] ?? "", "en", AS_OF);
    expect(result.matches[0]?.id).toBe(entry?.id);
    expect(result.matches[0]?.score).toBe(1);
  });

  it("follows the threshold of the FAQ it is given, and offers the closest topics when below it", () => {
    const strict = { faq: { ...faq, threshold: 0.99 }, specialMeasure };
    const result = answerQuestion(strict, "LIUだと監査の範囲は狭くなりますか", "ja", AS_OF);
    expect(result.confident).toBe(false);
    expect(result.matches[0]?.id).toBe("faq.audit-scope-vs-ismap");
    expect(result.closestTopics[0]).toEqual(
      faq.entries.find((e) => e.id === "faq.audit-scope-vs-ismap")?.topic,
    );
  });

  it("gives the same answer on repeated calls (the index is built once per FAQ)", () => {
    const first = answerQuestion(rules, "who operates ISMAP", "en", AS_OF);
    const second = answerQuestion(rules, "who operates ISMAP", "en", AS_OF);
    expect(second).toEqual(first);
  });

  it("reads only the start of a very long question", () => {
    const head = "監査報告書の提出期限は？";
    const long = head + "あ".repeat(10_000);
    const result = answerQuestion(rules, long, "ja", AS_OF);
    expect(result).toEqual(answerQuestion(rules, long.slice(0, MAX_QUESTION_CHARS), "ja", AS_OF));
    expect(result.matches[0]?.id).toBe("faq.audit-period");
    expect(() => answerQuestion(rules, "audit ".repeat(2_000), "en", AS_OF)).not.toThrow();
  });
});

describe("text normalisation", () => {
  it("folds width and case", () => {
    expect(normalize("ＩＳＭＡＰ－ＬＩＵ　１２３")).toBe("ismap-liu 123");
    expect(normalize("ｻｰﾋﾞｽ")).toBe("サービス");
  });

  it("stems English words so that inflections meet", () => {
    expect(stem("audits")).toBe(stem("audit"));
    expect(stem("renewing")).toBe(stem("renewed"));
    expect(stem("closed")).toBe(stem("close"));
    expect(stem("policies")).toBe(stem("policy"));
    expect(stem("class")).toBe("class");
  });

  it("takes Japanese bigrams without the particles and endings of a request, and words from Latin text", () => {
    const features = extractFeatures("ISMAP-LIUの登録費用を教えてください");
    expect(features.has("w:ismap")).toBe(true);
    expect(features.has("w:liu")).toBe(true);
    expect(features.has("b:登録")).toBe(true);
    expect(features.has("b:費用")).toBe(true);
    expect([...features.keys()].some((f) => f.includes("教え"))).toBe(false);
    expect([...features.keys()].some((f) => /[a-z]の/.test(f))).toBe(false);
    expect(extractFeatures("What is the fee?").has("w:the")).toBe(false);
  });

  it("folds synonyms to one spelling", () => {
    expect(extractFeatures("ISMAP-LIUの料金").has("b:費用")).toBe(true);
    expect(extractFeatures("pricing").has("w:cost")).toBe(true);
  });
});
