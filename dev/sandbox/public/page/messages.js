/** The conversation: messages with their threads, Block Kit or mrkdwn content, and shared files. */
import { collectState, mrkdwnToHtml, renderBlocks } from "../blockkit.js";
import { api } from "./api.js";
import { $, el, icon } from "./dom.js";
import { currentChannelParam, lang, page, refresh, rendererContext, t } from "./state.js";

const timeFormat = () =>
  new Intl.DateTimeFormat(lang() === "en" ? "en-GB" : "ja-JP", {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    minute: "2-digit",
  });

function authorOf(message) {
  if (message.author === "bot") return { name: page.config.bot.name, initials: "IS", kind: "bot" };
  if (message.author === "slackbot") return { name: "Slackbot", initials: "S", kind: "slackbot" };
  const u = page.config.users.find((x) => x.id === message.userId);
  const name = u ? u.realName : message.userId;
  return { name, initials: name.slice(0, 1).toUpperCase(), kind: "user", id: message.userId };
}

export function renderMessages(messages) {
  const list = $("#message-list");
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  const byTs = new Map(messages.map((m) => [m.ts, m]));
  const top = messages.filter((m) => !m.threadTs || m.threadTs === m.ts || !byTs.has(m.threadTs));
  const replies = new Map();
  for (const m of messages) {
    if (m.threadTs && m.threadTs !== m.ts && byTs.has(m.threadTs)) {
      replies.set(m.threadTs, [...(replies.get(m.threadTs) ?? []), m]);
    }
  }
  if (messages.length === 0) {
    const empty = page.where.kind === "app" ? t("emptyDm", { bot: page.config.bot.name }) : t("emptyChannel");
    list.replaceChildren(el("p", "empty", empty));
    page.messageCount = 0;
    return;
  }
  list.replaceChildren(
    ...top.map((message) => {
      const node = messageNode(message);
      const thread = replies.get(message.ts);
      if (thread) {
        const box = el("div", "thread");
        box.setAttribute("aria-label", t("replies"));
        box.append(...thread.map(messageNode));
        node.querySelector(".msg-body").append(box);
      }
      return node;
    }),
  );
  if (nearBottom || messages.length > page.messageCount) list.scrollTop = list.scrollHeight;
  page.messageCount = messages.length;
}

function messageNode(message) {
  const author = authorOf(message);
  const node = el("article", `msg msg-${author.kind}${message.ephemeral ? " ephemeral" : ""}`);
  node.dataset.ts = message.ts;
  const avatar = el("div", `avatar avatar-${author.kind}`, author.initials);
  if (author.kind === "user") avatar.style.setProperty("--hue", String(hueOf(author.id)));
  const body = el("div", "msg-body");
  const meta = el("div", "msg-meta");
  meta.append(el("span", "msg-author", author.name));
  if (author.kind === "bot") meta.append(el("span", "badge", t("appBadge")));
  const time = el("time", "msg-time", timeFormat().format(new Date(message.time)));
  time.dateTime = message.time;
  meta.append(time);
  body.append(meta);
  if (message.ephemeral) {
    const note = el("div", "ephemeral-note");
    note.append(icon("eye"), document.createTextNode(` ${t("onlyVisibleToYou")}`));
    body.append(note);
  }
  const content = el("div", "msg-content");
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    const channel = currentChannelParam();
    const ctx = rendererContext("message", {
      dispatch: (action) =>
        api("/sandbox/action", {
          user: page.userId,
          source: { kind: "message", channel, ts: message.ts },
          action,
          state: collectState(ctx),
        }).then(refresh),
    });
    content.append(renderBlocks(message.blocks, ctx));
  } else {
    const text = el("div", "bk-text bk-mrkdwn");
    text.innerHTML = mrkdwnToHtml(message.text, {
      users: page.config.users,
      channels: page.config.channels,
      bot: page.config.bot,
    });
    content.append(text);
  }
  if (Array.isArray(message.files) && message.files.length > 0) content.append(fileLinks(message.files));
  body.append(content);
  node.append(avatar, body);
  return node;
}

/** Files shared with a message: one download link each. */
function fileLinks(files) {
  const box = el("div", "msg-files");
  for (const file of files) {
    const link = el("a", "msg-file", file.name);
    link.href = file.url;
    link.download = file.name;
    box.append(link);
  }
  return box;
}

function hueOf(id) {
  let hash = 0;
  for (const c of id ?? "") hash = (hash * 31 + c.charCodeAt(0)) % 360;
  return hash;
}
