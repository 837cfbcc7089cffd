/**
 * The sandbox: the real app in HTTP mode (signature checks on, SQLite store under the data directory), the Slack
 * emulator standing in for Slack's Web API, and a web page standing in for the Slack client.
 *
 * The page talks only to this server's JSON endpoints under /sandbox/. This server plays Slack's servers: it builds
 * each payload exactly as Slack would (slash command form body, block_actions / view_submission / block_suggestion /
 * view_closed `payload=…`, event_callback JSON), signs it with the signing secret and posts it to the app's
 * /slack/events, then applies the app's answer as Slack does (view_submission acks, options lists). Everything the
 * app sends back goes through the emulator, which checks it with the app's own Block Kit validator; what Slack
 * would refuse is listed in the state the page shows.
 *
 * Never imported by src/index.ts or src/app.ts, and left out of the production build (tsconfig.build.json).
 *
 * This file starts the three and routes the page's requests; the routes are in routes/ and surfaces.ts, what they
 * share in session.ts, the page's HTTP helpers in page-http.ts.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { type AssistantApp, createAssistantApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { type SlackEmulator, startSlackEmulator } from "../slack-emulator/index.js";
import { SandboxClock } from "./clock.js";
import { assertLoopbackHost, DEFAULT_DATA_DIR, DEFAULT_SANDBOX_PORT } from "./options.js";
import {
  hostAllowed,
  isObject,
  listPublicFiles,
  PageError,
  readJson,
  sendJson,
  sendPublicFile,
} from "./page-http.js";
import { clockChange, sweep } from "./routes/clock.js";
import { command, message } from "./routes/conversation.js";
import { sendFile, upload } from "./routes/files.js";
import { action, close, home, submit, suggestions } from "./routes/interactions.js";
import { configJson, stateJson } from "./routes/page-state.js";
import { deliver, loadStrings, REPO_DIR, type SandboxSweep, type Session, userOf } from "./session.js";
import { surfaceRoutes } from "./surfaces.js";
import { SANDBOX_CHANNELS, SANDBOX_IDS, SANDBOX_USERS } from "./workspace.js";

export type { SandboxSweep, SweepContext } from "./session.js";

type Json = Record<string, unknown>;

export interface SandboxOptions {
  /** The page's port; default 3000, 0 picks a free one. */
  port?: number;
  /** A loopback address (127.0.0.1, ::1 or localhost); anything else throws SandboxOptionError. */
  host?: string;
  /** Where the SQLite store lives (`<dataDir>/ismap.sqlite`); default ./data/sandbox. */
  dataDir?: string;
  /** Where the sandbox clock starts (it then runs on in real time); the real time by default. */
  clock?: Date | string;
  /** See SandboxSweep. */
  sweep?: SandboxSweep;
  /** Default: the repository's rules/. */
  rulesDir?: string;
  /** The app's log level; default "warn". */
  logLevel?: Config["logLevel"];
}

export interface Sandbox {
  /** The page, e.g. `http://127.0.0.1:3000/`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Where the app receives Slack's requests, e.g. `http://127.0.0.1:54321/slack/events`. */
  readonly appUrl: string;
  readonly storeDescription: string;
  readonly emulator: SlackEmulator;
  readonly assistant: AssistantApp;
  readonly clock: SandboxClock;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = assertLoopbackHost(options.host ?? "127.0.0.1");
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const start = options.clock === undefined ? undefined : new Date(options.clock);
  if (start && Number.isNaN(start.getTime()))
    throw new Error(`sandbox: clock "${options.clock}" is no instant`);
  const clock = new SandboxClock(start);
  const strings = loadStrings();
  const publicFiles = listPublicFiles();
  const signingSecret = randomBytes(24).toString("hex");

  const emulator = await startSlackEmulator({
    teamId: SANDBOX_IDS.team,
    teamName: "ISMAP Sandbox",
    teamDomain: "ismap-sandbox",
    botUserId: SANDBOX_IDS.bot,
    botName: "ismap-liu",
    tokens: [`xoxb-sandbox-${randomBytes(12).toString("hex")}`],
    users: [...SANDBOX_USERS],
    channels: [...SANDBOX_CHANNELS],
    label: "Slack emulator",
    now: () => clock.now(),
    maxCalls: 500,
  });

  let assistant: AssistantApp;
  let appBase: string;
  try {
    const config: Config = {
      transport: { kind: "http", signingSecret, port: 0, host: "127.0.0.1" },
      auth: { kind: "token", botToken: emulator.botToken },
      slackApiUrl: emulator.url,
      storeUrl: `sqlite://${join(dataDir, "ismap.sqlite")}`,
      rulesDir: options.rulesDir ?? join(REPO_DIR, "rules"),
      logLevel: options.logLevel ?? "warn",
    };
    // Reminders go out when the page asks for a sweep (after moving the clock), not on a timer.
    assistant = createAssistantApp({ config, clock: () => clock.now(), sweepIntervalMs: 0 });
    const { port } = await assistant.start();
    appBase = `http://127.0.0.1:${port}`;
  } catch (error) {
    await emulator.close();
    throw error;
  }

  const session: Session = {
    emulator,
    assistant,
    clock,
    appBase,
    signingSecret,
    strings,
    sweep: options.sweep,
  };

  const posts: Record<string, (body: Json) => Promise<Json> | Json> = {
    "/sandbox/command": (body) => command(session, body),
    "/sandbox/message": (body) => message(session, body),
    "/sandbox/action": (body) => action(session, body),
    "/sandbox/submit": (body) => submit(session, body),
    "/sandbox/close": (body) => close(session, body),
    "/sandbox/options": (body) => suggestions(session, body),
    "/sandbox/home": (body) => home(session, body),
    "/sandbox/clock": (body) => clockChange(session, body),
    "/sandbox/sweep": () => sweep(session),
    "/sandbox/upload": (body) => upload(session, body),
    // The assistant panel and Workflow Builder step runs (surfaces.ts).
    ...surfaceRoutes({
      emulator,
      clock,
      userOf: (id) => userOf(session, id),
      deliver: (request, source) => deliver(session, request, source),
      fail: (status, code) => {
        throw new PageError(status, code);
      },
    }),
  };

  let pagePort = 0;
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, pagePort)) throw new PageError(403, "host_not_allowed");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (req.method === "GET") {
      if (path === "/sandbox/config") return sendJson(res, 200, configJson(session));
      if (path === "/sandbox/state") return sendJson(res, 200, stateJson(session, url.searchParams));
      if (path === "/sandbox/clock") return sendJson(res, 200, clockChange(session, { days: 0 }));
      const download = /^\/sandbox\/files\/(F\w+)$/.exec(path);
      if (download) return sendFile(session, res, download[1] as string);
      if (await sendPublicFile(res, path, publicFiles)) return;
      throw new PageError(404, "not_found");
    }
    const handler = posts[path];
    if (req.method !== "POST" || !handler) throw new PageError(404, "not_found");
    // JSON only: a form on another site cannot post here without a CORS preflight, which is never granted.
    if (!req.headers["content-type"]?.startsWith("application/json")) {
      throw new PageError(415, "json_only");
    }
    const body = await readJson(req);
    sendJson(res, 200, await handler(body));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof PageError) sendJson(res, error.status, { ok: false, error: error.code });
      else {
        const code = isObject(error) && typeof error.code === "string" ? error.code : "internal_error";
        sendJson(res, 500, { ok: false, error: code, detail: String(error) });
      }
    });
  });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? DEFAULT_SANDBOX_PORT, host, () => resolveListen());
    });
  } catch (error) {
    await assistant.stop();
    await emulator.close();
    throw error;
  }
  pagePort = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${pagePort}/`,
    host,
    port: pagePort,
    appUrl: `${appBase}/slack/events`,
    storeDescription: assistant.store.description,
    emulator,
    assistant,
    clock,
    async close() {
      await new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
      await assistant.stop();
      await emulator.close();
    },
  };
}
