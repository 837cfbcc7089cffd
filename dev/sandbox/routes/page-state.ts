/** What the page reads: the workspace and its strings (/sandbox/config), and what a person sees now (/sandbox/state). */
import { type EmulatorMessage, SLACKBOT_ID } from "../../slack-emulator/index.js";
import { channelFor, dmOf, langOf, type Session, userOf } from "../session.js";

type Json = Record<string, unknown>;

const tsToIso = (ts: string): string => new Date(Number(ts.split(".")[0]) * 1000).toISOString();

export function configJson(session: Session): Json {
  const { emulator } = session;
  return {
    team: { id: emulator.teamId, name: "ISMAP Sandbox", domain: emulator.teamDomain },
    bot: { id: emulator.botUserId, name: emulator.botName },
    users: emulator
      .users()
      .filter((u) => !u.isBot && !u.deleted)
      .map((u) => ({
        id: u.id,
        name: u.name,
        realName: u.realName ?? u.name,
        locale: langOf(u),
        isAdmin: Boolean(u.isAdmin),
        isOwner: Boolean(u.isOwner),
        dm: dmOf(u.id),
      })),
    channels: emulator.channels().map((c) => ({
      id: c.id,
      name: c.name,
      isPrivate: Boolean(c.isPrivate),
      members: c.members,
      botIsMember: c.members.includes(emulator.botUserId),
    })),
    sweep: Boolean(session.sweep),
    strings: session.strings,
  };
}

function messageJson(m: EmulatorMessage): Json {
  return {
    ts: m.ts,
    threadTs: m.threadTs ?? null,
    author: m.user === SLACKBOT_ID ? "slackbot" : m.user ? "user" : "bot",
    userId: m.user ?? null,
    text: m.text ?? "",
    blocks: m.blocks ?? null,
    ephemeral: Boolean(m.ephemeralTo),
    time: tsToIso(m.ts),
    files: (m.files ?? []).map((f) => ({ id: f.id, name: f.name, url: `/sandbox/files/${f.id}` })),
  };
}

function viewJson(view: Json): Json {
  const { id, hash, type, title, submit: submitText, close: closeText, callback_id, blocks } = view;
  return { id, hash, type, title, submit: submitText, close: closeText, callback_id, blocks };
}

export function stateJson(session: Session, query: URLSearchParams): Json {
  const { emulator, clock } = session;
  const user = userOf(session, query.get("user"));
  const channelId = query.get("channel");
  let messages: Json[] = [];
  if (channelId) {
    const channel = channelFor(session, user, channelId);
    messages = emulator
      .messages(channel.id)
      .filter((m) => !m.ephemeralTo || m.ephemeralTo === user.id)
      .map(messageJson);
  }
  const home = emulator.homeView(user.id);
  return {
    revision: emulator.revision,
    now: clock.now().toISOString(),
    clockOffsetMs: clock.offsetMs,
    messages,
    modal: emulator.modalStack(user.id).map((view) => ({
      ...viewJson(view),
      errors: emulator.viewErrors(String(view.id)),
    })),
    home: home ? viewJson(home) : null,
    problems: emulator.problems().slice(-20),
  };
}
