import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { toJstDate } from "../../../lib/time.js";
import { type RawSheet, readCsv, readWorkbook } from "../../../records/files.js";
import {
  type ImportReading,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  readImport,
} from "../../../records/import-rows.js";
import { CALLBACK } from "../../contract/ids.js";
import { ModalMetadataError } from "../../contract/modal-metadata.js";
import { refreshHome } from "../../flows/publish-home.js";
import { saveImportedAudits } from "../../flows/record-audit.js";
import { downloadSlackFile, FileTooLargeError } from "../../runtime/file-download.js";
import type { Services } from "../../runtime/services.js";
import {
  IMPORT_FILE_ACTION,
  IMPORT_FILE_BLOCK,
  ImportConfirmMetadata,
  importPreviewModal,
} from "../../views/modals/import.js";
import { noticeModal } from "../../views/notice-modal.js";
import { escapeMrkdwn, truncate } from "../../views/parts.js";
import { allowedToEdit, onSubmission, type Submission } from "./submission.js";

interface ChosenFile {
  id: string;
  name: string;
  size?: number;
  filetype?: string;
}

/** The file the person chose in the file_input (Slack requires one: the input is not optional). */
function chosenFile(sub: Submission): ChosenFile | undefined {
  const state = sub.view.state.values[IMPORT_FILE_BLOCK]?.[IMPORT_FILE_ACTION] as
    | { files?: { id?: unknown; name?: unknown; size?: unknown; filetype?: unknown }[] }
    | undefined;
  const file = state?.files?.[0];
  if (!file || typeof file.id !== "string") return undefined;
  return {
    id: file.id,
    name: typeof file.name === "string" ? file.name : file.id,
    ...(typeof file.size === "number" ? { size: file.size } : {}),
    ...(typeof file.filetype === "string" ? { filetype: file.filetype } : {}),
  };
}

function formatOf(name: string, filetype?: string): "xlsx" | "csv" | undefined {
  const type = (filetype ?? "").toLowerCase();
  if (type === "xlsx" || /\.xlsx$/i.test(name)) return "xlsx";
  if (type === "csv" || /\.csv$/i.test(name)) return "csv";
  return undefined;
}

async function sheetsOf(
  format: "xlsx" | "csv",
  bytes: Buffer,
  name: string,
): Promise<RawSheet[] | undefined> {
  try {
    return format === "xlsx" ? await readWorkbook(bytes) : [readCsv(bytes, name)];
  } catch {
    return undefined;
  }
}

const MEGABYTES = MAX_IMPORT_BYTES / (1024 * 1024);

/** The message for a file that could not be read as an audit table. */
function unreadableText(
  sub: Submission,
  reading: Exclude<ImportReading, { ok: true }>,
  file: string,
): string {
  const { t } = sub.who;
  switch (reading.reason) {
    case "no_audit_table":
      return t("records.import.noTable", { file });
    case "empty":
      return t("records.import.empty", { file });
    case "too_many_rows":
      return t("records.import.tooManyRows", { file, rows: reading.rows ?? 0, max: MAX_IMPORT_ROWS });
  }
}

/**
 * `/ismap import`: the file is read after the ack (the modal shows "reading" meanwhile), every row is checked, and
 * the preview replaces the modal; confirming it records every audit in one profile revision, or none.
 */
export function readImportFile(services: Services): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "import: read file", async (args) => {
    const { sub, ack, client } = args;
    const { who, ctx } = sub;
    const stored = await services.profiles.get(who.team);
    if (!(await allowedToEdit(services, args, stored.profile, "import"))) return;
    const file = chosenFile(sub);
    const errors = (text: string) =>
      ack({ response_action: "errors", errors: { [IMPORT_FILE_BLOCK]: text } });
    if (!file) return void (await errors(who.t("records.import.noFile")));
    const shownName = escapeMrkdwn(truncate(file.name, 150));
    const format = formatOf(file.name, file.filetype);
    if (!format) return void (await errors(who.t("records.import.wrongType", { file: file.name })));
    if (file.size !== undefined && file.size > MAX_IMPORT_BYTES)
      return void (await errors(who.t("records.import.tooLarge", { file: file.name, megabytes: MEGABYTES })));
    await ack({
      response_action: "update",
      view: noticeModal(who.t("records.import.title"), who.t("records.import.reading"), ctx),
    });

    const show = (text: string) =>
      client.views.update({
        view_id: sub.view.id,
        view: noticeModal(who.t("records.import.title"), text, ctx),
      });
    let bytes: Buffer;
    try {
      bytes = (await downloadSlackFile(client, file.id, MAX_IMPORT_BYTES)).bytes;
    } catch (error) {
      if (error instanceof FileTooLargeError)
        return void (await show(who.t("records.import.tooLarge", { file: shownName, megabytes: MEGABYTES })));
      services.logger.warn(`import: could not fetch ${file.id}: ${(error as Error).message}`);
      return void (await show(who.t("records.import.downloadFailed")));
    }
    const sheets = await sheetsOf(format, bytes, file.name);
    if (!sheets) return void (await show(who.t("records.import.unreadable", { file: shownName })));
    const reading = readImport(sheets, {
      rules: services.engine.rules,
      today: toJstDate(ctx.asOf),
      recorded: stored.profile.audits,
    });
    if (!reading.ok) return void (await show(unreadableText(sub, reading, shownName)));

    let pendingId: string | undefined;
    if (reading.refused.length === 0) {
      pendingId = services.newId();
      await services.pendingImports.put(who.team, pendingId, {
        userId: who.userId,
        fileName: file.name,
        internal: reading.internal,
        external: reading.external,
      });
    }
    await client.views.update({
      view_id: sub.view.id,
      view: importPreviewModal(ctx, file.name, reading, pendingId),
    });
  });
}

/** The preview's "Record": every audit of the file in one revision, or none. */
export function confirmImport(services: Services): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "import: record", async (args) => {
    const { sub, ack, client } = args;
    const { who, ctx } = sub;
    const stored = await services.profiles.get(who.team);
    if (!(await allowedToEdit(services, args, stored.profile, "import"))) return;
    const metadata = parseMetadata(sub.view.private_metadata);
    const pending = await services.pendingImports.take(who.team, metadata.pendingId, who.userId);
    if (!pending) {
      return void (await ack({
        response_action: "update",
        view: noticeModal(who.t("records.import.title"), who.t("records.import.expired"), ctx),
      }));
    }
    await ack({
      response_action: "update",
      view: noticeModal(who.t("records.import.title"), who.t("app.loading"), ctx),
    });
    const count = pending.internal.length + pending.external.length;
    // One revision for the whole file: every audit is appended in the same save, or (on any failure) none.
    const revision = await saveImportedAudits(services, who.team, who.userId, ctx.asOf, pending);
    await client.views.update({
      view_id: sub.view.id,
      view: noticeModal(
        who.t("app.savedTitle"),
        who.t("records.import.saved", {
          count,
          file: escapeMrkdwn(truncate(pending.fileName, 150)),
          revision,
        }),
        ctx,
      ),
    });
    await refreshHome(services, client as WebClient, who);
  });
}

function parseMetadata(raw: string): ImportConfirmMetadata {
  try {
    return ImportConfirmMetadata.parse(JSON.parse(raw));
  } catch (error) {
    throw new ModalMetadataError(CALLBACK.importConfirm, "invalid", (error as Error).message);
  }
}
