/** chat.*: messages the app posts, ephemeral messages, updates and deletions, checked as Slack checks them. */
import { validateSurface } from "../../blockkit/validate.js";
import { invalidBlocks, requireString, SlackError } from "../slack-error.js";
import { type EmulatorContext, nextTs } from "../state.js";
import type { EmulatorMessage, Json } from "../types.js";
import { str } from "../values.js";
import { isMember, postTarget } from "./conversations.js";
import type { Methods } from "./handler.js";

/** Validates a chat.* message; text past 40,000 characters is truncated with a warning, as Slack does. */
function checkMessage(body: Json): {
  text: string | undefined;
  blocks: unknown[] | undefined;
  warnings: Json;
} {
  const blocks = body.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackError("invalid_blocks_format");
  let text = typeof body.text === "string" ? body.text : undefined;
  if (text === undefined && blocks === undefined && body.attachments === undefined) {
    throw new SlackError("no_text");
  }
  const problems = validateSurface({ type: "message", text, blocks, attachments: body.attachments });
  const truncated = problems.some((p) => p.path === "text" && p.rule === "max_length");
  const blocking = problems.filter((p) => p.path !== "text");
  if (blocking.length > 0) throw invalidBlocks(blocking, "");
  if (!truncated || text === undefined) return { text, blocks, warnings: {} };
  text = text.slice(0, 40_000);
  const warnings = {
    warning: "message_truncated",
    response_metadata: {
      warnings: ["message_truncated"],
      messages: [
        "[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.",
      ],
    },
  };
  return { text, blocks, warnings };
}

function messageJson({ config }: EmulatorContext, message: EmulatorMessage): Json {
  return {
    type: "message",
    subtype: "bot_message",
    text: message.text ?? "",
    user: config.botUserId,
    bot_id: config.botId,
    app_id: config.appId,
    team: config.teamId,
    ts: message.ts,
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
  };
}

function findMessage(ctx: EmulatorContext, body: Json): EmulatorMessage {
  const channel = requireString(body, "channel", "channel_not_found");
  const ts = requireString(body, "ts", "message_not_found");
  const target = postTarget(ctx, channel).channel;
  const message = ctx.state.messages.find((m) => m.channel === target && m.ts === ts && !m.ephemeralTo);
  if (!message) throw new SlackError("message_not_found");
  return message;
}

export const chatMethods: Methods = {
  "chat.postMessage": (ctx, body) => {
    const { state } = ctx;
    const target = postTarget(ctx, requireString(body, "channel", "channel_not_found"));
    const { text, blocks, warnings } = checkMessage(body);
    const message: EmulatorMessage = { channel: target.channel, ts: nextTs(ctx), text, blocks };
    const threadTs = str(body.thread_ts);
    if (threadTs) message.threadTs = threadTs;
    // The app's reply in an assistant thread clears the thread's status, as in Slack.
    const thread = threadTs ? state.assistantThreads.get(`${target.channel}:${threadTs}`) : undefined;
    if (thread) thread.status = "";
    state.messages.push(message);
    return { channel: message.channel, ts: message.ts, message: messageJson(ctx, message), ...warnings };
  },

  "chat.postEphemeral": (ctx, body) => {
    const { state } = ctx;
    const channelId = requireString(body, "channel", "channel_not_found");
    const userId = requireString(body, "user", "user_not_found");
    if (!state.users.has(userId)) throw new SlackError("user_not_found");
    const target = postTarget(ctx, channelId);
    const channel = state.channels.get(target.channel);
    if (channel && !isMember(channel, userId)) throw new SlackError("user_not_in_channel");
    if (target.dmUser && target.dmUser !== userId) throw new SlackError("user_not_in_channel");
    const { text, blocks, warnings } = checkMessage(body);
    const ts = nextTs(ctx);
    state.messages.push({ channel: target.channel, ts, text, blocks, ephemeralTo: userId });
    return { message_ts: ts, ...warnings };
  },

  "chat.update": (ctx, body) => {
    const message = findMessage(ctx, body);
    const { text, blocks, warnings } = checkMessage({
      text: body.text ?? message.text,
      blocks: body.blocks ?? message.blocks,
    });
    message.text = text;
    message.blocks = blocks;
    return {
      channel: message.channel,
      ts: message.ts,
      text: text ?? "",
      message: messageJson(ctx, message),
      ...warnings,
    };
  },

  "chat.delete": (ctx, body) => {
    const message = findMessage(ctx, body);
    ctx.state.messages = ctx.state.messages.filter((m) => m !== message);
    return { channel: message.channel, ts: message.ts };
  },
};
