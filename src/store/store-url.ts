/** STORE_URL: which store it names, and the same URL with its password hidden. */
import { StoreUrlError } from "./errors.js";

export type StoreLocation =
  | { kind: "sqlite"; path: string }
  | { kind: "redis"; url: string }
  | { kind: "memory" };
export type StoreKind = StoreLocation["kind"];

/** Hides a password in a URL before it goes into a message or a log line. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1***@");
}

/**
 * `sqlite://<path>` (`sqlite://./data/x.sqlite` is relative to the working directory, `sqlite:///abs/x.sqlite`
 * absolute, `sqlite://:memory:` a private in-memory database), `redis://…` or `rediss://…`, `memory://`.
 */
export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim();
  if (trimmed === "memory://" || trimmed === "memory:") return { kind: "memory" };
  if (trimmed.startsWith("sqlite://")) {
    const path = trimmed.slice("sqlite://".length);
    if (path === "") throw new StoreUrlError(`STORE_URL "${trimmed}" names no file: use sqlite://<path>`);
    return { kind: "sqlite", path };
  }
  if (/^rediss?:\/\//i.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw new StoreUrlError(`STORE_URL "${redactUrl(trimmed)}" is not a valid Redis URL`);
    }
    return { kind: "redis", url: trimmed };
  }
  throw new StoreUrlError(
    `STORE_URL "${redactUrl(trimmed)}" is not supported: use sqlite://<path>, redis://host:port or memory://`,
  );
}
