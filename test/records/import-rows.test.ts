/** Reading past audits from a sheet: headers in either language, every row checked, every refusal named. */
import { describe, expect, it } from "vitest";
import { readCsv, readWorkbook, toCsv, toWorkbook } from "../../src/records/files.js";
import { MAX_IMPORT_ROWS, parseDay, readImport } from "../../src/records/import-rows.js";
import { rules } from "../support/fixtures.js";

const ctx = { rules, today: "2026-11-26", recorded: { internal: [], external: [] } };
const sheet = (rows: string[][]) => [{ name: "s", rows }];

describe("parseDay", () => {
  it.each([
    ["2025-04-01", "2025-04-01"],
    ["2025/4/1", "2025-04-01"],
    ["２０２５－０４－０１", "2025-04-01"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %s", (text, day) => expect(parseDay(text)).toBe(day));
  it.each(["2025-02-29", "2025-13-01", "2025-04-31", "4/1/2025", "yesterday", ""])("refuses %s", (text) =>
    expect(parseDay(text)).toBeUndefined(),
  );
});

describe("readImport", () => {
  it("takes Japanese or English headers, in any order, and groups nothing it was not given", () => {
    const ja = readImport(
      sheet([
        ["統制目標番号（複数可）", "実施日", "種別"],
        ["5.1.1、5.1.2", "2025/4/1", "内部監査"],
      ]),
      ctx,
    );
    const en = readImport(
      sheet([
        ["Type", "Date", "Criteria", "Objective ids"],
        ["External audit", "2025-09-30", "Governance criteria", ""],
      ]),
      ctx,
    );
    expect(ja).toMatchObject({
      ok: true,
      refused: [],
      internal: [{ date: "2025-04-01", objectiveIds: ["5.1.1", "5.1.2"] }],
    });
    expect(en).toMatchObject({
      ok: true,
      refused: [],
      external: [{ part: "governance", date: "2025-09-30", objectiveIds: [] }],
    });
  });

  it("refuses each bad row with every reason, numbered as the spreadsheet numbers it", () => {
    const reading = readImport(
      sheet([
        ["type", "date", "part", "objectives", "periodStart", "periodEnd"],
        ["internal", "2025-04-01", "", "5.1.1", "", ""],
        ["", "", "", "", "", ""],
        ["audit", "2025-02-30", "", "", "", ""],
        ["internal", "2026-11-27", "", "1.2.3", "", ""],
        ["external", "2025-01-01", "board", "", "2025-06-01", "2025-01-01"],
      ]),
      ctx,
    );
    if (!reading.ok) throw new Error("expected a reading");
    expect(reading.internal).toHaveLength(1);
    expect(reading.refused).toEqual([
      {
        row: 4,
        problems: [
          { code: "type", value: "audit" },
          { code: "date_invalid", value: "2025-02-30" },
        ],
      },
      {
        row: 5,
        problems: [
          { code: "date_future", value: "2026-11-27" },
          { code: "objective_unknown", value: "1.2.3" },
        ],
      },
      {
        row: 6,
        problems: [
          { code: "part", value: "board" },
          { code: "period_order", value: "2025-06-01 > 2025-01-01" },
        ],
      },
    ]);
  });

  it("refuses an internal audit without objectives, a row already recorded, and a row repeated in the file", () => {
    const recorded = {
      internal: [{ id: "a", date: "2025-04-01", objectiveIds: ["5.1.2", "5.1.1"] }],
      external: [],
    };
    const reading = readImport(
      sheet([
        ["type", "date", "objectives"],
        ["internal", "2025-04-01", "5.1.1 5.1.2"],
        ["internal", "2025-04-02", ""],
        ["internal", "2025-05-01", "5.1.1"],
        ["internal", "2025-05-01", "5.1.1"],
      ]),
      { ...ctx, recorded },
    );
    expect(reading.ok && reading.refused.map((r) => [r.row, r.problems[0]?.code])).toEqual([
      [2, "duplicate"],
      [3, "objectives_missing"],
      [5, "duplicate"],
    ]);
  });

  it("says when there is no audit table, nothing to read, or too many rows", () => {
    expect(
      readImport(
        sheet([
          ["a", "b"],
          ["1", "2"],
        ]),
        ctx,
      ),
    ).toEqual({ ok: false, reason: "no_audit_table" });
    expect(readImport(sheet([["type", "date", "objectives"]]), ctx)).toEqual({ ok: false, reason: "empty" });
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => ["internal", "2025-04-01", "5.1.1"]);
    expect(readImport(sheet([["type", "date", "objectives"], ...many]), ctx)).toMatchObject({
      ok: false,
      reason: "too_many_rows",
    });
  });
});

describe("files", () => {
  const table = {
    id: "audits" as const,
    title: "監査記録",
    headers: ["種別", "実施日", "統制目標番号（複数可）"],
    rows: [["internal", { day: "2025-04-01" }, "5.1.1, 5.1.2"]],
  };

  it("writes CSV as UTF-8 with a BOM and reads it back, quoting what needs it", () => {
    const bytes = toCsv(table);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.toString("utf8")).toContain('"5.1.1, 5.1.2"');
    expect(readCsv(bytes, "x.csv").rows).toEqual([table.headers, ["internal", "2025-04-01", "5.1.1, 5.1.2"]]);
  });

  it("writes days as dates in the workbook and reads them back as the same calendar day", async () => {
    const sheets = await readWorkbook(await toWorkbook([table], { title: "t" }));
    expect(sheets[0]?.name).toBe("監査記録");
    expect(sheets[0]?.rows[1]).toEqual(["internal", "2025-04-01", "5.1.1, 5.1.2"]);
  });

  it("refuses bytes that are not a workbook", async () => {
    await expect(readWorkbook(Buffer.from("not a zip"))).rejects.toThrow();
  });
});
