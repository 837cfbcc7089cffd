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
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type AssistantApp, createAssistantApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { Locale } from "../../src/i18n/locale.js";
import { localeFromSlack } from "../../src/i18n/translator.js";
import { toSlackErrorMessages, validateSurface } from "../blockkit/validate.js";
import {
  type EmulatorMessage,
  type EmulatorUser,
  type ResponseUrlBinding,
  SLACKBOT_ID,
  type SlackEmulator,
  startSlackEmulator,
  type ViewSubmissionAck,
} from "../slack-emulator/index.js";
import {
  appHomeOpened,
  type BlockAction,
  blockActions,
  blockSuggestion,
  eventCallback,
  type SignedResponse,
  type SlackRequest,
  type SlackRequestContext,
  sendRequest,
  slashCommand,
  type ViewStateValues,
  viewClosed,
  viewSubmission,
} from "../slack-requests.js";
import { SandboxClock } from "./clock.js";
import { assertLoopbackHost, DEFAULT_DATA_DIR, DEFAULT_SANDBOX_PORT } from "./options.js";
import { surfaceRoutes } from "./surfaces.js";
import { SANDBOX_CHANNELS, SANDBOX_IDS, SANDBOX_USERS } from "./workspace.js";

type Json = Record<string, unknown>;

/** What the reminder sweep hook gets besides the sandbox time: the running app and the emulator. */
export interface SweepContext {
  assistant: AssistantApp;
  emulator: SlackEmulator;
}

/**
 * REMINDER SWEEP HOOK: runs one reminder sweep as of `now` (the sandbox clock). Pass one to startSandbox and the
 * page shows a "Run reminder sweep" button posting to /sandbox/sweep; without one the button stays hidden and the
 * endpoint answers 404. Whatever it returns is shown to the person as JSON.
 */
export type SandboxSweep = (now: Date, context: SweepContext) => unknown;

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

/** A request the page got wrong; answered with HTTP `status` and `{ ok: false, error }`. */
class PageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Slack gives an app 3 seconds to acknowledge; later, the person sees operation_timeout. */
const ACK_DEADLINE_MS = 3000;
const BODY_LIMIT = 1024 * 1024;
const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));
const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

type Strings = Record<Locale, Record<string, string>>;

/** The page's strings: the top-level "sandbox" key of each locale file. */
function loadStrings(): Strings {
  const read = (locale: Locale): Record<string, string> => {
    const file = JSON.parse(readFileSync(join(REPO_DIR, "locales", `${locale}.json`), "utf8")) as Json;
    return (file.sandbox ?? {}) as Record<string, string>;
  };
  return { ja: read("ja"), en: read("en") };
}

function fill(message: string | undefined, params: Record<string, string>, key: string): string {
  return (message ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

async function readJson(req: IncomingMessage): Promise<Json> {
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** The `Host` header names this loopback server (refuses DNS-rebinding pages posing as another host). */
function hostAllowed(header: string | undefined, port: number): boolean {
  if (!header) return false;
  const allowed = ["127.0.0.1", "localhost", "[::1]"].map((h) => `${h}:${port}`);
  return allowed.includes(header.toLowerCase());
}

const tsToIso = (ts: string): string => new Date(Number(ts.split(".")[0]) * 1000).toISOString();

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = assertLoopbackHost(options.host ?? "127.0.0.1");
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const start = options.clock === undefined ? undefined : new Date(options.clock);
  if (start && Number.isNaN(start.getTime()))
    throw new Error(`sandbox: clock "${options.clock}" is no instant`);
  const clock = new SandboxClock(start);
  const strings = loadStrings();
  const publicFiles = new Set(readdirSync(PUBLIC_DIR));
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

  // ------------------------------------------------------------ helpers

  const langOf = (user: EmulatorUser): Locale => localeFromSlack(user.locale);
  const say = (user: EmulatorUser, key: string, params: Record<string, string> = {}): string =>
    fill(strings[langOf(user)][key], params, key);
  const dmOf = (userId: string): string => `D${userId.slice(1)}`;

  function userOf(id: unknown): EmulatorUser {
    const user = emulator.users().find((u) => u.id === id);
    if (!user || user.deleted || user.isBot) throw new PageError(400, "unknown_user");
    return user;
  }

  /** A channel the person is in (or their DM with the app), with what a payload says about it. */
  function channelFor(user: EmulatorUser, id: unknown): { id: string; name: string; isDm: boolean } {
    if (id === dmOf(user.id)) return { id: dmOf(user.id), name: "directmessage", isDm: true };
    const channel = emulator.channels().find((c) => c.id === id);
    if (!channel?.members.includes(user.id)) throw new PageError(400, "unknown_channel");
    return { id: channel.id, name: channel.name, isDm: false };
  }

  const requestUser = (user: EmulatorUser) => ({ id: user.id, name: user.name });

  /** The builders' context, with response_urls bound to where the interaction happened. */
  function contextFor(binding: ResponseUrlBinding): SlackRequestContext {
    return {
      teamId: emulator.teamId,
      teamDomain: emulator.teamDomain,
      enterpriseId: emulator.enterpriseId,
      appId: emulator.appId,
      botUserId: emulator.botUserId,
      issueTriggerId: (opts) => emulator.issueTriggerId(opts),
      responseUrl: () => emulator.responseUrl(binding),
    };
  }

  /** Posts a signed request to the app; reports what Slack would show when the app fails or is late. */
  async function deliver(request: SlackRequest<unknown>, source: string): Promise<SignedResponse> {
    const started = Date.now();
    let response: SignedResponse;
    try {
      response = await sendRequest(appBase, request, { secret: signingSecret });
    } catch (error) {
      emulator.recordProblem({ source, error: "dispatch_failed", messages: [String(error)] });
      throw new PageError(502, "dispatch_failed");
    }
    const elapsed = Date.now() - started;
    if (response.status !== 200) {
      emulator.recordProblem({
        source,
        error: "dispatch_failed",
        messages: [`the app answered HTTP ${response.status}: ${response.body.slice(0, 300)}`],
      });
    } else if (elapsed > ACK_DEADLINE_MS) {
      emulator.recordProblem({
        source,
        error: "operation_timeout",
        messages: [`the app acknowledged after ${elapsed} ms; Slack waits ${ACK_DEADLINE_MS} ms`],
      });
    }
    return response;
  }

  function parseAck(response: SignedResponse, source: string): Json | undefined {
    const body = response.body.trim();
    if (body === "") return undefined;
    try {
      const parsed: unknown = JSON.parse(body);
      if (isObject(parsed)) return parsed;
    } catch {
      // reported below
    }
    emulator.recordProblem({ source, error: "invalid_ack", messages: [body.slice(0, 300)] });
    return undefined;
  }

  function topView(user: EmulatorUser, viewId: unknown): Json {
    const stack = emulator.modalStack(user.id);
    const top = stack.at(-1);
    if (!top || top.id !== viewId) throw new PageError(409, "view_not_on_screen");
    return top;
  }

  /** A view the person is looking at: their modal's top view or their App Home. */
  function viewOnScreen(user: EmulatorUser, viewId: unknown): Json {
    const home = emulator.homeView(user.id);
    if (home && home.id === viewId) return home;
    return topView(user, viewId);
  }

  function visibleMessage(user: EmulatorUser, channel: string, ts: unknown): EmulatorMessage {
    const message = emulator
      .messages(channel)
      .find((m) => m.ts === ts && (!m.ephemeralTo || m.ephemeralTo === user.id));
    if (!message) throw new PageError(404, "message_not_found");
    return message;
  }

  /**
   * Whether the blocks hold an interactive element with this action_id (Slack sends actions for those only). A page
   * still showing a view the app has replaced meanwhile gets 409 stale_view.
   */
  function hasElement(blocks: unknown, actionId: string): boolean {
    const seen = JSON.stringify(blocks ?? []);
    return seen.includes(`"action_id":${JSON.stringify(actionId)}`);
  }

  // ------------------------------------------------------------ what the page does

  async function command(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const channel = channelFor(user, body.channel);
    const text = String(body.text ?? "").trim();
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
    if (!match) throw new PageError(400, "not_a_command");
    const [, name = "", args = ""] = match;
    if (name !== "/ismap") {
      emulator.postNote({
        channel: channel.id,
        userId: user.id,
        text: say(user, "unknownCommand", { command: name }),
      });
      return { ok: false, error: "unknown_command" };
    }
    const request = slashCommand(emulator, {
      text: args,
      user_id: user.id,
      user_name: user.name,
      channel_id: channel.id,
      channel_name: channel.name,
      response_url: emulator.responseUrl({ channel: channel.id, userId: user.id }),
    });
    const response = await deliver(request, name);
    if (response.status !== 200) {
      emulator.postNote({
        channel: channel.id,
        userId: user.id,
        text: say(user, "commandFailed", { command: name, error: "dispatch_failed" }),
      });
      return { ok: false, error: "dispatch_failed" };
    }
    return { ok: true };
  }

  /** Slack turns `@name` typed in the composer into a mention; so does the page. */
  function withMentions(text: string): string {
    return text.replace(/@([\w.-]+)/g, (whole, name: string) => {
      if (name === emulator.botName) return `<@${emulator.botUserId}>`;
      const user = emulator.users().find((u) => u.name === name);
      return user ? `<@${user.id}>` : whole;
    });
  }

  async function message(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const channel = channelFor(user, body.channel);
    const text = withMentions(String(body.text ?? "").trim());
    if (text === "") throw new PageError(400, "no_text");
    const posted = emulator.postUserMessage({ channel: channel.id, userId: user.id, text });
    const eventBase = { user: user.id, text, ts: posted.ts, channel: channel.id, event_ts: posted.ts };
    if (channel.isDm) {
      const request = eventCallback(emulator, { type: "message", channel_type: "im", ...eventBase });
      await deliver(request, "message.im");
      return { ok: true, ts: posted.ts };
    }
    if (!text.includes(`<@${emulator.botUserId}>`)) return { ok: true, ts: posted.ts };
    const info = emulator.channels().find((c) => c.id === channel.id);
    if (!info?.members.includes(emulator.botUserId)) {
      emulator.postNote({
        channel: channel.id,
        userId: user.id,
        text: say(user, "mentionNotDelivered", { bot: emulator.botName }),
      });
      return { ok: true, ts: posted.ts, delivered: false };
    }
    await deliver(eventCallback(emulator, { type: "app_mention", ...eventBase }), "app_mention");
    return { ok: true, ts: posted.ts, delivered: true };
  }

  async function action(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const act = body.action;
    if (!isObject(act) || typeof act.action_id !== "string" || typeof act.type !== "string") {
      throw new PageError(400, "invalid_action");
    }
    const actionJson = { block_id: "", ...act } as Omit<BlockAction, "action_ts">;
    const state = isObject(body.state) ? (body.state as ViewStateValues) : undefined;
    const source = isObject(body.source) ? body.source : {};
    let request: SlackRequest;
    if (source.kind === "message") {
      const channel = channelFor(user, source.channel);
      const found = visibleMessage(user, channel.id, source.ts);
      if (!hasElement(found.blocks, act.action_id)) throw new PageError(409, "stale_view");
      request = blockActions(contextFor({ channel: channel.id, userId: user.id, messageTs: found.ts }), {
        user: requestUser(user),
        actions: [actionJson],
        message: {
          channel: channel.id,
          ts: found.ts,
          ...(found.text !== undefined ? { text: found.text } : {}),
          ...(found.blocks ? { blocks: found.blocks } : {}),
          isEphemeral: Boolean(found.ephemeralTo),
          channelName: channel.name,
        },
        ...(state ? { state } : {}),
      });
    } else if (source.kind === "view") {
      const view = viewOnScreen(user, source.viewId);
      if (!hasElement(view.blocks, act.action_id)) throw new PageError(409, "stale_view");
      request = blockActions(emulator, {
        user: requestUser(user),
        actions: [actionJson],
        view,
        ...(state ? { state } : {}),
      });
    } else {
      throw new PageError(400, "invalid_source");
    }
    const response = await deliver(request, `block_actions (${act.action_id})`);
    return { ok: response.status === 200 };
  }

  async function submit(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const view = topView(user, body.viewId);
    const values = isObject(body.values) ? (body.values as ViewStateValues) : {};
    // Slack's client checks required inputs before anything is sent.
    const missing = missingRequired(view, values);
    if (missing.length > 0) {
      const message = say(user, "required");
      return { ok: false, errors: Object.fromEntries(missing.map((id) => [id, message])) };
    }
    const request = viewSubmission(emulator, { user: requestUser(user), view, values });
    const response = await deliver(request, `view_submission (${String(view.callback_id)})`);
    if (response.status !== 200) return { ok: false, error: "dispatch_failed" };
    const ack = parseAck(response, "view_submission ack");
    const applied = emulator.applySubmissionAck(String(view.id), ack as ViewSubmissionAck | undefined);
    return applied.ok
      ? { ok: true, responseAction: ack?.response_action ?? "close" }
      : { ok: false, error: applied.error };
  }

  async function close(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const view = topView(user, body.viewId);
    const closed = emulator.closeView(String(view.id), { all: body.all === true });
    for (const gone of closed) {
      if (gone.notify_on_close === true) {
        await deliver(viewClosed(emulator, { user: requestUser(user), view: gone }), "view_closed");
      }
    }
    return { ok: true, closed: closed.length };
  }

  async function suggestions(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const view = viewOnScreen(user, body.viewId);
    const actionId = String(body.actionId ?? "");
    const blockId = String(body.blockId ?? "");
    if (!hasElement(view.blocks, actionId)) throw new PageError(409, "stale_view");
    const request = blockSuggestion(emulator, {
      user: requestUser(user),
      actionId,
      blockId,
      value: String(body.value ?? ""),
      view,
    });
    const response = await deliver(request, `block_suggestion (${actionId})`);
    const answer = parseAck(response, `block_suggestion (${actionId})`) ?? {};
    const list = Array.isArray(answer.options) ? answer.options : undefined;
    const groups = Array.isArray(answer.option_groups) ? answer.option_groups : undefined;
    if ((list?.length ?? 0) === 0 && (groups?.length ?? 0) === 0) return { options: [] };
    // The same limits as a static menu's options (100 at most, text of 75 characters …).
    const problems = validateSurface({
      type: "modal",
      title: { type: "plain_text", text: "options" },
      submit: { type: "plain_text", text: "OK" },
      blocks: [
        {
          type: "input",
          block_id: "options",
          label: { type: "plain_text", text: "options" },
          element: {
            type: "static_select",
            action_id: "options",
            ...(list ? { options: list } : { option_groups: groups }),
          },
        },
      ],
    });
    if (problems.length > 0) {
      emulator.recordProblem({
        source: `block_suggestion (${actionId})`,
        error: "invalid_options",
        messages: toSlackErrorMessages(problems, ""),
      });
      return { options: [] };
    }
    return list ? { options: list } : { option_groups: groups };
  }

  async function home(body: Json): Promise<Json> {
    const user = userOf(body.user);
    const response = await deliver(appHomeOpened(emulator, { user: user.id }), "app_home_opened");
    return { ok: response.status === 200 };
  }

  function clockChange(body: Json): Json {
    if (body.reset === true) clock.reset();
    else if (typeof body.set === "string") {
      const instant = new Date(body.set);
      if (Number.isNaN(instant.getTime())) throw new PageError(400, "invalid_instant");
      clock.set(instant);
    } else {
      const days = Number(body.days ?? 0);
      const hours = Number(body.hours ?? 0);
      if (!Number.isFinite(days) || !Number.isFinite(hours)) throw new PageError(400, "invalid_amount");
      clock.advance((days * 24 + hours) * 3_600_000);
    }
    return { now: clock.now().toISOString(), offsetMs: clock.offsetMs };
  }

  async function sweep(): Promise<Json> {
    if (!options.sweep) throw new PageError(404, "no_sweep");
    const now = clock.now();
    const result = await options.sweep(now, { assistant, emulator });
    let shown: unknown = null;
    try {
      shown = JSON.parse(JSON.stringify(result ?? null));
    } catch {
      shown = String(result);
    }
    return { ok: true, now: now.toISOString(), result: shown };
  }

  function configJson(): Json {
    return {
      team: { id: emulator.teamId, name: "ISMAP Sandbox", domain: emulator.teamDomain },
      bot: { id: emulator.botUserId, name: emulator.botName },
      users: emulator
        .users()
        .filter((u) => !u.isBot && !u.deleted)
        .map((u) => ({
          id: u.id,
          name: u.name,
          realName: u.realName ?? u.name,
          locale: langOf(u),
          isAdmin: Boolean(u.isAdmin),
          isOwner: Boolean(u.isOwner),
          dm: dmOf(u.id),
        })),
      channels: emulator.channels().map((c) => ({
        id: c.id,
        name: c.name,
        isPrivate: Boolean(c.isPrivate),
        members: c.members,
        botIsMember: c.members.includes(emulator.botUserId),
      })),
      sweep: Boolean(options.sweep),
      strings,
    };
  }

  function messageJson(m: EmulatorMessage): Json {
    return {
      ts: m.ts,
      threadTs: m.threadTs ?? null,
      author: m.user === SLACKBOT_ID ? "slackbot" : m.user ? "user" : "bot",
      userId: m.user ?? null,
      text: m.text ?? "",
      blocks: m.blocks ?? null,
      ephemeral: Boolean(m.ephemeralTo),
      time: tsToIso(m.ts),
      files: (m.files ?? []).map((f) => ({ id: f.id, name: f.name, url: `/sandbox/files/${f.id}` })),
    };
  }

  function viewJson(view: Json): Json {
    const { id, hash, type, title, submit: submitText, close: closeText, callback_id, blocks } = view;
    return { id, hash, type, title, submit: submitText, close: closeText, callback_id, blocks };
  }

  function stateJson(query: URLSearchParams): Json {
    const user = userOf(query.get("user"));
    const channelId = query.get("channel");
    let messages: Json[] = [];
    if (channelId) {
      const channel = channelFor(user, channelId);
      messages = emulator
        .messages(channel.id)
        .filter((m) => !m.ephemeralTo || m.ephemeralTo === user.id)
        .map(messageJson);
    }
    const home = emulator.homeView(user.id);
    return {
      revision: emulator.revision,
      now: clock.now().toISOString(),
      clockOffsetMs: clock.offsetMs,
      messages,
      modal: emulator.modalStack(user.id).map((view) => ({
        ...viewJson(view),
        errors: emulator.viewErrors(String(view.id)),
      })),
      home: home ? viewJson(home) : null,
      problems: emulator.problems().slice(-20),
    };
  }

  /** A file picked in a file_input: stored in the emulator, which serves it to the app like Slack's file host. */
  function upload(body: Json): Json {
    userOf(body.user);
    const name = String(body.name ?? "").slice(0, 255);
    if (name === "" || typeof body.data !== "string") throw new PageError(400, "invalid_file");
    return { ok: true, file: emulator.addFile({ name, bytes: Buffer.from(body.data, "base64") }) };
  }

  /** The bytes of a file shared in a message, for the page's download link. */
  function sendFile(res: ServerResponse, id: string): void {
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

  // ------------------------------------------------------------ HTTP

  const posts: Record<string, (body: Json) => Promise<Json> | Json> = {
    "/sandbox/command": command,
    "/sandbox/message": message,
    "/sandbox/action": action,
    "/sandbox/submit": submit,
    "/sandbox/close": close,
    "/sandbox/options": suggestions,
    "/sandbox/home": home,
    "/sandbox/clock": clockChange,
    "/sandbox/sweep": sweep,
    "/sandbox/upload": upload,
    // The assistant panel and Workflow Builder step runs (surfaces.ts).
    ...surfaceRoutes({
      emulator,
      clock,
      userOf,
      deliver,
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
      if (path === "/sandbox/config") return sendJson(res, 200, configJson());
      if (path === "/sandbox/state") return sendJson(res, 200, stateJson(url.searchParams));
      if (path === "/sandbox/clock") return sendJson(res, 200, clockChange({ days: 0 }));
      const download = /^\/sandbox\/files\/(F\w+)$/.exec(path);
      if (download) return sendFile(res, download[1] as string);
      const name = path === "/" ? "index.html" : path.startsWith("/assets/") ? path.slice(8) : "";
      if (/^[\w-]+\.[a-z]+$/.test(name) && publicFiles.has(name)) {
        const content = await readFile(join(PUBLIC_DIR, name));
        res.writeHead(200, {
          "content-type": CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
          "cache-control": "no-store",
          "x-content-type-options": "nosniff",
        });
        res.end(content);
        return;
      }
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

/** Input blocks that must have a value and have none (Slack's client refuses to submit those). */
export function missingRequired(view: Json, values: ViewStateValues): string[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  const missing: string[] = [];
  for (const block of blocks) {
    if (block.type !== "input" || block.optional === true || typeof block.block_id !== "string") continue;
    const element = isObject(block.element) ? block.element : {};
    const state = values[block.block_id]?.[String(element.action_id)];
    if (!state || isEmptyState(state)) missing.push(block.block_id);
  }
  return missing;
}

function isEmptyState(state: Json): boolean {
  for (const [key, value] of Object.entries(state)) {
    if (key === "type") continue;
    if (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== "") {
      return false;
    }
  }
  return true;
}
