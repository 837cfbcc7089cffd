/** Files: one a person picks in a file_input, and the bytes of one shared in a message (the page's download link). */
import type { ServerResponse } from "node:http";
import { PageError } from "../page-http.js";
import { type Session, userOf } from "../session.js";

type Json = Record<string, unknown>;

/** A file picked in a file_input: stored in the emulator, which serves it to the app like Slack's file host. */
export function upload(session: Session, body: Json): Json {
  userOf(session, body.user);
  const name = String(body.name ?? "").slice(0, 255);
  if (name === "" || typeof body.data !== "string") throw new PageError(400, "invalid_file");
  return { ok: true, file: session.emulator.addFile({ name, bytes: Buffer.from(body.data, "base64") }) };
}

export function sendFile({ emulator }: Session, res: ServerResponse, id: string): void {
  const file = emulator.files().find((f) => f.id === id && f.complete);
  if (!file) throw new PageError(404, "file_not_found");
  res.writeHead(200, {
    "content-type": "application/octet-stream",
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(file.bytes);
}
