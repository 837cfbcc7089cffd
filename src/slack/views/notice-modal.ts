import type { KnownBlock, ModalView } from "@slack/types";
import type { Translator } from "../../i18n/translator.js";
import type { RuleSet } from "../../rules/schema.js";
import { CALLBACK } from "../contract/ids.js";
import { sections, truncate } from "./parts.js";

/** A modal that only tells the person something (a refusal, a failure, a confirmation), with a close button. */
export function noticeModal(
  title: string,
  text: string,
  ctx: { rules: RuleSet; t: Translator; asOf: Date },
  extraBlocks: KnownBlock[] = [],
): ModalView {
  return {
    type: "modal",
    callback_id: CALLBACK.result,
    title: { type: "plain_text", text: truncate(title, 24) },
    close: { type: "plain_text", text: truncate(ctx.t("common.close"), 24) },
    blocks: [...sections(text), ...extraBlocks].slice(0, 100),
  };
}

/** Message blocks shown in a modal (answers opened from App Home); interactive share rows are dropped. */
export function answerModal(title: string, blocks: KnownBlock[], ctx: { t: Translator }): ModalView {
  return {
    type: "modal",
    callback_id: CALLBACK.result,
    title: { type: "plain_text", text: truncate(title, 24) },
    close: { type: "plain_text", text: truncate(ctx.t("common.close"), 24) },
    blocks: blocks.filter((b) => b.type !== "actions").slice(0, 100),
  };
}
