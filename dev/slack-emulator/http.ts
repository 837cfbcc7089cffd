/** The HTTP side of a request: reading and parsing its body, its bearer token, answering with JSON. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Json } from "./types.js";
import { isObject } from "./values.js";

/** Header marking a response_url post as an acknowledgement's body (see EmulatorCall.fromAck). */
export const ACK_BODY_HEADER = "x-emulator-ack-body";

/** Form fields @slack/web-api sends JSON-encoded. */
const JSON_FIELDS = ["blocks", "attachments", "view", "metadata", "prompts", "outputs"];

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function parseBody(raw: string, contentType: string | undefined): Json {
  if (raw === "") return {};
  if (contentType?.includes("application/json")) {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : { payload: parsed };
  }
  const body: Json = Object.fromEntries(new URLSearchParams(raw));
  for (const key of JSON_FIELDS) {
    const value = body[key];
    if (typeof value !== "string") continue;
    try {
      body[key] = JSON.parse(value);
    } catch {
      // Leave it as sent; the method handler reports it.
    }
  }
  return body;
}

export function bearer(req: Pick<IncomingMessage, "headers">): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
