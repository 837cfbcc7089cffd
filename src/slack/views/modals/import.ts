/**
 * `/ismap import`: the file picker (a file_input taking one .xlsx or .csv), then the preview of what the file
 * holds (how many audits and objectives, every refused row and why), whose submit records them. File names and
 * cell values are shown escaped: whatever a file holds never becomes a link, a mention or formatting.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import type { ImportReading, RefusedRow } from "../../../records/import-rows.js";
import { CALLBACK } from "../../contract/ids.js";
import type { ViewContext } from "../../contract/modal-context.js";
import { context, escapeMrkdwn, sections, truncate } from "../parts.js";
import { plainText, TITLE_MAX, viewLabel } from "./text.js";

export const IMPORT_FILE_BLOCK = "import_file";
export const IMPORT_FILE_ACTION = "file";
/** Refused rows listed one by one; the rest are counted. */
const REFUSED_SHOWN = 30;

export const ImportConfirmMetadata = z.strictObject({
  pendingId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  fileName: z.string().max(300),
  count: z.int().positive(),
});
export type ImportConfirmMetadata = z.infer<typeof ImportConfirmMetadata>;

const title = (ctx: ViewContext) => plainText(truncate(ctx.t("records.import.title"), TITLE_MAX));
const close = (ctx: ViewContext) => plainText(truncate(ctx.t("common.close"), 24));

export function importFileModal(ctx: ViewContext, limits: { rows: number; bytes: number }): ModalView {
  const { t } = ctx;
  return {
    type: "modal",
    callback_id: CALLBACK.importFile,
    title: title(ctx),
    submit: plainText(truncate(t("records.import.read"), 24)),
    close: close(ctx),
    blocks: [
      ...sections(t("records.import.intro")),
      context(t("records.import.limits", { rows: limits.rows, megabytes: limits.bytes / (1024 * 1024) })),
      {
        type: "input",
        block_id: IMPORT_FILE_BLOCK,
        label: viewLabel(t("records.import.fileLabel")),
        element: {
          type: "file_input",
          action_id: IMPORT_FILE_ACTION,
          filetypes: ["xlsx", "csv"],
          max_files: 1,
        },
      } as KnownBlock,
    ],
  };
}

function refusedLines(refused: readonly RefusedRow[], ctx: ViewContext): string[] {
  const { t } = ctx;
  const lines = refused.slice(0, REFUSED_SHOWN).map((row) =>
    t("records.import.refusedRow", {
      row: row.row,
      problems: row.problems
        .map((p) =>
          t(`records.import.problem.${p.code}`, { value: escapeMrkdwn(truncate(p.value ?? "", 60)) }),
        )
        .join(" / "),
    }),
  );
  if (refused.length > REFUSED_SHOWN)
    lines.push(t("records.import.refusedMore", { count: refused.length - REFUSED_SHOWN }));
  return lines;
}

/**
 * What the file holds. With no refused row it offers to record them (metadata names the pending import); with
 * any, it only explains, and nothing can be recorded from it.
 */
export function importPreviewModal(
  ctx: ViewContext,
  fileName: string,
  reading: Extract<ImportReading, { ok: true }>,
  pendingId?: string,
): ModalView {
  const { t } = ctx;
  const audits = reading.internal.length + reading.external.length;
  const counts = {
    audits,
    internal: reading.internal.length,
    external: reading.external.length,
    objectives: reading.objectiveCount,
    refused: reading.refused.length,
  };
  const heading = `*${escapeMrkdwn(truncate(fileName, 150))}*`;
  if (reading.refused.length > 0 || pendingId === undefined) {
    return {
      type: "modal",
      callback_id: CALLBACK.result,
      title: title(ctx),
      close: close(ctx),
      blocks: [
        ...sections(`${heading}\n${t("records.import.previewRefused", counts)}`),
        ...sections(refusedLines(reading.refused, ctx).join("\n")),
      ].slice(0, 100),
    };
  }
  const metadata: ImportConfirmMetadata = { pendingId, fileName, count: audits };
  return {
    type: "modal",
    callback_id: CALLBACK.importConfirm,
    title: title(ctx),
    submit: plainText(truncate(t("records.import.confirm", { count: audits }), 24)),
    close: close(ctx),
    private_metadata: JSON.stringify(metadata),
    blocks: sections(`${heading}\n${t("records.import.previewOk", counts)}`),
  };
}
