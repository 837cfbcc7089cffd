/**
 * A `fetch` for the Web API client of the sweeper (WebClient's `fetch` option): a plain node:http(s) request over a
 * keep-alive agent and a small response object, instead of the WHATWG fetch of undici, whose streams, abort
 * signals and header objects cost about as much CPU per call as the rest of a reminder's post. Only what WebClient
 * uses is implemented; a body that is not a string (a file upload's FormData) goes to the global fetch.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { FetchFunction } from "@slack/web-api";

type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchHeaders = FetchResponse["headers"];

/** Sockets kept open per host; the sweeper posts at most `concurrency` at once, so this is not a limit in practice. */
const MAX_SOCKETS = 128;
/** Idle sockets are closed after this, before a server's own keep-alive timeout can close one under a request. */
const IDLE_SOCKET_MS = 4_000;
/**
 * A request whose connection stays silent this long fails (undici's fetch, which this replaces, gives up on
 * headers after 300 s): without it a caller passing no abort signal, such as Bolt's `respond`, could wait forever.
 */
const SILENT_REQUEST_MS = 30_000;

function headersOf(message: IncomingMessage): FetchHeaders {
  const raw = message.headers;
  const get = (name: string): string | null => {
    const value = raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    get,
    *entries() {
      for (const name of Object.keys(raw)) yield [name, get(name) as string];
    },
  };
}

function responseOf(url: string, message: IncomingMessage, body: Buffer): FetchResponse {
  const status = message.statusCode ?? 0;
  const text = () => body.toString("utf8");
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: message.statusMessage ?? "",
    url,
    headers: headersOf(message),
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
    arrayBuffer: async () =>
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
  };
}

export function keepAliveFetch(options: { silentRequestMs?: number } = {}): FetchFunction {
  const silentRequestMs = options.silentRequestMs ?? SILENT_REQUEST_MS;
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS }),
  };
  return (input, init = {}) => {
    if (init.body !== undefined && typeof init.body !== "string") {
      return globalThis.fetch(input, init as RequestInit) as Promise<FetchResponse>;
    }
    const url = typeof input === "string" ? new URL(input) : input;
    const secure = url.protocol === "https:";
    const body = init.body === undefined ? undefined : Buffer.from(init.body, "utf8");
    return new Promise<FetchResponse>((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? "GET",
          headers: { ...init.headers, ...(body ? { "content-length": String(body.length) } : {}) },
          agent: secure ? agents.https : agents.http,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (message) => {
          const status = message.statusCode ?? 0;
          if (status >= 300 && status < 400 && init.redirect !== "manual") {
            message.resume();
            reject(new TypeError(`redirect (${status}) from ${url.href} not followed`));
            return;
          }
          const chunks: Buffer[] = [];
          message.on("data", (chunk: Buffer) => chunks.push(chunk));
          message.on("end", () => resolve(responseOf(url.href, message, Buffer.concat(chunks))));
          message.on("error", reject);
        },
      );
      request.on("error", reject);
      request.setTimeout(silentRequestMs, () =>
        request.destroy(new Error(`no answer from ${url.host} within ${silentRequestMs} ms`)),
      );
      request.end(body);
    });
  };
}
