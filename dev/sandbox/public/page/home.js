/** App Home: the app's published home view. */
import { collectState, renderBlocks } from "../blockkit.js";
import { api } from "./api.js";
import { $, el } from "./dom.js";
import { page, refresh, rendererContext, t } from "./state.js";

export function renderHome(home) {
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
