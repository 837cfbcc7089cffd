/** The rich_text block: sections, lists, quotes and preformatted text made of styled inline elements. */
import { el, escapeHtml, unsupported } from "./dom.js";
import { emojiHtml } from "./emoji.js";
import { SAFE_URL, tokenHtml } from "./text.js";

export function richText(block, ctx) {
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
