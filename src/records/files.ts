/**
 * Tables to files and back: an .xlsx workbook (exceljs; one sheet per table, JST days as real Excel dates shown
 * YYYY-MM-DD) and CSV (csv-stringify/csv-parse; UTF-8 with a byte-order mark so Excel reads Japanese correctly,
 * days as YYYY-MM-DD). Reading gives every sheet as rows of text cells, whatever the cell types were.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";
import type { Cell, Table } from "./tables.js";

const BOM = "\uFEFF";

/**
 * exceljs and the zip and stream libraries under it take about a fifth of a second to load: loaded on the first
 * export or import, not at every start.
 */
let excel: Promise<typeof ExcelJS> | undefined;
function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import("exceljs").then((module) => module.default);
  return excel;
}

/** A read sheet: its name and its rows, each cell as trimmed text ("" when empty); the first row is the header. */
export interface RawSheet {
  name: string;
  rows: string[][];
}

function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "object") return cell.day;
  return String(cell);
}

/** A JST day as the Date Excel stores for that calendar day (midnight UTC: no zone can shift it). */
function excelDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export async function toWorkbook(tables: readonly Table[], meta: { title: string }): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = "ISMAP-LIU assistant";
  workbook.title = meta.title;
  for (const table of tables) {
    // Sheet names: at most 31 characters, none of []:*?/\
    const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((cell) => (cell !== null && typeof cell === "object" ? excelDate(cell.day) : cell)),
      );
      row.forEach((cell, i) => {
        if (cell !== null && typeof cell === "object") added.getCell(i + 1).numFmt = "yyyy-mm-dd";
      });
    }
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    sheet.columns.forEach((column, i) => {
      const widest = Math.max(
        table.headers[i]?.length ?? 0,
        ...table.rows.slice(0, 200).map((row) => cellText(row[i] ?? null).length),
      );
      column.width = Math.min(60, Math.max(10, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function toCsv(table: Table): Buffer {
  const text = stringify([table.headers, ...table.rows.map((row) => row.map(cellText))], {
    record_delimiter: "\r\n",
  });
  return Buffer.from(BOM + text, "utf8");
}

/** The text of a cell as a person sees it: dates as their UTC calendar day (how toWorkbook wrote them). */
function readCell(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("result" in value) return readCell(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
    return "";
  }
  return String(value).trim();
}

/** Every sheet of a workbook, as text rows; throws on a file that is not a readable .xlsx. */
export async function readWorkbook(bytes: Buffer): Promise<RawSheet[]> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: RawSheet[] = [];
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const values = row.values as ExcelJS.CellValue[];
      // row.values is 1-based: index 0 is always empty.
      rows[number - 1] = values.slice(1).map(readCell);
    });
    sheets.push({ name: sheet.name, rows: Array.from(rows, (row) => row ?? []) });
  });
  return sheets;
}

/** A CSV file (with or without a BOM) as one sheet; throws on malformed CSV. */
export function readCsv(bytes: Buffer, name: string): RawSheet {
  const rows = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  return { name, rows: rows.map((row) => row.map((cell) => cell.trim())) };
}
