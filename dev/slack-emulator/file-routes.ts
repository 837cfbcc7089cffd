/** The file bytes outside the Web API: POST /upload/<id> (files.uploadV2's step 2) and GET /files/<id>/download/…. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { bearer } from "./http.js";
import { changed, type EmulatorContext } from "./state.js";

/** The file in an upload body: the raw body, or the file part of a multipart form (what @slack/web-api sends). */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return body;
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  const first = form.values().next().value;
  return Buffer.from(typeof first === "string" ? first : "");
}

/** Answers an upload or a download; false when `path` is neither. */
export async function handleFileRoute(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const { state } = ctx;
  const upload = /^\/upload\/(F\w+)$/.exec(path);
  if (upload && req.method === "POST") {
    const file = state.files.get(upload[1] as string);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!file) {
      res.writeHead(404).end();
      return true;
    }
    file.bytes = await uploadedBytes(Buffer.concat(chunks), req.headers["content-type"]);
    file.size = file.bytes.length;
    changed(ctx);
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${file.size}`);
    return true;
  }
  const download = /^\/files\/(F\w+)\/download\//.exec(path);
  if (download && (req.method === "GET" || req.method === "HEAD")) {
    const file = state.files.get(download[1] as string);
    const token = bearer(req);
    if (!token || !state.tokens.has(token)) {
      // Slack answers an unauthorised file request with its sign-in page, not the file.
      res.writeHead(302, { location: `${ctx.origin}/signin` }).end();
      return true;
    }
    if (!file?.complete) {
      res.writeHead(404).end();
      return true;
    }
    res.writeHead(200, {
      "content-type": "application/octet-stream",
      "content-length": String(file.size),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
    res.end(req.method === "HEAD" ? undefined : file.bytes);
    return true;
  }
  return false;
}
