/** One function per element type (ELEMENTS); a type not listed is drawn as "unsupported", never dropped. */
import { el, unsupported } from "./dom.js";
import {
  choiceElement,
  datepicker,
  datetimepicker,
  emailInput,
  fileInput,
  numberInput,
  plainTextInput,
  timepicker,
  urlInput,
} from "./inputs.js";
import { selectElement } from "./select.js";
import { fire, optionJson } from "./state.js";
import { plainTextHtml, renderText, SAFE_URL, textOf } from "./text.js";

export function renderElement(element, ctx, slot) {
  const render = ELEMENTS[element?.type];
  const node = render ? render(element, ctx, slot) : unsupported("element", element?.type);
  node.dataset.actionId = element?.action_id ?? "";
  node.dataset.elementType = element?.type ?? "unknown";
  return node;
}

function button(element, ctx, slot) {
  const node = el("button", `bk-button${element.style ? ` bk-${element.style}` : ""}`, {
    type: "button",
    "aria-label": element.accessibility_label,
  });
  node.innerHTML = plainTextHtml(textOf(element.text), element.text?.emoji !== false);
  node.addEventListener("click", async () => {
    if (element.confirm && !(await ctx.confirm(element.confirm, ctx))) return;
    if (element.url && SAFE_URL.test(element.url)) window.open(element.url, "_blank", "noopener");
    node.disabled = true;
    try {
      await fire(ctx, slot, element, {
        text: element.text,
        ...(element.value !== undefined ? { value: element.value } : {}),
        ...(element.style ? { style: element.style } : {}),
      });
    } finally {
      node.disabled = false;
    }
  });
  return node;
}

/** Two small buttons; a press sends the pressed button's value, as Slack's feedback_buttons action does. */
function feedbackButtons(element, ctx, slot) {
  const node = el("span", "bk-feedback");
  for (const side of ["positive_button", "negative_button"]) {
    const spec = element[side] || {};
    const press = el("button", `bk-feedback-button bk-${side}`, {
      type: "button",
      "aria-label": spec.accessibility_label,
    });
    press.innerHTML = plainTextHtml(textOf(spec.text), true);
    press.addEventListener("click", async () => {
      press.disabled = true;
      try {
        await fire(ctx, slot, element, { text: spec.text, value: spec.value });
        node.dataset.chosen = side;
      } finally {
        press.disabled = false;
      }
    });
    node.append(press);
  }
  return node;
}

function overflow(element, ctx, slot) {
  const box = el("div", "bk-overflow");
  const trigger = el("button", "bk-button bk-overflow-button", { type: "button", "aria-label": "more" });
  trigger.textContent = "⋯";
  const list = el("div", "bk-menu", { role: "listbox" });
  list.hidden = true;
  for (const option of element.options || []) {
    const item = el("div", "bk-menu-option", { role: "option", "data-value": option.value });
    item.append(renderText(option.text, ctx));
    item.addEventListener("click", async () => {
      list.hidden = true;
      if (element.confirm && !(await ctx.confirm(element.confirm, ctx))) return;
      if (option.url && SAFE_URL.test(option.url)) window.open(option.url, "_blank", "noopener");
      fire(ctx, slot, element, { selected_option: optionJson(option) });
    });
    list.append(item);
  }
  trigger.addEventListener("click", () => {
    list.hidden = !list.hidden;
  });
  box.append(trigger, list);
  return box;
}

export function imageTag(src, alt, className) {
  const img = el("img", className, { src, alt: alt || "", loading: "lazy" });
  img.addEventListener("error", () => {
    const missing = el("span", `${className} bk-image-missing`, { role: "img", "aria-label": alt || "" });
    missing.textContent = alt || "image";
    img.replaceWith(missing);
  });
  return img;
}

export function imageElement(element) {
  return imageTag(element.image_url ?? element.slack_file?.url, element.alt_text, "bk-image-element");
}

export const ELEMENTS = {
  button,
  feedback_buttons: feedbackButtons,
  static_select: selectElement("static"),
  multi_static_select: selectElement("static"),
  external_select: selectElement("external"),
  multi_external_select: selectElement("external"),
  users_select: selectElement("users"),
  multi_users_select: selectElement("users"),
  conversations_select: selectElement("conversations"),
  multi_conversations_select: selectElement("conversations"),
  channels_select: selectElement("channels"),
  multi_channels_select: selectElement("channels"),
  overflow,
  datepicker,
  timepicker,
  datetimepicker,
  plain_text_input: plainTextInput,
  number_input: numberInput,
  email_text_input: emailInput,
  url_text_input: urlInput,
  checkboxes: choiceElement(true),
  radio_buttons: choiceElement(false),
  file_input: fileInput,
  image: imageElement,
};
