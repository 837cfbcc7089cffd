/** The poll: reads /sandbox/state and redraws each part of the page whose content changed. */
import { renderClock } from "./clock.js";
import { renderHome } from "./home.js";
import { renderMessages } from "./messages.js";
import { renderModal } from "./modals.js";
import { renderProblems } from "./problems.js";
import { bindRefresh, currentChannelParam, lang, page } from "./state.js";

export async function refresh() {
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

bindRefresh(refresh);
