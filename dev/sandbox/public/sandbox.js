/**
 * The sandbox page: a Slack-like client for one pretend workspace. It talks only to the sandbox server's JSON
 * endpoints (/sandbox/…); the server turns each action into the signed request Slack would send to the app.
 * Block Kit is drawn by blockkit.js; this module is the chrome around it (people, channels, composer, modals,
 * App Home, clock, problems).
 */
import { collectState, createContext, mrkdwnToHtml, renderBlocks } from "/assets/blockkit.js";

const POLL_MS = 400;
const LOUD = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_arguments",
  "view_too_large",
  "invalid_errors",
  "invalid_response_action",
  "invalid_options",
  "invalid_ack",
  "dispatch_failed",
  "operation_timeout",
  "push_limit_reached",
  "no_text",
]);

const $ = (selector) => document.querySelector(selector);

const page = {
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

// ------------------------------------------------------------------ basics

function user() {
  return page.config.users.find((u) => u.id === page.userId) ?? page.config.users[0];
}

function lang() {
  return user().locale === "en" ? "en" : "ja";
}

function t(key, params = {}) {
  const message = page.config.strings[lang()][key] ?? page.config.strings.en[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => params[name] ?? whole);
}

async function api(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    toast(t("notReachable"), "error");
    throw new Error("unreachable");
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 409) toast(`${path}: ${json.error ?? response.status}`, "error");
  return json;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const ICONS = {
  lock: "M5 7V5a3 3 0 0 1 6 0v2h1v7H4V7h1zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z",
  hash: "M6 2 5.4 5H3v1.5h2.1L4.6 9.5H2.5V11h1.8L3.7 14h1.5l.6-3h2.9l-.6 3h1.5l.6-3H12V9.5H10.5l.5-3H13V5h-1.7l.6-3h-1.5l-.6 3H6.9l.6-3H6zm.6 4.5h2.9l-.5 3H6.1l.5-3z",
  eye: "M8 3C4.5 3 2 5.7 1 8c1 2.3 3.5 5 7 5s6-2.7 7-5c-1-2.3-3.5-5-7-5zm0 8.2A3.2 3.2 0 1 1 8 4.8a3.2 3.2 0 0 1 0 6.4zM8 6.3a1.7 1.7 0 1 0 0 3.4 1.7 1.7 0 0 0 0-3.4z",
};

/** A small inline icon (no icon font, no emoji needed). */
function icon(name, className = "icon") {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", className);
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  path.setAttribute("fill", "currentColor");
  path.setAttribute("fill-rule", "evenodd");
  svg.append(path);
  return svg;
}

function toast(message, kind = "info") {
  const node = el("div", `toast toast-${kind}`, message);
  $("#toasts").append(node);
  setTimeout(() => node.remove(), 5000);
}

const timeFormat = () =>
  new Intl.DateTimeFormat(lang() === "en" ? "en-GB" : "ja-JP", {
    timeZone: "Asia/Tokyo",
    hour: "2-digit",
    minute: "2-digit",
  });

function clockText(iso) {
  const format = new Intl.DateTimeFormat(lang() === "en" ? "en-GB" : "ja-JP", {
    timeZone: "Asia/Tokyo",
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  return `${format.format(new Date(iso))} JST`;
}

function rendererContext(surface, extra = {}) {
  return createContext({
    surface,
    users: page.config.users,
    channels: page.config.channels,
    bot: page.config.bot,
    t,
    ...extra,
  });
}

// ------------------------------------------------------------------ chrome

function applyChrome() {
  document.documentElement.lang = lang();
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.title = t("title");
  $("#composer-input").placeholder = t("composerPlaceholder", { channel: placeName() });
  $("#sweep-button").hidden = !page.config.sweep;
  renderUserPicker();
  renderSidebar();
  renderPaneHeader();
  renderSuggestions();
  page.shown = {};
}

function roleOf(u) {
  return u.isOwner ? t("roleOwner") : u.isAdmin ? t("roleAdmin") : t("roleMember");
}

function renderUserPicker() {
  const picker = $("#user-picker");
  picker.replaceChildren(
    ...page.config.users.map((u) => {
      const option = el("option", null, `${u.realName} (${roleOf(u)} · ${u.locale})`);
      option.value = u.id;
      option.selected = u.id === page.userId;
      return option;
    }),
  );
}

function myChannels() {
  return page.config.channels.filter((c) => c.members.includes(page.userId));
}

function placeName() {
  if (page.where.kind === "app") return page.config.bot.name;
  const channel = page.config.channels.find((c) => c.id === page.where.id);
  return channel ? `#${channel.name}` : "";
}

function renderSidebar() {
  $("#team-name").textContent = page.config.team.name;
  const appItem = el("li");
  const appButton = el("button", "side-item", "");
  appButton.type = "button";
  appButton.id = "open-app";
  appButton.append(el("span", "side-app-icon", "IS"), el("span", null, page.config.bot.name));
  appButton.classList.toggle("active", page.where.kind === "app");
  appButton.addEventListener("click", () => go({ kind: "app", tab: "home" }));
  appItem.append(appButton);
  $("#app-list").replaceChildren(appItem);

  $("#channel-list").replaceChildren(
    ...myChannels().map((channel) => {
      const item = el("li");
      const button = el("button", "side-item");
      button.type = "button";
      button.dataset.channel = channel.name;
      const mark = el("span", "side-hash");
      mark.append(icon(channel.isPrivate ? "lock" : "hash"));
      if (channel.isPrivate) mark.title = t("privateChannel");
      button.append(mark, el("span", null, channel.name));
      button.classList.toggle("active", page.where.kind === "channel" && page.where.id === channel.id);
      button.addEventListener("click", () => go({ kind: "channel", id: channel.id }));
      item.append(button);
      return item;
    }),
  );
}

function renderPaneHeader() {
  const title = $("#pane-title");
  const tabs = $("#app-tabs");
  if (page.where.kind === "app") {
    title.textContent = page.config.bot.name;
    tabs.hidden = false;
    for (const tab of tabs.querySelectorAll("[role=tab]")) {
      const active = tab.dataset.tab === page.where.tab;
      tab.setAttribute("aria-selected", String(active));
      tab.classList.toggle("active", active);
    }
  } else {
    const channel = page.config.channels.find((c) => c.id === page.where.id);
    title.replaceChildren(icon(channel?.isPrivate ? "lock" : "hash", "icon title-icon"), channel?.name ?? "");
    tabs.hidden = true;
  }
  const onHome = page.where.kind === "app" && page.where.tab === "home";
  $("#home-view").hidden = !onHome;
  $("#message-list").hidden = onHome;
  $("#composer").hidden = onHome;
}

function renderSuggestions() {
  const inChannel = page.where.kind === "channel";
  const ja = lang() === "ja";
  const items = [
    "/ismap help",
    "/ismap check",
    "/ismap status",
    "/ismap special",
    "/ismap audits",
    "/ismap record",
    "/ismap profile",
    inChannel
      ? `@${page.config.bot.name} ${ja ? "ISMAP-LIUとは？" : "What is ISMAP-LIU?"}`
      : ja
        ? "内部監査はいつまでに？"
        : "When is the internal audit due?",
  ];
  $("#suggestion-chips").replaceChildren(
    ...items.map((text) => {
      const chip = el("button", "suggestion", text);
      chip.type = "button";
      chip.addEventListener("click", () => {
        const input = $("#composer-input");
        input.value = text.startsWith("@") || !text.startsWith("/") ? `${text}` : `${text} `;
        input.focus();
      });
      return chip;
    }),
  );
}

function go(where) {
  page.where = where;
  page.shown = {};
  page.messageCount = 0;
  renderSidebar();
  renderPaneHeader();
  renderSuggestions();
  $("#composer-input").placeholder = t("composerPlaceholder", { channel: placeName() });
  if (where.kind === "app" && where.tab === "home") {
    $("#home-view").replaceChildren(el("p", "empty", t("homeLoading")));
    api("/sandbox/home", { user: page.userId }).then(refresh);
  }
  refresh();
}

function setUser(id) {
  page.userId = id;
  page.modal = { key: null, ctx: null, localErrors: null };
  if (page.where.kind === "channel" && !myChannels().some((c) => c.id === page.where.id)) {
    page.where = { kind: "channel", id: myChannels()[0]?.id ?? null };
  }
  applyChrome();
  go(page.where);
}

// ------------------------------------------------------------------ state

function currentChannelParam() {
  if (page.where.kind === "channel") return page.where.id;
  if (page.where.tab === "messages") return user().dm;
  return null;
}

async function refresh() {
  if (page.refreshing) return;
  page.refreshing = true;
  try {
    const params = new URLSearchParams({ user: page.userId });
    const channel = currentChannelParam();
    if (channel) params.set("channel", channel);
    const response = await fetch(`/sandbox/state?${params}`);
    if (!response.ok) return;
    const state = await response.json();
    page.lastState = state;
    renderIfChanged("clock", [state.now.slice(0, 16)], () => renderClock(state));
    renderIfChanged("problems", [state.problems, page.dismissedSeq, lang()], () =>
      renderProblems(state.problems),
    );
    if (page.where.kind === "app" && page.where.tab === "home") {
      renderIfChanged("home", [state.home?.id, state.home?.hash, lang()], () => renderHome(state.home));
    } else {
      renderIfChanged("messages", [state.messages, lang()], () => renderMessages(state.messages));
    }
    renderModal(state.modal);
  } catch {
    // the next poll tries again
  } finally {
    page.refreshing = false;
  }
}

function renderIfChanged(part, signature, render) {
  const key = JSON.stringify(signature);
  if (page.shown[part] === key) return;
  page.shown[part] = key;
  render();
}

// ------------------------------------------------------------------ clock and problems

function renderClock(state) {
  $("#clock-now").textContent = clockText(state.now);
  $("#clock-now").dataset.iso = state.now;
  $("#clock-now").classList.toggle("shifted", Math.abs(state.clockOffsetMs) > 60_000);
}

async function changeClock(body) {
  await api("/sandbox/clock", body);
  page.shown.clock = null;
  // Looking at App Home again after time moved: it is opened again, as a person switching back to it would.
  if (page.where.kind === "app" && page.where.tab === "home")
    await api("/sandbox/home", { user: page.userId });
  await refresh();
}

function renderProblems(problems) {
  const fresh = problems.filter((p) => p.seq > page.dismissedSeq);
  const box = $("#problems");
  box.hidden = fresh.length === 0;
  if (fresh.length === 0) return box.replaceChildren();
  const loud = fresh.some((p) => LOUD.has(p.error));
  box.className = `problems${loud ? " loud" : ""}`;
  const head = el("div", "problems-head");
  const heading = el("strong", "problems-title");
  heading.append(el("span", "problem-icon", "!"), document.createTextNode(t("problemsTitle")));
  head.append(heading);
  const dismiss = el("button", "chip-button", t("dismiss"));
  dismiss.type = "button";
  dismiss.addEventListener("click", () => {
    page.dismissedSeq = Math.max(...problems.map((p) => p.seq));
    renderProblems(problems);
  });
  head.append(dismiss);
  const list = el("ul", "problems-list");
  for (const problem of fresh) {
    const item = el("li", LOUD.has(problem.error) ? "problem loud" : "problem");
    item.dataset.error = problem.error;
    const title = el("div", "problem-title");
    title.append(
      el("code", null, problem.source),
      document.createTextNode(" → "),
      el("strong", null, problem.error),
    );
    item.append(title);
    if (problem.messages.length > 0) item.append(el("pre", null, problem.messages.join("\n")));
    list.append(item);
  }
  box.replaceChildren(head, list);
}

// ------------------------------------------------------------------ messages

function authorOf(message) {
  if (message.author === "bot") return { name: page.config.bot.name, initials: "IS", kind: "bot" };
  if (message.author === "slackbot") return { name: "Slackbot", initials: "S", kind: "slackbot" };
  const u = page.config.users.find((x) => x.id === message.userId);
  const name = u ? u.realName : message.userId;
  return { name, initials: name.slice(0, 1).toUpperCase(), kind: "user", id: message.userId };
}

function renderMessages(messages) {
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

/** A file picked in a file_input: its bytes go to the emulator (as base64 in JSON); resolves with its Slack JSON. */
async function uploadFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const answer = await api("/sandbox/upload", { user: page.userId, name: file.name, data: btoa(binary) });
  if (!answer.ok) throw new Error(answer.error || "upload failed");
  return answer.file;
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

// ------------------------------------------------------------------ App Home

function renderHome(home) {
  const box = $("#home-view");
  if (!home) {
    box.replaceChildren(el("p", "empty", t("noHome")));
    return;
  }
  const ctx = rendererContext("home", {
    dispatch: (action) =>
      api("/sandbox/action", {
        user: page.userId,
        source: { kind: "view", viewId: home.id },
        action,
        state: collectState(ctx),
      }).then(refresh),
    suggest: (q) => api("/sandbox/options", { user: page.userId, viewId: home.id, ...q }),
  });
  page.homeCtx = ctx;
  const inner = el("div", "home-inner");
  inner.dataset.viewId = home.id;
  inner.append(renderBlocks(home.blocks, ctx));
  box.replaceChildren(inner);
}

// ------------------------------------------------------------------ modals

function renderModal(stack) {
  const root = $("#modal-root");
  const top = stack.at(-1);
  if (!top) {
    if (!root.hidden) {
      root.hidden = true;
      root.replaceChildren();
    }
    page.modal = { key: null, ctx: null, localErrors: null };
    return;
  }
  const local = page.modal.localErrors?.viewId === top.id && page.modal.localErrors.hash === top.hash;
  const errors = { ...(local ? page.modal.localErrors.errors : {}), ...top.errors };
  const key = JSON.stringify([top.id, top.hash, errors, stack.length, lang()]);
  if (page.modal.key === key) return;
  // Slack keeps what the person entered when a view is updated with the same block_id and action_id.
  const keep = page.modal.ctx && page.modal.viewId === top.id ? collectState(page.modal.ctx) : {};
  const ctx = rendererContext("modal", {
    state: keep,
    errors,
    dispatch: (action) =>
      api("/sandbox/action", {
        user: page.userId,
        source: { kind: "view", viewId: top.id },
        action,
        state: collectState(ctx),
      }).then(refresh),
    suggest: (q) => api("/sandbox/options", { user: page.userId, viewId: top.id, ...q }),
    upload: uploadFile,
  });
  page.modal = { ...page.modal, key, ctx, viewId: top.id };

  const modal = el("div", "modal");
  modal.setAttribute("role", "dialog");
  modal.setAttribute("aria-modal", "true");
  modal.dataset.viewId = top.id;
  modal.dataset.callbackId = top.callback_id ?? "";
  const head = el("div", "modal-head");
  if (stack.length > 1) {
    const back = el("button", "icon-button", "←");
    back.type = "button";
    back.setAttribute("aria-label", t("back"));
    back.addEventListener("click", () => closeModal(top.id, false));
    head.append(back);
  }
  const title = el("h2", "modal-title", top.title?.text ?? "");
  head.append(title);
  const x = el("button", "icon-button modal-x", "×");
  x.type = "button";
  x.setAttribute("aria-label", t("close"));
  x.addEventListener("click", () => closeModal(top.id, true));
  head.append(x);

  const body = el("div", "modal-body");
  body.append(renderBlocks(top.blocks, ctx));

  const foot = el("div", "modal-foot");
  const cancel = el("button", "modal-button", top.close?.text ?? t("close"));
  cancel.type = "button";
  cancel.dataset.role = "close";
  cancel.addEventListener("click", () => closeModal(top.id, false));
  foot.append(cancel);
  if (top.submit) {
    const submit = el("button", "modal-button primary", top.submit.text);
    submit.type = "button";
    submit.dataset.role = "submit";
    submit.addEventListener("click", () => submitModal(top, ctx, submit));
    foot.append(submit);
  }
  modal.append(head, body, foot);
  const scroll = root.querySelector(".modal-body")?.scrollTop ?? 0;
  root.replaceChildren(modal);
  root.hidden = false;
  if (keep && Object.keys(keep).length > 0) body.scrollTop = scroll;
}

async function submitModal(view, ctx, button) {
  button.disabled = true;
  try {
    page.modal.localErrors = null;
    const result = await api("/sandbox/submit", {
      user: page.userId,
      viewId: view.id,
      values: collectState(ctx),
    });
    if (result.errors) {
      page.modal.localErrors = { viewId: view.id, hash: view.hash, errors: result.errors };
      page.modal.key = null;
    }
  } finally {
    button.disabled = false;
    await refresh();
  }
}

async function closeModal(viewId, all) {
  await api("/sandbox/close", { user: page.userId, viewId, all });
  await refresh();
}

// ------------------------------------------------------------------ composer

async function sendComposer(event) {
  event.preventDefault();
  const input = $("#composer-input");
  const text = input.value.trim();
  if (text === "") return;
  const channel = currentChannelParam();
  input.value = "";
  const path = text.startsWith("/") ? "/sandbox/command" : "/sandbox/message";
  await api(path, { user: page.userId, channel, text });
  await refresh();
}

// ------------------------------------------------------------------ start

async function start() {
  page.config = await api("/sandbox/config");
  const params = new URLSearchParams(location.search);
  const wanted = params.get("user");
  page.userId = page.config.users.some((u) => u.id === wanted) ? wanted : page.config.users[0].id;
  const wantedChannel = params.get("channel");
  page.where = { kind: "channel", id: page.config.channels[0].id };
  if (wantedChannel === "home") page.where = { kind: "app", tab: "home" };
  else if (myChannels().some((c) => c.id === wantedChannel))
    page.where = { kind: "channel", id: wantedChannel };

  $("#user-picker").addEventListener("change", (event) => setUser(event.target.value));
  for (const button of document.querySelectorAll("[data-advance]")) {
    button.addEventListener("click", () => changeClock({ days: Number(button.dataset.advance) }));
  }
  $("#clock-set").addEventListener("click", () => {
    const value = $("#clock-input").value;
    if (value) changeClock({ set: `${value}:00+09:00` });
  });
  $("#clock-reset").addEventListener("click", () => changeClock({ reset: true }));
  $("#sweep-button").addEventListener("click", async () => {
    const result = await api("/sandbox/sweep", {});
    if (result.ok) toast(`${t("sweepDone")}: ${JSON.stringify(result.result)}`.slice(0, 300));
    await refresh();
  });
  for (const tab of document.querySelectorAll("#app-tabs [role=tab]")) {
    tab.addEventListener("click", () => go({ kind: "app", tab: tab.dataset.tab }));
  }
  $("#composer").addEventListener("submit", sendComposer);
  $("#composer-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("#composer").requestSubmit();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (
      event.key === "Escape" &&
      !$("#modal-root").hidden &&
      !document.querySelector(".bk-confirm-overlay")
    ) {
      const viewId = $("#modal-root .modal")?.dataset.viewId;
      if (viewId) closeModal(viewId, true);
    }
  });

  applyChrome();
  go(page.where);
  setInterval(refresh, POLL_MS);
  document.body.dataset.ready = "true";
}

start();
