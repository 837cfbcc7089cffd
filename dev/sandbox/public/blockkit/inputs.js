/** Input elements drawn with native inputs: text, number, email, URL, date and time, choices and files. */
import { el } from "./dom.js";
import { fire, firesOnChange, optionJson, preserved, registerInput } from "./state.js";
import { renderText, textOf } from "./text.js";

/** Date, time, date-time and the text, number, email and URL inputs: native inputs with Slack's state. */
function nativeInput(config) {
  return (element, ctx, slot) => {
    const state = preserved(ctx, slot, element);
    const node = el(config.tag ?? "input", `bk-native bk-${element.type}`, {
      type: config.tag ? undefined : config.type(element),
      id: slot.inputId,
      placeholder: textOf(element.placeholder) || undefined,
      maxlength: element.max_length,
      minlength: element.min_length,
      min: element.min_value ?? undefined,
      max: element.max_value ?? undefined,
      step: element.type === "number_input" ? (element.is_decimal_allowed ? "any" : "1") : undefined,
      rows: config.tag === "textarea" ? 4 : undefined,
    });
    const initial = state ? config.fromState(state) : config.initial(element);
    if (initial !== undefined && initial !== null) node.value = initial;
    const read = () => ({ type: element.type, ...config.toState(node.value) });
    registerInput(ctx, slot, element, read);
    if (firesOnChange(slot)) {
      const send = () => fire(ctx, slot, element, config.toState(node.value));
      if (config.onEnter) {
        node.addEventListener("keydown", (event) => {
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            send();
          }
        });
      } else node.addEventListener("change", send);
    }
    return node;
  };
}

const text = (value) => ({ value: value === "" ? null : value });

export function plainTextInput(element, ctx, slot) {
  const render = nativeInput({
    tag: element.multiline ? "textarea" : undefined,
    type: () => "text",
    initial: (e) => e.initial_value,
    fromState: (s) => s.value,
    toState: text,
    onEnter: true,
  });
  return render(element, ctx, slot);
}

export const datepicker = nativeInput({
  type: () => "date",
  initial: (e) => e.initial_date,
  fromState: (s) => s.selected_date,
  toState: (value) => ({ selected_date: value || null }),
});
export const timepicker = nativeInput({
  type: () => "time",
  initial: (e) => e.initial_time,
  fromState: (s) => s.selected_time,
  toState: (value) => ({ selected_time: value || null }),
});
const localDateTime = (seconds) => {
  if (!seconds) return undefined;
  const d = new Date(seconds * 1000);
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
export const datetimepicker = nativeInput({
  type: () => "datetime-local",
  initial: (e) => localDateTime(e.initial_date_time),
  fromState: (s) => localDateTime(s.selected_date_time),
  toState: (value) => ({ selected_date_time: value ? Math.floor(new Date(value).getTime() / 1000) : null }),
});
export const numberInput = nativeInput({
  type: () => "number",
  initial: (e) => e.initial_value,
  fromState: (s) => s.value,
  toState: text,
  onEnter: true,
});
export const emailInput = nativeInput({
  type: () => "email",
  initial: (e) => e.initial_value,
  fromState: (s) => s.value,
  toState: text,
  onEnter: true,
});
export const urlInput = nativeInput({
  type: () => "url",
  initial: (e) => e.initial_value,
  fromState: (s) => s.value,
  toState: text,
  onEnter: true,
});

/** Radio buttons and checkboxes: native inputs, option text may be mrkdwn, with descriptions. */
export function choiceElement(multi) {
  return (element, ctx, slot) => {
    const state = preserved(ctx, slot, element);
    const chosen = new Set(
      state
        ? multi
          ? (state.selected_options || []).map((o) => o.value)
          : [state.selected_option?.value]
        : multi
          ? (element.initial_options || []).map((o) => o.value)
          : [element.initial_option?.value],
    );
    const group = el("div", `bk-choices bk-${element.type}`, {
      role: multi ? "group" : "radiogroup",
      id: slot.inputId,
    });
    const name = `${slot.blockId}-${element.action_id}-${Math.random().toString(36).slice(2, 8)}`;
    const boxes = [];
    for (const option of element.options || []) {
      const label = el("label", "bk-choice");
      const box = el("input", null, { type: multi ? "checkbox" : "radio", name, value: option.value });
      box.checked = chosen.has(option.value);
      boxes.push([box, option]);
      const words = el("span", "bk-choice-text");
      words.append(renderText(option.text, ctx));
      if (option.description) words.append(renderText(option.description, ctx, "small"));
      label.append(box, words);
      group.append(label);
    }
    const current = () => boxes.filter(([box]) => box.checked).map(([, option]) => optionJson(option));
    const stateOf = () =>
      multi ? { selected_options: current() } : { selected_option: current()[0] ?? null };
    registerInput(ctx, slot, element, () => ({ type: element.type, ...stateOf() }));
    if (firesOnChange(slot)) {
      group.addEventListener("change", () => fire(ctx, slot, element, stateOf()));
    }
    return group;
  };
}

/**
 * file_input: a native file picker. The picked file goes to the page's `upload` at once (Slack's client uploads it
 * too, before the view is submitted), and the state carries it as Slack sends it: `{ type, files: [{ id, name, … }] }`.
 */
export function fileInput(element, ctx, slot) {
  const state = preserved(ctx, slot, element);
  let files = state ? state.files || [] : [];
  const box = el("div", "bk-file-input");
  const accept = (element.filetypes || []).map((type) => `.${type}`).join(",");
  const picker = el("input", null, { type: "file", id: slot.inputId, accept: accept || undefined });
  const status = el("span", "bk-file-status");
  const show = () => {
    status.textContent = files.map((file) => file.name).join(", ");
  };
  show();
  picker.addEventListener("change", async () => {
    const picked = picker.files?.[0];
    files = [];
    if (!picked) return show();
    status.textContent = "…";
    try {
      files = [await ctx.upload(picked)];
    } catch (error) {
      status.textContent = String(error?.message || error);
      return;
    }
    show();
  });
  registerInput(ctx, slot, element, () => ({ type: element.type, files }));
  box.append(picker, status);
  return box;
}
