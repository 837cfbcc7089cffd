/** :shortcode: emoji as HTML: status dots drawn with CSS, the rest as characters where this browser can draw them. */
import { escapeHtml } from "./dom.js";

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

export function emojiHtml(name) {
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
export function withEmoji(html) {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name) =>
    DRAWN_EMOJI[name] || EMOJI[name] || name === "white_check_mark" ? emojiHtml(name) : whole,
  );
}
