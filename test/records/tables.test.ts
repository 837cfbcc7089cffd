/** The export tables read every day, status and count from the timeline, in the reader's language. */

import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { exportTables } from "../../src/records/tables.js";
import { emptyProfile } from "../../src/rules/service-profile.js";
import { engine, rules } from "../support/fixtures.js";

const at = new Date("2026-11-26T10:00:00+09:00");

function tablesFor(locale: "ja" | "en") {
  const profile = emptyProfile();
  profile.registration = {
    status: "preparing",
    auditPeriodStart: "2026-04-01",
    auditPeriodEnd: "2027-03-31",
  };
  profile.audits.internal.push({ id: "a", date: "2024-02-29", objectiveIds: ["5.1.1"] });
  const timeline = engine.obligations(profile, at);
  const t = createTranslator(locale);
  return {
    tables: exportTables({ rules, rulesVersion: engine.version, profile, timeline, at, t }),
    timeline,
    t,
  };
}

describe("exportTables", () => {
  it("objectives: all 121 in catalogue order, the coverage days as days, never-audited ones without dates", () => {
    const { tables, timeline, t } = tablesFor("en");
    const objectives = tables[0];
    expect(objectives?.rows.map((r) => r[0])).toEqual(timeline.coverage.objectives.map((o) => o.id));
    const audited = objectives?.rows.find((r) => r[0] === "5.1.1");
    // 29 Feb 2024 covers until 27 Feb 2027 (rules/dates.yml internalCoverage).
    expect(audited?.slice(2, 5)).toEqual([
      { day: "2024-02-29" },
      { day: "2027-02-27" },
      { day: "2027-02-28" },
    ]);
    const never = objectives?.rows.find((r) => r[0] === "5.1.2");
    expect(never?.slice(2, 7)).toEqual([null, null, null, null, t("audit.coverage.never")]);
  });

  it("obligations: the timeline's, in its order, planned dates marked as planned", () => {
    const { tables, timeline, t } = tablesFor("en");
    const obligations = tables[1];
    expect(obligations?.rows.map((r) => r.at(-1))).toEqual(timeline.obligations.map((o) => o.id));
    const planned = timeline.obligations.findIndex((o) => o.planned);
    expect(planned).toBeGreaterThanOrEqual(0);
    expect(String(obligations?.rows[planned]?.[7])).toContain(t("obligation.planned"));
  });

  it("headers and labels follow the reader's language; the about sheet names the day and the rules version", () => {
    const ja = tablesFor("ja").tables;
    const en = tablesFor("en").tables;
    expect(ja.map((table) => table.title)).toEqual([
      "統制目標",
      "義務タイムライン",
      "監査記録",
      "この出力について",
    ]);
    expect(en[0]?.headers[0]).toBe("Objective id");
    const about = en[3]?.rows ?? [];
    expect(about[0]).toEqual(["As of (JST)", { day: "2026-11-26" }]);
    expect(about[2]).toEqual(["Rules version", engine.version]);
  });
});
