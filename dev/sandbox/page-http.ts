/** The page's side of HTTP: its errors, JSON bodies in and out, the Host check, the static files. */
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

type Json = Record<string, unknown>;

/** A request the page got wrong; answered with HTTP `status` and `{ ok: false, error }`. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

const BODY_LIMIT = 1024 * 1024;
export const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new PageError(413, "body_too_large");
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isObject(parsed)) return parsed;
  } catch {
    // answered below
  }
  throw new PageError(400, "invalid_json");
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The `Host` header names this loopback server (refuses DNS-rebinding pages posing as another host). */
export function hostAllowed(header: string | undefined, port: number): boolean {
  if (!header) return false;
  const allowed = ["127.0.0.1", "localhost", "[::1]"].map((h) => `${h}:${port}`);
  return allowed.includes(header.toLowerCase());
}

/** The files under public/ and its folders one level down (`blockkit/text.js`), read once at start. */
export function listPublicFiles(): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(PUBLIC_DIR, { withFileTypes: true })) {
    if (entry.isFile()) files.add(entry.name);
    if (!entry.isDirectory()) continue;
    for (const inner of readdirSync(join(PUBLIC_DIR, entry.name), { withFileTypes: true })) {
      if (inner.isFile()) files.add(`${entry.name}/${inner.name}`);
    }
  }
  return files;
}

/**
 * Serves `/` (index.html) and `/assets/<name>` or `/assets/<folder>/<name>` from public/; false when `path` names
 * no file listed by listPublicFiles (so no `..`, no deeper folder, nothing created after start).
 */
export async function sendPublicFile(
  res: ServerResponse,
  path: string,
  publicFiles: ReadonlySet<string>,
): Promise<boolean> {
  const name = path === "/" ? "index.html" : path.startsWith("/assets/") ? path.slice(8) : "";
  if (!/^(?:[\w-]+\/)?[\w-]+\.[a-z]+$/.test(name) || !publicFiles.has(name)) return false;
  const content = await readFile(join(PUBLIC_DIR, name));
  res.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(content);
  return true;
}
