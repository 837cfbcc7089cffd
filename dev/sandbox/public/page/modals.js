/** The modal stack: the top view with its back, close and submit buttons, and what was entered kept on update. */
import { collectState, renderBlocks } from "../blockkit.js";
import { api, uploadFile } from "./api.js";
import { $, el } from "./dom.js";
import { lang, page, refresh, rendererContext, t } from "./state.js";

export function renderModal(stack) {
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

export async function closeModal(viewId, all) {
  await api("/sandbox/close", { user: page.userId, viewId, all });
  await refresh();
}
