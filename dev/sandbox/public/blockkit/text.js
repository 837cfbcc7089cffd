/** Text objects: Slack's mrkdwn and plain_text as safe HTML, and a text object as an element. */
import { el, escapeHtml } from "./dom.js";
import { withEmoji } from "./emoji.js";

/** Slack escapes exactly these three in message text. */
function decodeEntities(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

export const SAFE_URL = /^(https?:|mailto:)/i;

/** One `<…>` token of mrkdwn: a link, a mention, a channel, a special mention or a date; null when literal. */
export function tokenHtml(inner, ctx) {
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

export const textOf = (object) => (object && typeof object.text === "string" ? object.text : "");
