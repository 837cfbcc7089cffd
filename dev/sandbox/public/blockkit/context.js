/** The render context: what the renderer cannot know itself, and the default confirmation dialog. */
import { el } from "./dom.js";
import { renderText, textOf } from "./text.js";

/**
 * Everything the renderer needs from the page. `dispatch(action, blockId)` sends block_actions; `suggest(query)`
 * fetches external options ({ options } or { option_groups }); `state` holds values to show instead of the
 * initial ones (Slack keeps what a person entered when a view is updated with the same block and action ids).
 */
export function createContext(options = {}) {
  return {
    surface: options.surface || "message",
    users: options.users || [],
    channels: options.channels || [],
    bot: options.bot,
    t: options.t || ((key) => key),
    state: options.state || {},
    errors: options.errors || {},
    dispatch: options.dispatch || (() => {}),
    suggest: options.suggest || (async () => ({ options: [] })),
    // file_input: hands a picked File to the page, which stores it in the emulator and resolves with its Slack JSON.
    upload:
      options.upload ||
      (async () => {
        throw new Error("no upload");
      }),
    confirm: options.confirm || confirmDialog,
    inputs: [],
  };
}

/** A confirmation object (confirm on buttons and overflow menus) as a small dialog; resolves true to go on. */
export function confirmDialog(confirm, ctx = {}) {
  return new Promise((resolve) => {
    const overlay = el("div", "overlay overlay-top bk-confirm-overlay");
    const box = el("div", "modal confirm", { role: "alertdialog", "aria-modal": "true" });
    const title = el("h2", "modal-title");
    title.textContent = textOf(confirm.title);
    const body = el("div", "modal-body");
    body.append(renderText(confirm.text, ctx, "div"));
    const foot = el("div", "modal-foot");
    const deny = el("button", "modal-button", { type: "button" });
    deny.textContent = textOf(confirm.deny) || (ctx.t ? ctx.t("confirmCancel") : "Cancel");
    const yes = el("button", `modal-button ${confirm.style === "danger" ? "danger" : "primary"}`, {
      type: "button",
    });
    yes.textContent = textOf(confirm.confirm) || "OK";
    const done = (answer) => {
      overlay.remove();
      resolve(answer);
    };
    deny.addEventListener("click", () => done(false));
    yes.addEventListener("click", () => done(true));
    foot.append(deny, yes);
    box.append(title, body, foot);
    overlay.append(box);
    document.body.append(overlay);
    yes.focus();
  });
}
