/**
 * How the sandbox's own tools start Debian's Chromium (never a downloaded browser): headless, and with the
 * background networking that this machine's closed network would refuse switched off.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
