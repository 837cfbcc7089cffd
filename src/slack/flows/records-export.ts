/**
 * `/ismap export` and App Home's export button: the team's records as an .xlsx workbook and CSV files (see
 * src/records), uploaded with files.uploadV2 into the person's direct messages with the app, with a one-line
 * summary. Everything in them comes from the profile and the obligations timeline computed now.
 */
import type { WebClient } from "@slack/web-api";
import type { Translator } from "../../i18n/translator.js";
import { toCsv, toWorkbook } from "../../records/files.js";
import { exportTables, type Table } from "../../records/tables.js";
import { failureText, slackErrorCode } from "../runtime/failures.js";
import type { Requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";

export interface ExportFile {
  filename: string;
  bytes: Buffer;
}

export interface BuiltExport {
  files: ExportFile[];
  /** One line: the day, the rules version and the headline counts. */
  summary: string;
}

/** The files of an export for the person's team, in the person's language. Reads only. */
export async function buildExport(services: Services, who: Requester): Promise<BuiltExport> {
  const at = services.clock();
  const { profile } = await services.profiles.get(who.team);
  const timeline = services.engine.obligations(profile, at);
  const tables = exportTables({
    rules: services.engine.rules,
    rulesVersion: services.engine.version,
    profile,
    timeline,
    at,
    t: who.t,
  });
  const day = timeline.asOf;
  // A CSV file has no room for an "about" sheet: every row carries the as-of day and the rules version instead
  // (an import finds its columns by header and ignores these).
  const csvOf = (table: Table): ExportFile => ({
    filename: `ismap-${table.id}-${day}.csv`,
    bytes: toCsv({
      ...table,
      headers: [...table.headers, who.t("records.about.asOf"), who.t("records.about.rulesVersion")],
      rows: table.rows.map((row) => [...row, { day }, services.engine.version]),
    }),
  });
  const exported = tables.filter((table) => table.id !== "about");
  const files: ExportFile[] = [
    {
      filename: `ismap-records-${day}.xlsx`,
      bytes: await toWorkbook(tables, { title: `ISMAP-LIU ${day}` }),
    },
    ...exported.map(csvOf),
  ];
  const { counts } = timeline.coverage;
  const summary = who.t("records.export.summary", {
    asOf: who.t.date(day),
    version: services.engine.version,
    covered: counts.covered + counts.expiring,
    total: timeline.coverage.objectives.length,
    obligations: timeline.obligations.length,
    audits: profile.audits.internal.length + profile.audits.external.length,
  });
  return { files, summary };
}

/**
 * Builds the export and uploads it to the person's DM with the app, or to `options.channel` when they asked to
 * share it there (the app must be in that channel: Slack answers not_in_channel otherwise); resolves with the
 * summary line.
 */
export async function sendExport(
  services: Services,
  client: WebClient,
  who: Requester,
  options: { channel?: string } = {},
): Promise<string> {
  const built = await buildExport(services, who);
  const channel = options.channel ?? (await client.conversations.open({ users: who.userId })).channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  await client.files.uploadV2({
    channel_id: channel,
    initial_comment: built.summary,
    file_uploads: built.files.map((file) => ({
      file: file.bytes,
      filename: file.filename,
      title: file.filename,
    })),
  });
  return built.summary;
}

/**
 * What the person reads when an export failed: an installation without the file scopes is told so; `bot` names the
 * app in the invite hint (see bot-name.ts).
 */
export function exportFailureText(error: unknown, t: Translator, bot: string): string {
  const code = slackErrorCode(error);
  if (code === "missing_scope" || code === "not_allowed_token_type") return t("records.export.missingScope");
  if (code === "not_in_channel" || code === "channel_not_found")
    return t("records.export.notInChannel", { bot });
  return failureText(error, t);
}
