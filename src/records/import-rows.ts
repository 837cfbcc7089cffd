/**
 * Reads past audits from an uploaded sheet (the audits table of an export, perhaps edited in Excel) and checks
 * every row: a known type, a real JST day not after today, objective ids in the catalogue, a known criteria part
 * for external audits, a period whose start is not after its end, and not already recorded. Pure: the rules, the
 * day and the recorded audits are passed in. The result lists every refused row with its reasons; an import
 * records all rows or none.
 */

import { createTranslator } from "../i18n/translator.js";
import type { JstDate } from "../lib/time.js";
import { objectiveCatalogue } from "../rules/objectives.js";
import type { CriteriaPart, RuleSet } from "../rules/schema.js";
import type { ExternalAudit, InternalAudit, ServiceProfile } from "../rules/service-profile.js";
import type { RawSheet } from "./files.js";
import { AUDIT_COLUMNS, type AuditColumn, auditHeaders } from "./tables.js";

/** At most this many audit rows per file (a decade of audits is a few hundred). */
export const MAX_IMPORT_ROWS = 2_000;
/** At most this many bytes per file. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export type RowProblem =
  | "type"
  | "date_missing"
  | "date_invalid"
  | "date_future"
  | "objectives_missing"
  | "objective_unknown"
  | "part"
  | "period_invalid"
  | "period_order"
  | "duplicate";

export interface RefusedRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  problems: { code: RowProblem; value?: string }[];
}

export type ImportedInternal = Omit<InternalAudit, "id">;
export type ImportedExternal = Omit<ExternalAudit, "id">;

export type ImportReading =
  | { ok: false; reason: "no_audit_table" | "empty" | "too_many_rows"; rows?: number }
  | {
      ok: true;
      internal: ImportedInternal[];
      external: ImportedExternal[];
      /** Distinct objectives the imported audits name. */
      objectiveCount: number;
      refused: RefusedRow[];
    };

const LOCALES = [createTranslator("ja"), createTranslator("en")];

const normalize = (text: string): string => text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");

/** Headers people write in their own sheets for the same columns. */
const HEADER_ALIASES: readonly (readonly [string, AuditColumn])[] = [
  ["管理策番号", "objectives"],
  ["管理策番号（複数可）", "objectives"],
  ["統制目標番号", "objectives"],
  ["Objective id", "objectives"],
  ["監査日", "date"],
  ["Audit date", "date"],
];

/** Header text → column, in both languages, as the column codes themselves, and a few usual variants. */
const HEADER_WORDS: ReadonlyMap<string, AuditColumn> = new Map(
  LOCALES.flatMap((t) => {
    const headers = auditHeaders(t);
    return AUDIT_COLUMNS.map((column) => [normalize(headers[column]), column] as const);
  })
    .concat(AUDIT_COLUMNS.map((column) => [normalize(column), column] as const))
    .concat(HEADER_ALIASES.map(([text, column]) => [normalize(text), column] as const)),
);

const TYPE_WORDS: ReadonlyMap<string, "internal" | "external"> = new Map(
  (["internal", "external"] as const).flatMap((type) => [
    [type, type] as const,
    ...LOCALES.map((t) => [normalize(t(`audit.${type}`)), type] as const),
  ]),
);

const PARTS = ["governance", "management", "controls"] as const;
const PART_WORDS: ReadonlyMap<string, CriteriaPart> = new Map(
  PARTS.flatMap((part) => [
    [part, part] as const,
    ...LOCALES.map((t) => [normalize(t(`criteria.${part}`)), part] as const),
  ]),
);

/** Where each column is in a header row; undefined unless type, date and objectives are all there. */
function columnsOf(header: readonly string[]): Partial<Record<AuditColumn, number>> | undefined {
  const at: Partial<Record<AuditColumn, number>> = {};
  header.forEach((text, i) => {
    const column = HEADER_WORDS.get(normalize(text));
    if (column && at[column] === undefined) at[column] = i;
  });
  return at.type !== undefined && at.date !== undefined && at.objectives !== undefined ? at : undefined;
}

/** A real calendar day from YYYY-MM-DD or YYYY/M/D (full-width digits too); undefined otherwise. */
export function parseDay(text: string): JstDate | undefined {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.normalize("NFKC").trim());
  if (!match) return undefined;
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth)
    return undefined;
  return date.toISOString().slice(0, 10);
}

const splitIds = (text: string): string[] =>
  text
    .normalize("NFKC")
    .split(/[\s,;、，]+/)
    .filter((id) => id !== "");

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join(" ") === [...b].sort().join(" ");

export interface ImportContext {
  rules: Pick<RuleSet, "objectives">;
  /** Today's JST day: no audit may be dated after it. */
  today: JstDate;
  /** What the team has recorded already: rows repeating one of these are refused as duplicates. */
  recorded: ServiceProfile["audits"];
}

/** Reads the audit table of the first sheet that has one (its header names type, date and objectives). */
export function readImport(sheets: readonly RawSheet[], ctx: ImportContext): ImportReading {
  let found: { sheet: RawSheet; columns: Partial<Record<AuditColumn, number>> } | undefined;
  for (const sheet of sheets) {
    const columns = columnsOf(sheet.rows[0] ?? []);
    if (columns) {
      found = { sheet, columns };
      break;
    }
  }
  if (!found) return { ok: false, reason: "no_audit_table" };
  const { sheet, columns } = found;
  const body = sheet.rows
    .slice(1)
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter(({ cells }) => cells.some((cell) => cell !== ""));
  if (body.length === 0) return { ok: false, reason: "empty" };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, reason: "too_many_rows", rows: body.length };

  const catalogue = objectiveCatalogue(ctx.rules);
  const internal: ImportedInternal[] = [];
  const external: ImportedExternal[] = [];
  const refused: RefusedRow[] = [];
  const objectives = new Set<string>();
  const seen = new Set<string>();
  const cell = (cells: readonly string[], column: AuditColumn): string => {
    const at = columns[column];
    return at === undefined ? "" : (cells[at] ?? "");
  };

  for (const { cells, row } of body) {
    const problems: RefusedRow["problems"] = [];
    const typeText = cell(cells, "type");
    const type = TYPE_WORDS.get(normalize(typeText));
    if (!type) problems.push({ code: "type", value: typeText });

    const dateText = cell(cells, "date");
    const date = parseDay(dateText);
    if (dateText === "") problems.push({ code: "date_missing" });
    else if (!date) problems.push({ code: "date_invalid", value: dateText });
    else if (date > ctx.today) problems.push({ code: "date_future", value: date });

    const ids = [...new Set(splitIds(cell(cells, "objectives")))];
    const unknown = ids.filter((id) => !catalogue.byId.has(id));
    for (const id of unknown) problems.push({ code: "objective_unknown", value: id });
    if (type === "internal" && ids.length === 0) problems.push({ code: "objectives_missing" });

    let part: CriteriaPart | undefined;
    const period: { periodStart?: JstDate; periodEnd?: JstDate } = {};
    if (type === "external") {
      const partText = cell(cells, "part");
      part = PART_WORDS.get(normalize(partText));
      if (!part) problems.push({ code: "part", value: partText });
      for (const key of ["periodStart", "periodEnd"] as const) {
        const text = cell(cells, key);
        if (text === "") continue;
        const parsed = parseDay(text);
        if (parsed) period[key] = parsed;
        else problems.push({ code: "period_invalid", value: text });
      }
      if (period.periodStart && period.periodEnd && period.periodStart > period.periodEnd)
        problems.push({ code: "period_order", value: `${period.periodStart} > ${period.periodEnd}` });
    }

    if (problems.length === 0 && type && date) {
      // The same audit twice in the file counts as a duplicate too (its second row is refused).
      const key = JSON.stringify([
        type,
        date,
        part ?? "",
        [...ids].sort(),
        period.periodStart ?? "",
        period.periodEnd ?? "",
      ]);
      const duplicate =
        seen.has(key) ||
        (type === "internal"
          ? ctx.recorded.internal.some((a) => a.date === date && sameSet(a.objectiveIds, ids))
          : ctx.recorded.external.some(
              (a) =>
                a.part === part &&
                a.date === date &&
                sameSet(a.objectiveIds, ids) &&
                a.periodStart === period.periodStart &&
                a.periodEnd === period.periodEnd,
            ));
      if (duplicate) problems.push({ code: "duplicate" });
      seen.add(key);
    }

    if (problems.length > 0) {
      refused.push({ row, problems });
      continue;
    }
    for (const id of ids) objectives.add(id);
    if (type === "internal") internal.push({ date: date as JstDate, objectiveIds: ids });
    else external.push({ part: part as CriteriaPart, date: date as JstDate, objectiveIds: ids, ...period });
  }
  return { ok: true, internal, external, objectiveCount: objectives.size, refused };
}
