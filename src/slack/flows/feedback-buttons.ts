/**
 * 👍 / 👎 under an answer: Slack's feedback buttons (a context_actions block) in messages the app posts in the
 * assistant panel and in conversations, plain buttons in the ephemeral replies of `/ismap ask`. The buttons carry
 * what a 👎 must store (the question, the answer's id, the rules version, the language and the surface), so
 * nothing is written to the store for the many answers nobody rates.
 */
import type { Button, KnownBlock } from "@slack/types";
import { z } from "zod";
import { Surface } from "../../feedback/repository.js";
import type { Locale } from "../../i18n/locale.js";
import type { Translator } from "../../i18n/translator.js";
import { ACTION } from "../contract/ids.js";
import { MAX_MESSAGE_BLOCKS, type SlackMessage } from "../views/messages/common.js";

/** How much of the question a button carries (a button value holds at most 2000 characters). */
export const FEEDBACK_VALUE_QUESTION_MAX = 300;
export const FEEDBACK_BLOCK_ID = "ismap_feedback";

export const FeedbackValue = z.object({
  /** up: 👍, down: 👎 */
  f: z.enum(["up", "down"]),
  /** The answer's id. */
  a: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  /** Rules version the answer was built from. */
  v: z.string().min(1).max(64),
  l: z.enum(["ja", "en"]),
  s: Surface,
  /** The question, base64url of its UTF-8: what a person typed never appears as such in a payload. */
  q: z.string().max(FEEDBACK_VALUE_QUESTION_MAX * 6),
});
export type FeedbackValue = z.infer<typeof FeedbackValue>;

export interface AnswerRef {
  answerId: string;
  question: string;
  rulesVersion: string;
  locale: Locale;
  surface: Surface;
}

function buttonValue(ref: AnswerRef, f: "up" | "down"): string {
  return JSON.stringify({
    f,
    a: ref.answerId,
    v: ref.rulesVersion,
    l: ref.locale,
    s: ref.surface,
    q: Buffer.from(ref.question.slice(0, FEEDBACK_VALUE_QUESTION_MAX), "utf8").toString("base64url"),
  } satisfies FeedbackValue);
}

/** A button's value back as what it stands for (the question decoded); undefined for anything this app did not put there. */
export function parseFeedbackValue(value: unknown): FeedbackValue | undefined {
  if (typeof value !== "string" || value.length > 2000) return undefined;
  try {
    const parsed = FeedbackValue.safeParse(JSON.parse(value));
    if (!parsed.success || !/^[A-Za-z0-9_-]*$/.test(parsed.data.q)) return undefined;
    const question = Buffer.from(parsed.data.q, "base64url").toString("utf8");
    return { ...parsed.data, q: question.slice(0, FEEDBACK_VALUE_QUESTION_MAX) };
  } catch {
    return undefined;
  }
}

/** Slack's feedback buttons (messages the app posts: the assistant panel, mentions, direct messages). */
export function feedbackButtonsBlock(ref: AnswerRef, t: Translator): KnownBlock {
  return {
    type: "context_actions",
    block_id: FEEDBACK_BLOCK_ID,
    elements: [
      {
        type: "feedback_buttons",
        action_id: ACTION.feedback,
        positive_button: {
          text: { type: "plain_text", text: t("feedback.positive"), emoji: true },
          accessibility_label: t("feedback.positiveLabel"),
          value: buttonValue(ref, "up"),
        },
        negative_button: {
          text: { type: "plain_text", text: t("feedback.negative"), emoji: true },
          accessibility_label: t("feedback.negativeLabel"),
          value: buttonValue(ref, "down"),
        },
      },
    ],
  };
}

/** Plain 👍 / 👎 buttons, where feedback buttons are not offered (ephemeral replies to a slash command). */
export function feedbackButtons(ref: AnswerRef, t: Translator): Button[] {
  return [
    {
      type: "button",
      action_id: ACTION.feedbackUp,
      text: { type: "plain_text", text: t("feedback.positive"), emoji: true },
      accessibility_label: t("feedback.positiveLabel"),
      value: buttonValue(ref, "up"),
    },
    {
      type: "button",
      action_id: ACTION.feedbackDown,
      text: { type: "plain_text", text: t("feedback.negative"), emoji: true },
      accessibility_label: t("feedback.negativeLabel"),
      value: buttonValue(ref, "down"),
    },
  ];
}

/**
 * The answer with 👍 / 👎 buttons beside its last row of buttons (the share button of `/ismap ask`), or in a row of
 * their own when it has none.
 */
export function withFeedbackButtons(message: SlackMessage, ref: AnswerRef, t: Translator): SlackMessage {
  const last = message.blocks.at(-1);
  if (last?.type === "actions" && last.elements.length + 2 <= 25) {
    const row: KnownBlock = { ...last, elements: [...last.elements, ...feedbackButtons(ref, t)] };
    return { text: message.text, blocks: [...message.blocks.slice(0, -1), row] };
  }
  return withFeedback(message, {
    type: "actions",
    block_id: FEEDBACK_BLOCK_ID,
    elements: feedbackButtons(ref, t),
  });
}

/** The answer with the feedback block last; the last blocks give way when the message is full. */
export function withFeedback(message: SlackMessage, block: KnownBlock): SlackMessage {
  let blocks = message.blocks;
  if (blocks.length >= MAX_MESSAGE_BLOCKS) {
    const last = blocks[blocks.length - 1];
    blocks = [...blocks.slice(0, MAX_MESSAGE_BLOCKS - 2), ...(last ? [last] : [])];
  }
  return { text: message.text, blocks: [...blocks, block] };
}
