/**
 * The sandbox page's Block Kit renderer: one function per block type (BLOCKS) and per element type (ELEMENTS), the
 * text objects (plain_text, mrkdwn) and the state of input blocks as Slack sends it (`view.state.values`).
 * Anything else is drawn as a visible "unsupported: <type>" box, never silently dropped.
 *
 * No framework, no bundler: a plain ES module the page imports. The render context (see createContext) carries
 * what the renderer cannot know: the workspace's people and channels, the page's strings, and the callbacks that
 * turn a click into a block_actions request or a search into a block_suggestion request.
 */

// ------------------------------------------------------------------ text

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Slack escapes exactly these three in message text. */
function decodeEntities(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Emoji drawn with CSS, so status marks look right even where no emoji font is installed. */
const DRAWN_EMOJI = {
  red_circle: "#e01e5a",
  large_green_circle: "#2eb67d",
  large_blue_circle: "#1d9bd1",
  large_yellow_circle: "#ecb22e",
  large_orange_circle: "#f2952f",
  white_circle: "#ffffff",
  black_circle: "#1d1c1d",
};

const EMOJI = {
  white_check_mark: "✅",
  heavy_check_mark: "✔️",
  ballot_box_with_check: "☑️",
  x: "❌",
  warning: "⚠️",
  information_source: "ℹ️",
  no_entry: "⛔",
  no_entry_sign: "🚫",
  question: "❓",
  exclamation: "❗",
  heavy_exclamation_mark: "❗",
  rotating_light: "🚨",
  lock: "🔒",
  unlock: "🔓",
  key: "🔑",
  shield: "🛡️",
  office: "🏢",
  page_facing_up: "📄",
  memo: "📝",
  pencil2: "✏️",
  clipboard: "📋",
  books: "📚",
  bookmark: "🔖",
  label: "🏷️",
  calendar: "📆",
  date: "📅",
  spiral_calendar_pad: "🗓️",
  alarm_clock: "⏰",
  hourglass: "⌛",
  hourglass_flowing_sand: "⏳",
  bell: "🔔",
  mega: "📣",
  loudspeaker: "📢",
  mag: "🔍",
  bulb: "💡",
  bar_chart: "📊",
  chart_with_upwards_trend: "📈",
  scales: "⚖️",
  gift: "🎁",
  tada: "🎉",
  sparkles: "✨",
  construction: "🚧",
  footprints: "👣",
  robot_face: "🤖",
  thinking_face: "🤔",
  speech_balloon: "💬",
  small_blue_diamond: "🔹",
  small_orange_diamond: "🔸",
  heavy_minus_sign: "➖",
  heavy_plus_sign: "➕",
  arrow_right: "➡️",
  arrows_counterclockwise: "🔄",
  repeat: "🔁",
  link: "🔗",
  gear: "⚙️",
  pushpin: "📌",
  star: "⭐",
  eyes: "👀",
  wave: "👋",
  "+1": "👍",
  thumbsup: "👍",
  fire: "🔥",
  zzz: "💤",
  inbox_tray: "📥",
  outbox_tray: "📤",
  file_folder: "📁",
  globe_with_meridians: "🌐",
  jp: "🇯🇵",
};

const drawable = new Map();

/**
 * Whether this browser has a glyph for an emoji: drawn on a canvas and compared with a character no font has.
 * Where no emoji font is installed (headless CI), a missing emoji is left out instead of drawn as an empty box;
 * its :shortcode: stays in the title.
 */
function canDraw(glyph) {
  if (typeof document === "undefined") return true;
  if (drawable.has(glyph)) return drawable.get(glyph);
  let result = true;
  try {
    const canvas = document.createElement("canvas");
    canvas.width = 28;
    canvas.height = 28;
    const g = canvas.getContext("2d", { willReadFrequently: true });
    g.font = '22px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
    g.textBaseline = "top";
    const draw = (text) => {
      g.clearRect(0, 0, 28, 28);
      g.fillText(text, 2, 2);
      const data = g.getImageData(0, 0, 28, 28).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 1) sum = (sum * 31 + data[i]) % 2147483647;
      return sum;
    };
    result = draw(glyph) !== draw("\u{10FFFD}");
  } catch {
    result = true;
  }
  drawable.set(glyph, result);
  return result;
}

function emojiHtml(name) {
  const color = DRAWN_EMOJI[name];
  if (color) return `<span class="bk-emoji bk-dot" style="--dot:${color}" title=":${name}:"></span>`;
  if (name === "white_check_mark") return `<span class="bk-emoji bk-check" title=":${name}:">✓</span>`;
  const glyph = EMOJI[name];
  if (!glyph) return `:${escapeHtml(name)}:`;
  return canDraw(glyph)
    ? `<span class="bk-emoji" title=":${name}:">${glyph}</span>`
    : `<span class="bk-emoji bk-emoji-missing" title=":${name}:" data-emoji="${name}"></span>`;
}

/** Replaces :shortcodes: in already escaped HTML text. */
function withEmoji(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) =>
    DRAWN_EMOJI[name] || EMOJI[name] || name === "white_check_mark" ? emojiHtml(name) : whole,
  );
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** One `<…>` token of mrkdwn: a link, a mention, a channel, a special mention or a date; null when literal. */
function tokenHtml(inner, ctx) {
  const [target, label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    const user = (ctx.users || []).find((u) => u.id === id);
    const name = label || (user ? user.realName || user.name : id === ctx.bot?.id ? ctx.bot.name : id);
    return `<span class="bk-mention" data-user-id="${escapeHtml(id)}">@${escapeHtml(name)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    const channel = (ctx.channels || []).find((c) => c.id === id);
    return `<span class="bk-mention">#${escapeHtml(label || (channel ? channel.name : id))}</span>`;
  }
  if (target.startsWith("!")) {
    const word = target.slice(1);
    if (word.startsWith("date^")) return escapeHtml(decodeEntities(label || word.split("^")[2] || ""));
    if (word.startsWith("subteam^"))
      return `<span class="bk-mention">${escapeHtml(label || "@group")}</span>`;
    return `<span class="bk-mention bk-broadcast">@${escapeHtml(word)}</span>`;
  }
  if (!SAFE_URL.test(target)) return null;
  const text = escapeHtml(decodeEntities(label || target));
  return `<a href="${escapeHtml(decodeEntities(target))}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

// Placeholders for already rendered pieces: private-use characters that no escaping or marker rule touches.
const HOLE = 0xe000;
const holeOf = (index) => String.fromCharCode(HOLE + index);
const HOLES = /[\ue000-\uf8ff]/g;

/** Bold, italic and strike markers, lenient next to Japanese text as Slack's clients are in practice. */
const MARKERS = [
  [/(^|[^A-Za-z0-9*])\*(?=\S)([^*\n]*?\S)\*(?=$|[^A-Za-z0-9*])/g, "strong"],
  [/(^|[^A-Za-z0-9_])_(?=\S)([^_\n]*?\S)_(?=$|[^A-Za-z0-9_])/g, "em"],
  [/(^|[^A-Za-z0-9~])~(?=\S)([^~\n]*?\S)~(?=$|[^A-Za-z0-9~])/g, "del"],
];

function inlineHtml(line, ctx) {
  const pieces = [];
  const hole = (html) => {
    pieces.push(html);
    return holeOf(pieces.length - 1);
  };
  // `code` first (nothing inside is formatted), then <links|mentions>.
  let text = line.replace(/`([^`\n]+)`/g, (_, code) =>
    hole(`<code>${escapeHtml(decodeEntities(code))}</code>`),
  );
  text = text.replace(/<([^<>\n]+)>/g, (whole, inner) => {
    const html = tokenHtml(inner, ctx);
    return html === null ? whole : hole(html);
  });
  let html = escapeHtml(decodeEntities(text));
  for (const [pattern, tag] of MARKERS) {
    html = html.replace(pattern, (_, before, inner) => `${before}<${tag}>${inner}</${tag}>`);
  }
  html = withEmoji(html);
  return html.replace(HOLES, (c) => pieces[c.charCodeAt(0) - HOLE] ?? "");
}

/**
 * Slack's mrkdwn as safe HTML: *bold*, _italic_, ~strike~, `code`, ```preformatted```, <url|links>, <@U…>
 * mentions, <#C…> channels, &lt; &gt; &amp; shown as text, > quotes, • bullets, line breaks and :emoji:.
 */
export function mrkdwnToHtml(text, ctx = {}) {
  const parts = String(text ?? "").split("```");
  return parts
    .map((part, index) => {
      const isCode = index % 2 === 1 && index < parts.length - 1;
      if (isCode) {
        return `<pre class="bk-pre">${escapeHtml(decodeEntities(part.replace(/^\n/, "").replace(/\n$/, "")))}</pre>`;
      }
      let raw = index % 2 === 1 ? `\`\`\`${part}` : part;
      // The line breaks around a preformatted block belong to the block.
      if (index > 0 && index % 2 === 0) raw = raw.replace(/^\n/, "");
      if (index % 2 === 0 && index < parts.length - 1) raw = raw.replace(/\n$/, "");
      return linesHtml(raw, ctx);
    })
    .join("");
}

function linesHtml(text, ctx) {
  if (text === "") return "";
  return text
    .split("\n")
    .map((line) => {
      if (line.startsWith(">")) {
        return `<span class="bk-line bk-quote">${inlineHtml(line.replace(/^>\s?/, ""), ctx)}</span>`;
      }
      if (/^\s*[•◦▪‣-]\s/.test(line)) {
        const indent = line.length - line.trimStart().length;
        const style = indent > 0 ? ` style="margin-left:${Math.min(indent, 12) * 0.5}em"` : "";
        return `<span class="bk-line bk-bullet"${style}>${inlineHtml(line.trimStart(), ctx)}</span>`;
      }
      return line.trim() === ""
        ? '<span class="bk-line bk-blank"></span>'
        : `<span class="bk-line">${inlineHtml(line, ctx)}</span>`;
    })
    .join("");
}

export function plainTextHtml(text, emoji = true) {
  const html = escapeHtml(String(text ?? ""));
  return emoji ? withEmoji(html) : html;
}

/** A text object (plain_text or mrkdwn) as an element. */
export function renderText(object, ctx, tag = "span") {
  const node = el(tag, "bk-text");
  if (!object) return node;
  if (object.type === "mrkdwn") {
    node.classList.add("bk-mrkdwn");
    node.innerHTML = mrkdwnToHtml(object.text, ctx);
  } else {
    node.classList.add("bk-plain");
    node.innerHTML = plainTextHtml(object.text, object.emoji !== false);
  }
  return node;
}

const textOf = (object) => (object && typeof object.text === "string" ? object.text : "");

// ------------------------------------------------------------------ DOM helpers

function el(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(key, String(value));
  }
  return node;
}

export function unsupported(kind, type) {
  const box = el("div", "bk-unsupported", { "data-unsupported": type });
  box.textContent = `unsupported: ${type || kind}`;
  return box;
}

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

/** `view.state.values` for every input the last render drew: block_id → action_id → value. */
export function collectState(ctx) {
  const values = {};
  for (const input of ctx.inputs) {
    values[input.blockId] ??= {};
    values[input.blockId][input.actionId] = input.read();
  }
  return values;
}

function preserved(ctx, slot, element) {
  const byBlock = ctx.state[slot.blockId];
  const value = byBlock ? byBlock[element.action_id] : undefined;
  return value && value.type === element.type ? value : undefined;
}

/** Registers an input block's element so collectState can read it; dispatches when the block asks for it. */
function registerInput(ctx, slot, element, read) {
  if (slot.kind === "input") {
    ctx.inputs.push({ blockId: slot.blockId, actionId: element.action_id, type: element.type, read });
  }
}

/** Whether a change of this element is sent at once (outside input blocks, or dispatch_action). */
const firesOnChange = (slot) => slot.kind !== "input" || slot.dispatch === true;

function fire(ctx, slot, element, fields) {
  const action = { type: element.type, action_id: element.action_id, block_id: slot.blockId, ...fields };
  return ctx.dispatch(action, slot.blockId, element);
}

// ------------------------------------------------------------------ blocks

export function renderBlocks(blocks, ctx) {
  const root = el("div", `bk-blocks bk-surface-${ctx.surface}`);
  (Array.isArray(blocks) ? blocks : []).forEach((block, index) => {
    root.append(renderBlock(block, ctx, index));
  });
  return root;
}

export function renderBlock(block, ctx, index = 0) {
  const render = BLOCKS[block?.type];
  const node = render
    ? render(block, ctx, block.block_id ?? `sandbox_block_${index}`)
    : unsupported("block", block?.type);
  if (block?.block_id) node.dataset.blockId = block.block_id;
  node.dataset.blockType = block?.type ?? "unknown";
  return node;
}

function header(block) {
  const node = el("div", "bk-block bk-header");
  node.append(renderText(block.text, {}, "h3"));
  return node;
}

function section(block, ctx, blockId) {
  const node = el("div", "bk-block bk-section");
  const main = el("div", "bk-section-main");
  if (block.text) main.append(renderText(block.text, ctx, "div"));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    const fields = el("div", "bk-fields");
    for (const field of block.fields) fields.append(renderText(field, ctx, "div"));
    main.append(fields);
  }
  node.append(main);
  if (block.accessory) {
    const accessory = el("div", "bk-accessory");
    accessory.append(renderElement(block.accessory, ctx, { kind: "section", blockId }));
    node.append(accessory);
  }
  return node;
}

function context(block, ctx) {
  const node = el("div", "bk-block bk-context");
  for (const element of block.elements || []) {
    if (element.type === "image") node.append(imageElement(element, ctx));
    else if (element.type === "mrkdwn" || element.type === "plain_text")
      node.append(renderText(element, ctx));
    else node.append(unsupported("element", element.type));
  }
  return node;
}

function divider() {
  const node = el("div", "bk-block bk-divider");
  node.append(el("hr"));
  return node;
}

function image(block) {
  const node = el("figure", "bk-block bk-image");
  if (block.title) {
    const caption = renderText(block.title, {}, "figcaption");
    node.append(caption);
  }
  node.append(imageTag(block.image_url ?? block.slack_file?.url, block.alt_text, "bk-image-img"));
  return node;
}

function imageTag(src, alt, className) {
  const img = el("img", className, { src, alt: alt || "", loading: "lazy" });
  img.addEventListener("error", () => {
    const missing = el("span", `${className} bk-image-missing`, { role: "img", "aria-label": alt || "" });
    missing.textContent = alt || "image";
    img.replaceWith(missing);
  });
  return img;
}

function actions(block, ctx, blockId) {
  const node = el("div", "bk-block bk-actions");
  for (const element of block.elements || []) {
    node.append(renderElement(element, ctx, { kind: "actions", blockId }));
  }
  return node;
}

function input(block, ctx, blockId) {
  const node = el("div", "bk-block bk-input");
  const id = `bk-${blockId}-${block.element?.action_id ?? "input"}`.replace(/[^\w-]/g, "_");
  const label = el("label", "bk-label", { for: id });
  label.append(renderText(block.label, ctx));
  if (block.optional) {
    const optional = el("span", "bk-optional");
    optional.textContent = ` ${ctx.t("optional")}`;
    label.append(optional);
  }
  node.append(label);
  const element = renderElement(block.element || {}, ctx, {
    kind: "input",
    blockId,
    dispatch: block.dispatch_action === true,
    inputId: id,
  });
  node.append(element);
  if (block.hint) {
    const hint = renderText(block.hint, ctx, "div");
    hint.classList.add("bk-hint");
    node.append(hint);
  }
  const error = ctx.errors[blockId];
  if (error) {
    node.classList.add("bk-has-error");
    const message = el("div", "bk-error", { role: "alert" });
    message.textContent = error;
    node.append(message);
  }
  return node;
}

// rich_text: sections, lists, quotes and preformatted text made of styled inline elements.
function richText(block, ctx) {
  const node = el("div", "bk-block bk-rich-text");
  for (const part of block.elements || []) node.append(richPart(part, ctx));
  return node;
}

function richPart(part, ctx) {
  switch (part.type) {
    case "rich_text_section": {
      const p = el("div", "bk-rt-section");
      p.innerHTML = richInline(part.elements, ctx);
      return p;
    }
    case "rich_text_list": {
      const list = el(part.style === "ordered" ? "ol" : "ul", "bk-rt-list");
      if (part.indent) list.style.marginLeft = `${part.indent * 1.2}em`;
      for (const item of part.elements || []) {
        const li = el("li");
        li.innerHTML = richInline(item.elements, ctx);
        list.append(li);
      }
      return list;
    }
    case "rich_text_quote": {
      const quote = el("blockquote", "bk-rt-quote");
      quote.innerHTML = richInline(part.elements, ctx);
      return quote;
    }
    case "rich_text_preformatted": {
      const pre = el("pre", "bk-pre");
      pre.innerHTML = richInline(part.elements, ctx);
      return pre;
    }
    default:
      return unsupported("rich_text", part.type);
  }
}

function richInline(elements, ctx) {
  return (elements || [])
    .map((item) => {
      let html;
      switch (item.type) {
        case "text":
          html = escapeHtml(item.text ?? "").replace(/\n/g, "<br>");
          break;
        case "link":
          html = SAFE_URL.test(item.url ?? "")
            ? `<a href="${escapeHtml(item.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(item.text || item.url)}</a>`
            : escapeHtml(item.text || item.url || "");
          break;
        case "user":
          html = tokenHtml(`@${item.user_id}`, ctx);
          break;
        case "channel":
          html = tokenHtml(`#${item.channel_id}`, ctx);
          break;
        case "usergroup":
          html = `<span class="bk-mention">@${escapeHtml(item.usergroup_id)}</span>`;
          break;
        case "broadcast":
          html = `<span class="bk-mention bk-broadcast">@${escapeHtml(item.range)}</span>`;
          break;
        case "emoji":
          html = item.unicode
            ? `<span class="bk-emoji">${escapeHtml(String.fromCodePoint(...item.unicode.split("-").map((h) => Number.parseInt(h, 16))))}</span>`
            : emojiHtml(item.name);
          break;
        case "date":
          html = escapeHtml(item.fallback ?? new Date(item.timestamp * 1000).toISOString());
          break;
        default:
          return `<span class="bk-unsupported">unsupported: ${escapeHtml(item.type)}</span>`;
      }
      const style = item.style || {};
      if (style.code) html = `<code>${html}</code>`;
      if (style.bold) html = `<strong>${html}</strong>`;
      if (style.italic) html = `<em>${html}</em>`;
      if (style.strike) html = `<del>${html}</del>`;
      return html;
    })
    .join("");
}

/** Slack's context actions block: here only its feedback buttons (👍 / 👎 under an answer). */
function contextActions(block, ctx, blockId) {
  const node = el("div", "bk-block bk-context-actions");
  for (const element of block.elements || []) {
    node.append(renderElement(element, ctx, { kind: "context_actions", blockId }));
  }
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

export const BLOCKS = {
  header,
  section,
  context,
  divider,
  image,
  actions,
  input,
  rich_text: richText,
  context_actions: contextActions,
};

// ------------------------------------------------------------------ elements

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

function optionJson(option) {
  const out = { text: option.text, value: option.value };
  if (option.description) out.description = option.description;
  return out;
}

/** Options of a static menu, flattening option groups. */
function staticOptions(element) {
  if (Array.isArray(element.options)) return element.options;
  return (element.option_groups || []).flatMap((g) => g.options || []);
}

/**
 * A Slack-like menu: a field that opens a searchable list. `load(query)` returns { options, option_groups };
 * `selected` are option objects; `onChange(selected)` runs on every change.
 */
function menu(element, ctx, slot, config) {
  const multi = config.multi;
  let selected = [...config.selected];
  const box = el("div", `bk-select${multi ? " bk-multi" : ""}`);
  const field = el("div", "bk-select-field");
  const chips = el("span", "bk-chips");
  const search = el("input", "bk-select-search", {
    type: "text",
    role: "combobox",
    "aria-expanded": "false",
    "aria-autocomplete": "list",
    autocomplete: "off",
    id: slot.inputId,
  });
  const list = el("div", "bk-menu", { role: "listbox" });
  list.hidden = true;
  field.append(chips, search);
  box.append(field, list);
  const placeholder =
    textOf(element.placeholder) || ctx.t(config.searchable ? "search" : "selectPlaceholder");
  let generation = 0;
  let timer;

  const sync = () => {
    chips.replaceChildren();
    if (multi) {
      for (const option of selected) {
        const chip = el("span", "bk-chip");
        chip.append(renderText(option.text, ctx));
        const remove = el("button", "bk-chip-remove", { type: "button", "aria-label": ctx.t("remove") });
        remove.textContent = "×";
        remove.addEventListener("click", (event) => {
          event.stopPropagation();
          selected = selected.filter((o) => o.value !== option.value);
          sync();
          config.onChange(selected);
        });
        chip.append(remove);
        chips.append(chip);
      }
      search.placeholder = selected.length === 0 ? placeholder : "";
    } else {
      search.placeholder = selected[0] ? textOf(selected[0].text) : placeholder;
      box.classList.toggle("bk-has-value", Boolean(selected[0]));
    }
    box.dataset.selected = selected.map((o) => o.value).join(",");
  };

  const close = () => {
    list.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.value = "";
  };

  const choose = (option) => {
    if (multi) {
      if (!selected.some((o) => o.value === option.value)) {
        if (element.max_selected_items && selected.length >= element.max_selected_items) return;
        selected = [...selected, option];
      }
      search.value = "";
      search.focus();
    } else {
      selected = [option];
      close();
      search.blur();
    }
    sync();
    config.onChange(selected);
    if (multi) show(search.value);
  };

  const showOptions = (answer) => {
    list.replaceChildren();
    const groups = answer.option_groups
      ? answer.option_groups
      : [{ label: null, options: answer.options || [] }];
    let count = 0;
    for (const group of groups) {
      if (group.label) {
        const label = el("div", "bk-menu-group");
        label.append(renderText(group.label, ctx));
        list.append(label);
      }
      for (const option of group.options || []) {
        if (multi && selected.some((o) => o.value === option.value)) continue;
        const item = el("div", "bk-menu-option", {
          role: "option",
          "data-value": option.value,
          "aria-selected": selected.some((o) => o.value === option.value) ? "true" : "false",
        });
        item.append(renderText(option.text, ctx));
        if (option.description) item.append(renderText(option.description, ctx, "small"));
        item.addEventListener("mousedown", (event) => event.preventDefault());
        item.addEventListener("click", () => choose(option));
        list.append(item);
        count += 1;
      }
    }
    if (count === 0) {
      const none = el("div", "bk-menu-empty");
      none.textContent = ctx.t("noMatches");
      list.append(none);
    }
  };

  const show = async (query) => {
    if (!box.isConnected) return;
    const mine = ++generation;
    list.hidden = false;
    search.setAttribute("aria-expanded", "true");
    const minLength = config.minQueryLength ?? 0;
    if (query.length < minLength) {
      list.replaceChildren();
      return;
    }
    if (config.remote) {
      const waiting = el("div", "bk-menu-empty");
      waiting.textContent = ctx.t("searching");
      list.replaceChildren(waiting);
    }
    const answer = await config.load(query);
    if (mine === generation && !list.hidden) showOptions(answer);
  };

  search.addEventListener("focus", () => show(search.value));
  search.addEventListener("input", () => {
    clearTimeout(timer);
    // Results of an earlier query must not be picked while the new ones are on their way.
    if (config.remote && !list.hidden) {
      generation += 1;
      const waiting = el("div", "bk-menu-empty");
      waiting.textContent = ctx.t("searching");
      list.replaceChildren(waiting);
    }
    timer = setTimeout(() => show(search.value), config.remote ? 200 : 0);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !list.hidden) {
      event.stopPropagation();
      close();
    }
    if (event.key === "Enter") {
      event.preventDefault();
      const first = list.querySelector(".bk-menu-option");
      if (first) first.click();
    }
    if (event.key === "Backspace" && multi && search.value === "" && selected.length > 0) {
      selected = selected.slice(0, -1);
      sync();
      config.onChange(selected);
    }
  });
  search.addEventListener("blur", () => setTimeout(close, 120));
  field.addEventListener("click", () => search.focus());
  sync();
  return box;
}

const localFilter = (options) => async (query) => {
  const q = query.trim().toLowerCase();
  return { options: q === "" ? options : options.filter((o) => textOf(o.text).toLowerCase().includes(q)) };
};

/** Static, external, user, conversation and channel menus, single or multi, share one implementation. */
function selectElement(kind) {
  return (element, ctx, slot) => {
    const multi = element.type.startsWith("multi_");
    const state = preserved(ctx, slot, element);
    let load;
    let remote = false;
    let candidates = [];
    let minQueryLength = 0;
    if (kind === "static") {
      candidates = staticOptions(element);
      load = element.option_groups
        ? async (query) => ({
            option_groups: element.option_groups.map((g) => ({
              label: g.label,
              options: (g.options || []).filter((o) =>
                textOf(o.text).toLowerCase().includes(query.trim().toLowerCase()),
              ),
            })),
          })
        : localFilter(candidates);
    } else if (kind === "external") {
      remote = true;
      minQueryLength = element.min_query_length ?? 3;
      load = (query) => ctx.suggest({ blockId: slot.blockId, actionId: element.action_id, value: query });
    } else if (kind === "users") {
      candidates = ctx.users.map((u) => ({
        text: { type: "plain_text", text: u.realName || u.name },
        value: u.id,
      }));
      load = localFilter(candidates);
    } else {
      const channels = ctx.channels.filter((c) => kind === "conversations" || !c.isPrivate);
      candidates = channels.map((c) => ({ text: { type: "plain_text", text: `#${c.name}` }, value: c.id }));
      load = localFilter(candidates);
    }
    const field = SELECT_FIELDS[kind];
    const byValue = (value) =>
      candidates.find((o) => o.value === value) ?? { text: { type: "plain_text", text: value }, value };

    let selected = [];
    if (state) {
      if (kind === "static" || kind === "external") {
        selected = multi
          ? state.selected_options || []
          : state.selected_option
            ? [state.selected_option]
            : [];
      } else {
        const ids = multi ? state[field.many] || [] : state[field.one] ? [state[field.one]] : [];
        selected = ids.map(byValue);
      }
    } else if (kind === "static" || kind === "external") {
      selected = multi
        ? element.initial_options || []
        : element.initial_option
          ? [element.initial_option]
          : [];
    } else {
      const ids = multi
        ? element[field.initialMany] || []
        : element[field.initialOne]
          ? [element[field.initialOne]]
          : [];
      selected = ids.map(byValue);
    }

    const stateOf = (chosen) => {
      if (kind === "static" || kind === "external") {
        return multi
          ? { selected_options: chosen.map(optionJson) }
          : { selected_option: chosen[0] ? optionJson(chosen[0]) : null };
      }
      return multi ? { [field.many]: chosen.map((o) => o.value) } : { [field.one]: chosen[0]?.value ?? null };
    };
    let current = selected;
    const node = menu(element, ctx, slot, {
      multi,
      remote,
      searchable: remote || kind !== "static",
      minQueryLength,
      selected,
      load,
      onChange: (chosen) => {
        current = chosen;
        if (firesOnChange(slot)) fire(ctx, slot, element, stateOf(chosen));
      },
    });
    registerInput(ctx, slot, element, () => ({ type: element.type, ...stateOf(current) }));
    return node;
  };
}

const SELECT_FIELDS = {
  users: {
    one: "selected_user",
    many: "selected_users",
    initialOne: "initial_user",
    initialMany: "initial_users",
  },
  conversations: {
    one: "selected_conversation",
    many: "selected_conversations",
    initialOne: "initial_conversation",
    initialMany: "initial_conversations",
  },
  channels: {
    one: "selected_channel",
    many: "selected_channels",
    initialOne: "initial_channel",
    initialMany: "initial_channels",
  },
};

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

function plainTextInput(element, ctx, slot) {
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

const datepicker = nativeInput({
  type: () => "date",
  initial: (e) => e.initial_date,
  fromState: (s) => s.selected_date,
  toState: (value) => ({ selected_date: value || null }),
});
const timepicker = nativeInput({
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
const datetimepicker = nativeInput({
  type: () => "datetime-local",
  initial: (e) => localDateTime(e.initial_date_time),
  fromState: (s) => localDateTime(s.selected_date_time),
  toState: (value) => ({ selected_date_time: value ? Math.floor(new Date(value).getTime() / 1000) : null }),
});
const numberInput = nativeInput({
  type: () => "number",
  initial: (e) => e.initial_value,
  fromState: (s) => s.value,
  toState: text,
  onEnter: true,
});
const emailInput = nativeInput({
  type: () => "email",
  initial: (e) => e.initial_value,
  fromState: (s) => s.value,
  toState: text,
  onEnter: true,
});
const urlInput = nativeInput({
  type: () => "url",
  initial: (e) => e.initial_value,
  fromState: (s) => s.value,
  toState: text,
  onEnter: true,
});

/** Radio buttons and checkboxes: native inputs, option text may be mrkdwn, with descriptions. */
function choiceElement(multi) {
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
function fileInput(element, ctx, slot) {
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

function imageElement(element) {
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
