/** The page's DOM helpers: query, element, inline icon and toast. */

export const $ = (selector) => document.querySelector(selector);

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const ICONS = {
  lock: "M5 7V5a3 3 0 0 1 6 0v2h1v7H4V7h1zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2z",
  hash: "M6 2 5.4 5H3v1.5h2.1L4.6 9.5H2.5V11h1.8L3.7 14h1.5l.6-3h2.9l-.6 3h1.5l.6-3H12V9.5H10.5l.5-3H13V5h-1.7l.6-3h-1.5l-.6 3H6.9l.6-3H6zm.6 4.5h2.9l-.5 3H6.1l.5-3z",
  eye: "M8 3C4.5 3 2 5.7 1 8c1 2.3 3.5 5 7 5s6-2.7 7-5c-1-2.3-3.5-5-7-5zm0 8.2A3.2 3.2 0 1 1 8 4.8a3.2 3.2 0 0 1 0 6.4zM8 6.3a1.7 1.7 0 1 0 0 3.4 1.7 1.7 0 0 0 0-3.4z",
};

/** A small inline icon (no icon font, no emoji needed). */
export function icon(name, className = "icon") {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("class", className);
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[name]);
  path.setAttribute("fill", "currentColor");
  path.setAttribute("fill-rule", "evenodd");
  svg.append(path);
  return svg;
}

export function toast(message, kind = "info") {
  const node = el("div", `toast toast-${kind}`, message);
  $("#toasts").append(node);
  setTimeout(() => node.remove(), 5000);
}
