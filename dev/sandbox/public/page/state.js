/**
 * What the page knows: the workspace's config, who is using it, where they are, what is drawn; and the words of the
 * person's language. `refresh` is bound late by refresh.js, whose renderers call it after each request.
 */
import { createContext } from "../blockkit.js";

export const page = {
  config: null,
  userId: null,
  /** { kind: "channel", id } or { kind: "app", tab: "home" | "messages" } */
  where: { kind: "channel", id: null },
  shown: {},
  modal: { key: null, ctx: null, localErrors: null },
  homeCtx: null,
  dismissedSeq: 0,
  lastState: null,
  refreshing: false,
  messageCount: 0,
};

let refreshNow = async () => {};

/** Reads /sandbox/state again and redraws what changed. */
export const refresh = () => refreshNow();

export function bindRefresh(poll) {
  refreshNow = poll;
}

export function user() {
  return page.config.users.find((u) => u.id === page.userId) ?? page.config.users[0];
}

export function lang() {
  return user().locale === "en" ? "en" : "ja";
}

export function t(key, params = {}) {
  const message = page.config.strings[lang()][key] ?? page.config.strings.en[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => params[name] ?? whole);
}

export function rendererContext(surface, extra = {}) {
  return createContext({
    surface,
    users: page.config.users,
    channels: page.config.channels,
    bot: page.config.bot,
    t,
    ...extra,
  });
}

export function myChannels() {
  return page.config.channels.filter((c) => c.members.includes(page.userId));
}

export function placeName() {
  if (page.where.kind === "app") return page.config.bot.name;
  const channel = page.config.channels.find((c) => c.id === page.where.id);
  return channel ? `#${channel.name}` : "";
}

export function currentChannelParam() {
  if (page.where.kind === "channel") return page.where.id;
  if (page.where.tab === "messages") return user().dm;
  return null;
}
