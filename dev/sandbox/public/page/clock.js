/** The sandbox clock: shown in JST, moved by the page's clock controls. */
import { api } from "./api.js";
import { $ } from "./dom.js";
import { lang, page, refresh } from "./state.js";

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

export function renderClock(state) {
  $("#clock-now").textContent = clockText(state.now);
  $("#clock-now").dataset.iso = state.now;
  $("#clock-now").classList.toggle("shifted", Math.abs(state.clockOffsetMs) > 60_000);
}

export async function changeClock(body) {
  await api("/sandbox/clock", body);
  page.shown.clock = null;
  // Looking at App Home again after time moved: it is opened again, as a person switching back to it would.
  if (page.where.kind === "app" && page.where.tab === "home")
    await api("/sandbox/home", { user: page.userId });
  await refresh();
}
