/** What people do in the Slack client (for the sandbox): messages they write, Slackbot's notes to them. */
import { isMember } from "./api/conversations.js";
import { SLACKBOT_ID } from "./defaults.js";
import { SlackError } from "./slack-error.js";
import { changed, type EmulatorContext, nextTs } from "./state.js";
import type { EmulatorMessage } from "./types.js";

/** A message a person writes (it notifies nobody by itself: the caller sends the matching event). */
export function postUserMessage(
  ctx: EmulatorContext,
  message: { channel: string; userId: string; text: string; threadTs?: string },
): EmulatorMessage {
  const { state } = ctx;
  const user = state.users.get(message.userId);
  if (!user) throw new SlackError("user_not_found");
  const channel = state.channels.get(message.channel);
  const ownDm = message.channel === `D${message.userId.slice(1)}`;
  if (!ownDm && (!channel || !isMember(channel, message.userId))) throw new SlackError("not_in_channel");
  const stored: EmulatorMessage = {
    channel: message.channel,
    ts: nextTs(ctx),
    text: message.text,
    user: message.userId,
  };
  if (message.threadTs) stored.threadTs = message.threadTs;
  state.messages.push(stored);
  changed(ctx);
  return stored;
}

/** Slackbot's ephemeral note to one person ("… is not a valid command"). */
export function postNote(
  ctx: EmulatorContext,
  note: { channel: string; userId: string; text: string },
): EmulatorMessage {
  const stored: EmulatorMessage = {
    channel: note.channel,
    ts: nextTs(ctx),
    text: note.text,
    ephemeralTo: note.userId,
    user: SLACKBOT_ID,
  };
  ctx.state.messages.push(stored);
  changed(ctx);
  return stored;
}
