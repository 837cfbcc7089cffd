/**
 * What an export holds, as plain tables (one per sheet or CSV file), built from the rules, the team's profile and
 * the obligations timeline computed for `asOf`: every date, count and status is read from the timeline and its
 * coverage, never recomputed here. Headers and labels are in the person's language; dates are JST calendar days
 * (YYYY-MM-DD). The audits table is also what an import reads back (columns in AUDIT_COLUMNS).
 */
import type { Translator } from "../i18n/translator.js";
import { objectiveCatalogue } from "../rules/objectives.js";
import { obligationTitle } from "../rules/obligation-title.js";
import type { RuleSet } from "../rules/schema.js";
import type { ServiceProfile } from "../rules/service-profile.js";
import type { ObligationsTimeline } from "../rules/timeline.js";

/** A cell: text, a whole number, a JST day (written as a date in a workbook) or empty. */
export type Cell = string | number | { day: string } | null;

export type SheetId = "objectives" | "obligations" | "audits" | "about";

export interface Table {
  id: SheetId;
  /** Sheet name and file-name part, in the person's language. */
  title: string;
  headers: string[];
  rows: Cell[][];
}

export interface ExportInput {
  rules: Pick<RuleSet, "objectives">;
  rulesVersion: string;
  profile: Pick<ServiceProfile, "audits">;
  timeline: ObligationsTimeline;
  /** The instant the export was made (its JST day is the timeline's asOf). */
  at: Date;
  t: Translator;
}

/** The audits table's columns, in order; an import finds them by header (either language) or by this order. */
export const AUDIT_COLUMNS = ["type", "date", "part", "objectives", "periodStart", "periodEnd"] as const;
export type AuditColumn = (typeof AUDIT_COLUMNS)[number];

const day = (value: string | undefined): Cell => (value === undefined ? null : { day: value });

function objectivesTable(input: ExportInput): Table {
  const { t, timeline } = input;
  const catalogue = objectiveCatalogue(input.rules);
  return {
    id: "objectives",
    title: t("records.sheet.objectives"),
    headers: [
      t("records.column.objectiveId"),
      t("records.column.objective"),
      t("records.column.lastInternalAudit"),
      t("records.column.coveredUntil"),
      t("records.column.lapsesOn"),
      t("records.column.daysLeft"),
      t("records.column.status"),
    ],
    rows: timeline.coverage.objectives.map((entry) => {
      const objective = catalogue.byId.get(entry.id);
      return [
        entry.id,
        objective ? t.pick(objective.label) : "",
        day(entry.lastCovered),
        day(entry.coveredUntil),
        day(entry.lapsesOn),
        entry.daysLeft ?? null,
        t(`audit.coverage.${entry.status}`),
      ];
    }),
  };
}

function obligationsTable(input: ExportInput): Table {
  const { t, timeline } = input;
  return {
    id: "obligations",
    title: t("records.sheet.obligations"),
    headers: [
      t("records.column.obligation"),
      t("records.column.part"),
      t("records.column.objectives"),
      t("records.column.periodStart"),
      t("records.column.periodEnd"),
      t("records.column.dueOn"),
      t("records.column.daysLeft"),
      t("records.column.status"),
      t("records.column.next"),
      t("records.column.obligationId"),
    ],
    rows: timeline.obligations.map((o) => [
      obligationTitle(o, t),
      o.part ? t(`criteria.${o.part}`) : null,
      o.objectiveIds.join(" ") || null,
      day(o.period?.start),
      day(o.period?.end),
      day(o.dueOn),
      o.daysLeft ?? null,
      t(`obligation.status.${o.status}`) + (o.planned ? ` (${t("obligation.planned")})` : ""),
      t(`obligation.next.${o.next}`),
      o.id,
    ]),
  };
}

/** The headers of the audits table in one language; an import accepts either. */
export function auditHeaders(t: Translator): Record<AuditColumn, string> {
  return {
    type: t("records.column.type"),
    date: t("records.column.date"),
    part: t("records.column.part"),
    objectives: t("records.column.objectives"),
    periodStart: t("records.column.periodStart"),
    periodEnd: t("records.column.periodEnd"),
  };
}

/** Every audit recorded, internal then external, oldest first: codes (internal/external, parts) so it imports back. */
function auditsTable(input: ExportInput): Table {
  const { t, profile } = input;
  const headers = auditHeaders(t);
  const byDate = <T extends { date: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    id: "audits",
    title: t("records.sheet.audits"),
    headers: AUDIT_COLUMNS.map((column) => headers[column]),
    rows: [
      ...byDate(profile.audits.internal).map((a): Cell[] => [
        "internal",
        day(a.date),
        null,
        a.objectiveIds.join(" "),
        null,
        null,
      ]),
      ...byDate(profile.audits.external).map((a): Cell[] => [
        "external",
        day(a.date),
        a.part,
        a.objectiveIds.join(" ") || null,
        day(a.periodStart),
        day(a.periodEnd),
      ]),
    ],
  };
}

function aboutTable(input: ExportInput): Table {
  const { t, timeline } = input;
  const counts = timeline.coverage.counts;
  return {
    id: "about",
    title: t("records.sheet.about"),
    headers: [t("records.column.item"), t("records.column.value")],
    rows: [
      [t("records.about.asOf"), day(timeline.asOf)],
      [t("records.about.exportedAt"), t.dateTime(input.at)],
      [t("records.about.rulesVersion"), input.rulesVersion],
      [t("records.about.windowYears"), timeline.coverage.windowYears],
      [t("audit.coverage.covered"), counts.covered],
      [t("audit.coverage.expiring"), counts.expiring],
      [t("audit.coverage.lapsed"), counts.lapsed],
      [t("audit.coverage.never"), counts.never],
      [t("records.about.note"), t("records.about.noteText")],
    ],
  };
}

/** Every table of an export, in sheet order: objectives, obligations, audits, about. */
export function exportTables(input: ExportInput): Table[] {
  return [objectivesTable(input), obligationsTable(input), auditsTable(input), aboutTable(input)];
}
