/** What people type: slash commands, and messages (DMs to the app, mentions of it in channels). */
import { eventCallback, slashCommand } from "../../slack-requests/index.js";
import { PageError } from "../page-http.js";
import { channelFor, deliver, type Session, say, userOf } from "../session.js";

type Json = Record<string, unknown>;

export async function command(session: Session, body: Json): Promise<Json> {
  const { emulator } = session;
  const user = userOf(session, body.user);
  const channel = channelFor(session, user, body.channel);
  const text = String(body.text ?? "").trim();
  const match = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) throw new PageError(400, "not_a_command");
  const [, name = "", args = ""] = match;
  if (name !== "/ismap") {
    emulator.postNote({
      channel: channel.id,
      userId: user.id,
      text: say(session, user, "unknownCommand", { command: name }),
    });
    return { ok: false, error: "unknown_command" };
  }
  const request = slashCommand(emulator, {
    text: args,
    user_id: user.id,
    user_name: user.name,
    channel_id: channel.id,
    channel_name: channel.name,
    response_url: emulator.responseUrl({ channel: channel.id, userId: user.id }),
  });
  const response = await deliver(session, request, name);
  if (response.status !== 200) {
    emulator.postNote({
      channel: channel.id,
      userId: user.id,
      text: say(session, user, "commandFailed", { command: name, error: "dispatch_failed" }),
    });
    return { ok: false, error: "dispatch_failed" };
  }
  return { ok: true };
}

/** Slack turns `@name` typed in the composer into a mention; so does the page. */
function withMentions({ emulator }: Session, text: string): string {
  return text.replace(/@([\w.-]+)/g, (whole, name: string) => {
    if (name === emulator.botName) return `<@${emulator.botUserId}>`;
    const user = emulator.users().find((u) => u.name === name);
    return user ? `<@${user.id}>` : whole;
  });
}

export async function message(session: Session, body: Json): Promise<Json> {
  const { emulator } = session;
  const user = userOf(session, body.user);
  const channel = channelFor(session, user, body.channel);
  const text = withMentions(session, String(body.text ?? "").trim());
  if (text === "") throw new PageError(400, "no_text");
  const posted = emulator.postUserMessage({ channel: channel.id, userId: user.id, text });
  const eventBase = { user: user.id, text, ts: posted.ts, channel: channel.id, event_ts: posted.ts };
  if (channel.isDm) {
    const request = eventCallback(emulator, { type: "message", channel_type: "im", ...eventBase });
    await deliver(session, request, "message.im");
    return { ok: true, ts: posted.ts };
  }
  if (!text.includes(`<@${emulator.botUserId}>`)) return { ok: true, ts: posted.ts };
  const info = emulator.channels().find((c) => c.id === channel.id);
  if (!info?.members.includes(emulator.botUserId)) {
    emulator.postNote({
      channel: channel.id,
      userId: user.id,
      text: say(session, user, "mentionNotDelivered", { bot: emulator.botName }),
    });
    return { ok: true, ts: posted.ts, delivered: false };
  }
  await deliver(session, eventCallback(emulator, { type: "app_mention", ...eventBase }), "app_mention");
  return { ok: true, ts: posted.ts, delivered: true };
}
