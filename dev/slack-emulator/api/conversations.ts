/** conversations.*: channels as the bot sees them, membership, and the app's DM with a person. */
import { requireString, SlackError } from "../slack-error.js";
import type { EmulatorContext } from "../state.js";
import type { EmulatorChannel, Json } from "../types.js";
import type { Methods } from "./handler.js";

export const isMember = (channel: EmulatorChannel, userId: string): boolean =>
  channel.members.includes(userId);

/** A channel the bot can see: private channels without the bot do not exist for it. */
export function visibleChannel(ctx: EmulatorContext, id: string): EmulatorChannel {
  const channel = ctx.state.channels.get(id);
  if (!channel || (channel.isPrivate && !isMember(channel, ctx.config.botUserId))) {
    throw new SlackError("channel_not_found");
  }
  return channel;
}

/** Where chat.* may post: a channel the bot is in, or a user's DM (by user id or D… id). */
export function postTarget(ctx: EmulatorContext, id: string): { channel: string; dmUser?: string } {
  const { state } = ctx;
  const user = state.users.get(id);
  if (user) return { channel: `D${id.slice(1)}`, dmUser: id };
  if (id.startsWith("D")) {
    const dmUser = [...state.users.keys()].find((u) => `D${u.slice(1)}` === id);
    if (dmUser) return { channel: id, dmUser };
  }
  const channel = visibleChannel(ctx, id);
  if (!isMember(channel, ctx.config.botUserId)) throw new SlackError("not_in_channel");
  return { channel: channel.id };
}

function channelJson(ctx: EmulatorContext, channel: EmulatorChannel): Json {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isPrivate,
    is_group: false,
    is_im: false,
    is_private: Boolean(channel.isPrivate),
    is_archived: false,
    is_general: channel.name === "general",
    is_member: isMember(channel, ctx.config.botUserId),
    num_members: channel.members.length,
    context_team_id: ctx.config.teamId,
    created: 1_700_000_000,
  };
}

export const conversationsMethods: Methods = {
  "conversations.info": (ctx, body) => ({
    channel: channelJson(ctx, visibleChannel(ctx, requireString(body, "channel", "channel_not_found"))),
  }),

  "conversations.members": (ctx, body) => {
    const channel = visibleChannel(ctx, requireString(body, "channel", "channel_not_found"));
    const limit = Math.max(1, Number(body.limit ?? 100) || 100);
    const start = body.cursor ? Number(Buffer.from(String(body.cursor), "base64url").toString()) : 0;
    const members = channel.members.slice(start, start + limit);
    const next = start + limit < channel.members.length ? String(start + limit) : "";
    return {
      members,
      response_metadata: { next_cursor: next && Buffer.from(next).toString("base64url") },
    };
  },

  "conversations.join": (ctx, body) => {
    const channel = ctx.state.channels.get(requireString(body, "channel", "channel_not_found"));
    if (!channel) throw new SlackError("channel_not_found");
    if (channel.isPrivate) throw new SlackError("method_not_supported_for_channel_type");
    if (!isMember(channel, ctx.config.botUserId)) channel.members.push(ctx.config.botUserId);
    return { channel: channelJson(ctx, channel) };
  },

  // The app's DM with a person (files.uploadV2 shares files there).
  "conversations.open": (ctx, body) => {
    const users = String(body.users ?? "")
      .split(",")
      .filter(Boolean);
    const user = users.length === 1 ? ctx.state.users.get(users[0] as string) : undefined;
    if (!user) throw new SlackError(users.length > 1 ? "not_supported" : "user_not_found");
    return { channel: { id: `D${user.id.slice(1)}`, is_im: true, user: user.id } };
  },
};
