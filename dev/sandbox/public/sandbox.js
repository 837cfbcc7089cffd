/**
 * The sandbox page: a Slack-like client for one pretend workspace. It talks only to the sandbox server's JSON
 * endpoints (/sandbox/…); the server turns each action into the signed request Slack would send to the app.
 * Block Kit is drawn by blockkit.js; the chrome around it (people, channels, composer, modals, App Home, clock,
 * problems) lives in page/, and this module starts it: reads the config, wires the controls, polls.
 */
import { api } from "./page/api.js";
import { applyChrome, go, setUser } from "./page/chrome.js";
import { changeClock } from "./page/clock.js";
import { sendComposer } from "./page/composer.js";
import { $, toast } from "./page/dom.js";
import { closeModal } from "./page/modals.js";
import { refresh } from "./page/refresh.js";
import { myChannels, page, t } from "./page/state.js";

const POLL_MS = 400;

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
