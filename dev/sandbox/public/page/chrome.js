/** The chrome around the conversation: user picker, sidebar, pane header, suggestions, and moving between places. */
import { api } from "./api.js";
import { $, el, icon } from "./dom.js";
import { lang, myChannels, page, placeName, refresh, t } from "./state.js";

export function applyChrome() {
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

export function go(where) {
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

export function setUser(id) {
  page.userId = id;
  page.modal = { key: null, ctx: null, localErrors: null };
  if (page.where.kind === "channel" && !myChannels().some((c) => c.id === page.where.id)) {
    page.where = { kind: "channel", id: myChannels()[0]?.id ?? null };
  }
  applyChrome();
  go(page.where);
}
