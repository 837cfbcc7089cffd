import type { ActionsBlock, KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import { ACTION, type ShareCommand } from "../../contract/ids.js";
import { context, section, truncate } from "../parts.js";
import { MAX_MESSAGE_BLOCKS, MESSAGE_TEXT_MAX, type SlackMessage } from "./common.js";

/** Slack's limit for a button's value. */
export const SHARE_VALUE_MAX = 2000;

export interface ShareRequest {
  cmd: ShareCommand;
  /** The arguments the command was run with (e.g. the question of `ask`); cut to fit the button's value. */
  args: string;
}

/** The first `n` code units of `text`, never ending in half of a surrogate pair. */
function prefix(text: string, n: number): string {
  const cut = text.slice(0, n);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** The share button's value: the command and its arguments (commandValue). */
export function shareValue(share: ShareRequest): string {
  return commandValue(share.cmd, share.args);
}

/**
 * A button value naming a command and its arguments, JSON `{"cmd":…,"args":…}` of at most SHARE_VALUE_MAX
 * characters (shareValue; the caveats button). When too long, `args` is cut to the longest prefix that fits (JSON
 * escaping counts, so the cut is found by search, not arithmetic).
 */
export function commandValue(cmd: string, args: string): string {
  const encode = (a: string) => JSON.stringify({ cmd, args: a });
  const whole = encode(args);
  if (whole.length <= SHARE_VALUE_MAX) return whole;
  let lo = 0;
  let hi = args.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (encode(prefix(args, mid)).length <= SHARE_VALUE_MAX) lo = mid;
    else hi = mid - 1;
  }
  return encode(prefix(args, lo));
}

/** The actions block holding the share button. */
export function shareActions(share: ShareRequest, t: Translator): ActionsBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: ACTION.share,
        text: { type: "plain_text", text: `:mega: ${t("msg.share.button")}`, emoji: true },
        value: shareValue(share),
      },
    ],
  };
}

/**
 * Appends a 「チャンネルに共有」 / "Share in channel" button (action ACTION.share, value JSON {cmd, args}) to an
 * ephemeral answer. Builders leave room for it; should a message already be full, the block before the last is
 * dropped so the footer stays.
 */
export function withShareButton(message: SlackMessage, share: ShareRequest, t: Translator): SlackMessage {
  let blocks: KnownBlock[] = message.blocks;
  if (blocks.length >= MAX_MESSAGE_BLOCKS) {
    const last = blocks[blocks.length - 1];
    blocks = [...blocks.slice(0, MAX_MESSAGE_BLOCKS - 2), ...(last ? [last] : [])];
  }
  return { text: message.text, blocks: [...blocks, shareActions(share, t)] };
}

/** The command that shows an answer in full, as a person types it. */
const FULL_COMMAND: Record<ShareCommand, string> = {
  help: "/ismap help",
  audits: "/ismap audits",
  special: "/ismap special",
  status: "/ismap status",
  plan: "/ismap plan",
  ask: "/ismap ask",
  about: "/ismap about",
  profile_show: "/ismap profile show",
};

/** Who shared which answer: the channel version names them and the command that shows the whole answer. */
export interface ShareOrigin {
  cmd: ShareCommand;
  userId: string;
}

/**
 * What "share in channel" posts: never the whole private answer, but its headline and key dates (the answer's
 * `shared` part, else its fallback line), who shared it, and the command that shows the whole answer to whoever runs it.
 */
export function sharedMessage(answer: SlackMessage, origin: ShareOrigin, t: Translator): SlackMessage {
  const headline = answer.shared?.headline ?? answer.text;
  const lines = answer.shared?.lines ?? [];
  const command = `\`${FULL_COMMAND[origin.cmd]}\``;
  const back = t("concise.share.back", { command });
  return {
    text: truncate(headline, 300),
    blocks: [
      section([`*${truncate(headline, 300)}*`, ...lines.slice(0, 5)].join("\n")),
      context(`:mega: ${t("app.sharedBy", { user: `<@${origin.userId}>` })} · ${back}`),
    ],
  };
}

/** A one-line reply (an error, a confirmation). `text` is mrkdwn the caller built; escape what a user typed first. */
export function noticeMessage(text: string): SlackMessage {
  const shown = text.trim() === "" ? "—" : text;
  return { text: truncate(shown, MESSAGE_TEXT_MAX), blocks: [section(shown)] };
}
