/**
 * The HTTP server on 127.0.0.1: records every call, applies injected faults, and answers Web API methods,
 * response_url posts and file routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { faultAnswer, takeFault } from "./faults.js";
import { handleFileRoute } from "./file-routes.js";
import { ACK_BODY_HEADER, bearer, parseBody, readBody, sendJson } from "./http.js";
import { callMethod } from "./methods.js";
import { noteFailure } from "./problems.js";
import { answerResponseUrl, RESPONSE_URL_PREFIX } from "./response-urls.js";
import { changed, type EmulatorContext } from "./state.js";
import type { EmulatorCall, Json } from "./types.js";
import { str } from "./values.js";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Completes a recorded call: its status and response, a problem if it failed, the HTTP answer, the waiters. */
function finish(
  ctx: EmulatorContext,
  res: ServerResponse,
  call: EmulatorCall,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  call.status = status;
  call.response = body;
  noteFailure(ctx, call.method, status, body);
  changed(ctx);
  if (typeof body === "string") {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(body);
  } else {
    sendJson(res, status, body, headers);
  }
  for (const wake of ctx.waiters) wake();
}

async function handle(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { config } = ctx;
  const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  if (await handleFileRoute(ctx, req, res, path)) return;
  const raw = await readBody(req);
  const apiMatch = /^\/api\/([\w.]+)$/.exec(path);
  const isResponseUrl = path.startsWith(RESPONSE_URL_PREFIX);
  if (req.method !== "POST" || (!apiMatch && !isResponseUrl)) {
    sendJson(res, 404, { ok: false, error: "not_found" });
    return;
  }
  const method = apiMatch?.[1] ?? "response_url";
  let body: Json;
  try {
    body = parseBody(raw, req.headers["content-type"]);
  } catch {
    body = { raw };
  }
  const token = bearer(req) ?? str(body.token);
  delete body.token;
  const call: EmulatorCall = {
    method,
    path,
    body,
    token,
    time: new Date(),
    status: 0,
    response: undefined,
  };
  const fromAck = isResponseUrl && req.headers[ACK_BODY_HEADER] === "1";
  if (fromAck) call.fromAck = true;
  const { calls } = ctx.state;
  calls.push(call);
  if (calls.length > config.maxCalls) calls.splice(0, calls.length - config.maxCalls);
  const fault = fromAck ? undefined : takeFault(ctx.state.faults, method);
  if (fault) {
    if (fault.delayMs) await sleep(fault.delayMs);
    const answer = faultAnswer(fault, config.label);
    if (answer) {
      finish(ctx, res, call, answer.status, answer.body, answer.headers);
      return;
    }
  }
  const answer = isResponseUrl
    ? answerResponseUrl(ctx, path, call.body)
    : callMethod(ctx, method, call.token, call.body);
  finish(ctx, res, call, 200, answer);
}

/** Listens on an ephemeral loopback port and sets `ctx.origin`. */
export async function startServer(ctx: EmulatorContext): Promise<Server> {
  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: "fatal_error", detail: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ctx.origin = `http://127.0.0.1:${port}`;
  return server;
}
