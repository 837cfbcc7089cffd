import type { PlainTextElement } from "@slack/types";
import { LIMITS } from "../../blockkit/limits.js";
import { truncate } from "../parts.js";

/** Slack's limits the modal builders lean on (from the Block Kit limits table). */
export const MAX_MODAL_BLOCKS = LIMITS.blocksPerSurface.modal;
export const OPTION_TEXT_MAX = LIMITS.option.text;
export const TITLE_MAX = LIMITS.view.titleText;

/** A plain_text object (never empty: Slack rejects empty text). */
export function plainText(text: string, max: number = LIMITS.textObject.max): PlainTextElement {
  return { type: "plain_text", text: truncate(text, max) || " ", emoji: true };
}

/** A modal title, submit or close label: at most 24 characters. */
export function viewLabel(text: string): PlainTextElement {
  return plainText(text, TITLE_MAX);
}
