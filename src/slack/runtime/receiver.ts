/**
 * The HTTP receiver: Bolt's own, with a stricter front door at `/slack/events`. Before Bolt reads a request it
 * checks what Slack always sends: a body of at most 1 MB (else 413), of type `application/x-www-form-urlencoded`
 * or `application/json` (else 415), whose payload is a JSON object (else 400). Left alone, Bolt accepts bodies up
 * to 4 MB, runs listeners on a JSON body sent as `text/plain`, and a correctly signed body of `null` crashes the
 * process. A payload Bolt cannot process before the ack (fields missing) is answered 400 instead of 500.
 * Signatures are still checked by Bolt, after these checks.
 *
 * Also refused before the body is read: a request whose `x-slack-request-timestamp` is more than 5 minutes in the
 * past or the future (401; Bolt only refuses the past). A form or JSON body with `; charset=utf-8` is Slack's
 * type and is accepted (Bolt compares the whole header, so it is handed on without the parameter); any other
 * charset is 415. The server itself cuts slow clients (SERVER_OPTIONS) and caps connections (MAX_CONNECTIONS).
 */
import type { IncomingMessage, ServerOptions, ServerResponse } from "node:http";
import { HTTPModuleFunctions, HTTPReceiver, type HTTPReceiverOptions } from "@slack/bolt";

export const MAX_BODY_BYTES = 1024 * 1024;
const EVENTS_PATH = "/slack/events";
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
/** Slack's rule: a request dated more than 5 minutes from now, either way, is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Server timeouts. Slack sends a whole request (at most 1 MB here, a few KB in practice) at once and waits 3 s
 * for the answer, so a client still sending headers after 5 s, or a body after 10 s, is not Slack: its connection
 * is closed (Node's defaults, 60 s and 300 s, let a few slow clients hold sockets for minutes). Checked every
 * second (Node's default is every 30 s).
 */
export const SERVER_OPTIONS: ServerOptions = {
  headersTimeout: 5_000,
  requestTimeout: 10_000,
  connectionsCheckingInterval: 1_000,
  keepAliveTimeout: 5_000,
};
/**
 * Connections held at once. Slack's traffic to one app is a few requests per second per workspace, each answered
 * within 3 s (acks take milliseconds), so even hundreds of busy workspaces need far fewer; beyond the cap new
 * connections are dropped at once instead of exhausting file descriptors and memory.
 */
export const MAX_CONNECTIONS = 1_024;

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end();
}

function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The charset parameter of the content type, lower case; undefined when there is none. */
function charsetOf(req: IncomingMessage): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers["content-type"] ?? "");
  return match?.[1]?.toLowerCase();
}

/** True when the request's timestamp is a number within MAX_CLOCK_SKEW_SECONDS of now, either way. */
function timelyRequest(req: IncomingMessage, nowMs = Date.now()): boolean {
  const raw = req.headers["x-slack-request-timestamp"];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  // A missing or malformed timestamp is left to Bolt, which refuses it with its own message.
  if (raw === undefined || !Number.isFinite(seconds)) return true;
  return Math.abs(nowMs / 1000 - seconds) <= MAX_CLOCK_SKEW_SECONDS;
}

/** Reads the body up to the limit; undefined (and a 413 sent) when it is larger. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: Buffer | undefined) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        refuse(res, 413);
        // The rest is read and dropped, so the client gets the answer instead of a reset connection.
        req.resume();
        finish(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => finish(Buffer.concat(chunks)));
    req.once("error", () => finish(undefined));
  });
}

/** A payload Bolt can work with: a JSON object (the JSON body, or the form's `payload` field when it has one). */
function isObjectPayload(type: string, body: Buffer): boolean {
  if (type === JSON_TYPE) return body.toString("utf8").trimStart().startsWith("{");
  const text = body.toString("utf8");
  if (!/(^|&)payload=/.test(text)) return true;
  const payloads = new URLSearchParams(text).getAll("payload");
  return payloads.length === 1 && (payloads[0] as string).trimStart().startsWith("{");
}

/** Checks a request to /slack/events; true when Bolt may have it (its body then already read into `rawBody`). */
async function admit(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const type = mediaType(req);
  const charset = charsetOf(req);
  if ((type !== FORM && type !== JSON_TYPE) || (charset !== undefined && charset !== "utf-8")) {
    refuse(res, 415);
    return false;
  }
  if (!timelyRequest(req)) {
    refuse(res, 401);
    return false;
  }
  // Bolt parses a form body only when the header is exactly the form type.
  req.headers["content-type"] = type;
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    refuse(res, 413);
    return false;
  }
  const body = await readBody(req, res);
  if (!body) return false;
  if (!isObjectPayload(type, body)) {
    refuse(res, 400);
    return false;
  }
  // Bolt reads a request whose `rawBody` is already a Buffer as it is, without reading the stream again.
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  return true;
}

const processEventErrorHandler: NonNullable<HTTPReceiverOptions["processEventErrorHandler"]> = async (
  args,
) => {
  const { error, logger, request, response } = args;
  const code = (error as { code?: string }).code;
  const authorization = code === "slack_bolt_authorization_error";
  if (response.headersSent || authorization) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  if (code === "ismap_tenant_mismatch") {
    // The body names another workspace than the one Bolt authorized (request.ts, tenantOf).
    logger.warn(`refused a request for another workspace (${request.url}): ${error.message}`);
    refuse(response, 403);
    return true;
  }
  logger.warn(`refused a request Bolt could not process (${request.url}): ${error.message}`);
  refuse(response, 400);
  return true;
};

/** Bolt's HTTPReceiver with the checks above; `options` as for HTTPReceiver. */
export function guardedReceiver(options: HTTPReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ bodyLimit: MAX_BODY_BYTES, processEventErrorHandler, ...options });
  const boltListener = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "POST" || path !== EVENTS_PATH) {
      boltListener(req, res);
      return;
    }
    admit(req, res)
      .then((admitted) => {
        if (admitted) boltListener(req, res);
      })
      .catch(() => refuse(res, 400));
  };
  return receiver;
}
