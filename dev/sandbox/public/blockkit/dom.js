/** The renderer's smallest helpers: HTML escaping, element creation and the box for anything unsupported. */

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function el(tag, className, attrs = {}) {
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
