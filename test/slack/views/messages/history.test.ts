/**
 * History as an audit trail (issue 13): what a save did, diffed from the profiles before and after it, reads as one
 * sentence in the reader's language with JST days — never a raw key, JSON or UTC instant.
 */
import { describe, expect, it } from "vitest";
import { diffValues, historyEvents } from "../../../../src/profile/diff.js";
import type { ServiceProfile } from "../../../../src/rules/service-profile.js";
import { eventSentence, historyMessage } from "../../../../src/slack/views/messages/history.js";
import { profileOf } from "../../../support/fixtures.js";
import { allText, ctxFor, expectValidMessage } from "../../../support/messages.js";

const base = profileOf({
  service: { name: "ミライ勤怠" },
  registration: { status: "preparing" },
  audits: { internal: [{ id: "i1", date: "2023-12-04", objectiveIds: ["7.1.1", "7.1.2"] }] },
});

function sentences(before: ServiceProfile, after: ServiceProfile, locale: "ja" | "en"): string[] {
  const { t } = ctxFor(locale);
  return historyEvents(diffValues(before, after)).map((e) => eventSentence(e, t));
}

const edit = (change: (p: ServiceProfile) => void): ServiceProfile => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe("history sentences", () => {
  it("an internal audit recorded, with its JST day and objectives", () => {
    const empty = profileOf({ service: { name: "ミライ勤怠" }, registration: { status: "preparing" } });
    expect(sentences(empty, base, "ja")).toEqual(["内部監査を記録: 2023年12月4日・7.1.1, 7.1.2"]);
    expect(sentences(empty, base, "en")).toEqual(["Internal audit recorded: 4 Dec 2023 · 7.1.1, 7.1.2"]);
  });

  it("an external audit recorded with its audit period, removed, and an audit's day changed", () => {
    const withExternal = edit((p) => {
      p.audits.external.push({
        id: "e1",
        part: "governance",
        date: "2026-05-20",
        objectiveIds: [],
        periodStart: "2025-04-01",
        periodEnd: "2026-03-31",
      });
    });
    expect(sentences(base, withExternal, "ja")).toEqual([
      "外部監査（ガバナンス基準）を記録: 2026年5月20日・監査対象期間 2025年4月1日〜2026年3月31日",
    ]);
    expect(sentences(withExternal, base, "en")).toEqual([
      "External audit (Governance criteria) record removed: 20 May 2026",
    ]);
    const moved = edit((p) => {
      const audit = p.audits.internal[0];
      if (audit) audit.date = "2023-12-05";
    });
    expect(sentences(base, moved, "ja")).toEqual([
      "内部監査の記録を変更: 実施日 2023年12月4日 → 2023年12月5日",
    ]);
  });

  it("fields, statuses, yes/no, the verdict and editors in words", () => {
    const after = edit((p) => {
      p.service.name = "ミライ勤怠 Pro";
      p.registration.status = "registered";
      p.registration.registeredOn = "2026-07-15";
      p.specialMeasure.listed = true;
      p.eligibility = {
        answers: { service_model: "iaas", confidentiality: "c2" },
        result: { verdict: "full_ismap_required", rulesVersion: "x", asOf: "2026-12-03T07:03:02.961Z" },
      };
      p.editors = ["U0AIKO0001"];
    });
    const ja = sentences(base, after, "ja");
    expect(ja).toEqual(
      expect.arrayContaining([
        "サービス名を変更: 「ミライ勤怠」 → 「ミライ勤怠 Pro」",
        "登録状況を変更: 準備中 → 登録済み",
        "登録日を入力: 2026年7月15日",
        "特別措置サービスリストを変更: いいえ → はい",
        "判定を保存: 通常のISMAPへの登録が必要な見込み",
        "編集者に追加: <@U0AIKO0001>",
      ]),
    );
    expect(ja).toHaveLength(6);
    const en = sentences(base, after, "en").join("\n");
    expect(en).toContain("Changed “Registration status”: Preparing → Registered");
    for (const text of [ja.join("\n"), en]) {
      for (const raw of ["registration.", "eligibility", "{", "2026-12-03T", "Z"])
        expect(text).not.toContain(raw);
    }
  });

  it("the message: a header per save with its JST time and who, then the sentences", () => {
    const ctx = ctxFor("ja");
    const message = historyMessage(
      [
        {
          revision: 2,
          actor: "U0AIKO0001",
          at: "2026-12-03T07:03:02.961Z",
          changes: diffValues(
            base,
            edit((p) => {
              p.service.vendor = "株式会社ミライ";
            }),
          ),
        },
      ],
      ctx,
    );
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain("*第2版* · <@U0AIKO0001> · 2026年12月3日 16:03 JST");
    expect(text).toContain("• 提供事業者を入力: 「株式会社ミライ」");
    expect(text).not.toContain("07:03");
  });
});
