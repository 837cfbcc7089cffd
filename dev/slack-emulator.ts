/**
 * A Slack Web API emulator on 127.0.0.1, used by the tests (as their fake Slack) and by the sandbox:
 * answers the methods the app calls with Slack-shaped JSON, keeps just enough state to reproduce Slack's errors
 * (single-use triggers, view hashes, the view stack, channel membership), checks every surface with the app's own
 * Block Kit validator, records every call and can inject faults.
 *
 * Besides the Web API it plays the Slack client's side for the sandbox: response_urls bound to a channel and a
 * person (ephemeral or in-channel replies, replace/delete original), messages people type, the answer Slack gives a
 * view_submission ack (errors, update, push, clear, close), closing modals, and a list of the problems Slack would
 * have refused (invalid_blocks …) so the sandbox page can show them.
 *
 * Point a client at it with `new WebClient(token, { slackApiUrl: emulator.url })` or Bolt's
 * `clientOptions: { slackApiUrl: emulator.url }`; `emulator.url` ends with `/api/` because @slack/web-api posts to
 * `${slackApiUrl}${method}` (form-encoded, objects JSON-encoded in their field; JSON bodies are accepted too).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type BlockKitProblem, toSlackErrorMessages, validateSurface } from "./blockkit/validate.js";

type Json = Record<string, unknown>;

export interface EmulatorUser {
  id: string;
  name: string;
  realName?: string;
  /** Returned by users.info only when `include_locale` is true, as Slack does. */
  locale?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
}

export interface EmulatorChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Member user ids; include the bot user id for channels the app has joined. */
  members: string[];
}

export interface SlackEmulatorOptions {
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  enterpriseId?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  /** Bot tokens accepted; any other token gets `invalid_auth`. The first one is `emulator.botToken`. */
  tokens?: string[];
  users?: EmulatorUser[];
  channels?: EmulatorChannel[];
  /** How long an issued trigger_id stays usable; Slack's is 3 seconds. */
  triggerTtlMs?: number;
  /** Prefix of the emulator's own error messages. Default "Slack emulator". */
  label?: string;
  /** The time message timestamps (`ts`) are taken from; the sandbox passes its clock. Default: the real time. */
  now?: () => Date;
  /** Keep only the newest this many calls in `calls` (a long sandbox session); default: all. */
  maxCalls?: number;
}

/** Answer `{ ok: false, error }` (HTTP 200), an HTTP status (429 gets `Retry-After`), or just wait `delayMs`. */
export type EmulatorFault =
  | { error: string; extra?: Json; delayMs?: number }
  | { status: number; retryAfter?: number; body?: string; delayMs?: number }
  | { delayMs: number };

export interface EmulatorCall {
  /** Web API method (`chat.postMessage`) or `response_url` for posts to a response URL. */
  method: string;
  path: string;
  /** Parsed arguments; JSON-encoded fields (`blocks`, `view`, `attachments`, `metadata`) are decoded. */
  body: Json;
  token: string | undefined;
  time: Date;
  status: number;
  response: unknown;
  /**
   * A response_url call that is really the body of a slash command's acknowledgement, which Slack shows by itself
   * (delivered here by the request builders' sendRequest): the app made no call, so no injected fault applies.
   */
  fromAck?: boolean;
}

/** Header marking a response_url post as an acknowledgement's body (see EmulatorCall.fromAck). */
export const ACK_BODY_HEADER = "x-emulator-ack-body";

export interface EmulatorMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  ephemeralTo?: string;
  /** The person who wrote it (postUserMessage); messages without one are the bot's. */
  user?: string;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
}

/** A file uploaded through files.getUploadURLExternal / completeUploadExternal, or given in a file_input. */
export interface EmulatorFile {
  id: string;
  name: string;
  title: string;
  filetype: string;
  size: number;
  bytes: Buffer;
  /** Where completeUploadExternal shared it; undefined until then (and for file_input files). */
  channel?: string;
  /** Served by the emulator to a request with a valid bot token. */
  urlPrivateDownload: string;
  /** True once uploaded and completed (or given by a person). */
  complete: boolean;
}

/** Where a response_url belongs: posts to it then behave as Slack's do (ephemeral / in_channel / replace / delete). */
export interface ResponseUrlBinding {
  channel: string;
  /** The person who ran the command or pressed the button: ephemeral replies are shown to them. */
  userId: string;
  /** The message the interaction came from (for `replace_original` / `delete_original`). */
  messageTs?: string;
}

/** What Bolt acknowledged a view_submission with (the HTTP response body Slack reads). */
export interface ViewSubmissionAck {
  response_action?: string;
  errors?: Record<string, string>;
  view?: unknown;
}

/** Something Slack would have refused or reported: a failed Web API call, a bad ack, a late answer. */
export interface EmulatorProblem {
  /** Increasing number, for "problems since …". */
  seq: number;
  time: Date;
  /** `chat.postMessage`, `response_url`, `view_submission ack`, `/ismap` … */
  source: string;
  error: string;
  /** Slack's `response_metadata.messages` (the validator's findings for invalid_blocks). */
  messages: string[];
}

export interface IssueTriggerOptions {
  userId?: string;
  /** The view the interaction came from; views.push then pushes onto that view's stack. */
  viewId?: string;
  ttlMs?: number;
}

export interface SlackEmulator {
  /** Web API base, e.g. `http://127.0.0.1:54321/api/`. */
  readonly url: string;
  /** Server origin, e.g. `http://127.0.0.1:54321`. */
  readonly origin: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly enterpriseId: string | undefined;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly botToken: string;
  readonly calls: readonly EmulatorCall[];
  callsTo(method: string): EmulatorCall[];
  /**
   * Resolves with the first call to `method` (already recorded or still to come) that matches `predicate`, once
   * the fake has answered it; rejects after `timeoutMs` listing the calls seen so far.
   */
  waitForCall(
    method: string,
    predicate?: (call: EmulatorCall) => boolean,
    timeoutMs?: number,
  ): Promise<EmulatorCall>;
  /** The next `times` calls to `method` (or `*` for any) get `fault`. */
  failNext(method: string, fault: EmulatorFault, times?: number): void;
  /** Every call to `method` (or `*`) gets `fault` until clearFaults() or reset(). */
  failAlways(method: string, fault: EmulatorFault): void;
  clearFaults(): void;
  /** A trigger_id the fake accepts once, within the trigger TTL. */
  issueTriggerId(options?: IssueTriggerOptions): string;
  /**
   * A fresh response_url on this server; posts to it are recorded as `response_url` calls. With a binding, posts
   * also act as Slack's do: an ephemeral (default) or in-channel message, or a replaced or deleted original.
   */
  responseUrl(binding?: ResponseUrlBinding): string;
  /** Messages posted (and not deleted) so far, optionally in one channel; ephemeral ones included. */
  messages(channel?: string): EmulatorMessage[];
  /** A stored view (as Slack would return it) by id. */
  view(id: string): Json | undefined;
  /** The view ids stacked in the modal whose root is `rootViewId`, bottom first. */
  viewStack(rootViewId: string): string[];
  /** The Home tab view last published for a user. */
  homeView(userId: string): Json | undefined;
  setChannelMembers(channelId: string, members: string[]): void;
  revokeToken(token: string): void;
  /** The workspace's people and channels as they are now. */
  users(): EmulatorUser[];
  channels(): EmulatorChannel[];
  /** Slackbot's ephemeral note to one person ("… is not a valid command"); `user` is `USLACKBOT`. */
  postNote(note: { channel: string; userId: string; text: string }): EmulatorMessage;
  /** A message a person writes (it notifies nobody by itself: the caller sends the matching event). */
  postUserMessage(message: {
    channel: string;
    userId: string;
    text: string;
    threadTs?: string;
  }): EmulatorMessage;
  /** The views of the modal open on a person's screen, bottom first; empty when none is open. */
  modalStack(userId: string): Json[];
  /** The field errors the last submission of a view was answered with (`response_action: "errors"`). */
  viewErrors(viewId: string): Record<string, string>;
  /**
   * Applies Bolt's answer to a view_submission as Slack does: `errors` shows them on the fields, `update` replaces
   * the view, `push` stacks one more, `clear` closes the modal, an empty ack closes the submitted view. A view or
   * error that Slack would refuse leaves the modal as it was and is recorded as a problem.
   */
  applySubmissionAck(
    viewId: string,
    ack: ViewSubmissionAck | undefined,
  ): { ok: true } | { ok: false; error: string };
  /** The person closes the top view (`all`: the whole modal); returns the views closed. */
  closeView(viewId: string, options?: { all?: boolean }): Json[];
  /** Problems Slack would have shown or refused, oldest first, after `sinceSeq`. */
  problems(sinceSeq?: number): EmulatorProblem[];
  recordProblem(problem: Omit<EmulatorProblem, "seq" | "time">): void;
  /** Grows whenever anything a person could see changes (calls, messages, views). */
  readonly revision: number;
  /** Files uploaded by the app or given by people (file_input), oldest first; bytes included. */
  files(): EmulatorFile[];
  /** A file a person picked in a file_input: stored and served like an uploaded one; returns its Slack JSON. */
  addFile(file: { name: string; bytes: Buffer; userId?: string }): Record<string, unknown>;
  /** What the assistant panel shows for a thread (undefined before the app set anything). */
  assistantThread(channel: string, threadTs: string): EmulatorAssistantThread | undefined;
  /** Starts a Workflow Builder step run: its function_execution_id and the workflow token (bot_access_token). */
  issueFunctionExecution(callbackId: string): EmulatorFunctionExecution;
  /** A step run, with its result once the app completed or failed it. */
  functionExecution(id: string): EmulatorFunctionExecution | undefined;
  /** Forgets calls, faults, triggers, messages and views, and restores the configured users, channels, tokens. */
  reset(): void;
  close(): Promise<void>;
}

/** Ids of the default workspace's users and channels, for tests. */
export const DEFAULT_IDS = {
  bot: "U0FAKEBOT1",
  /** Workspace admin, Japanese locale. */
  admin: "U0ADMIN001",
  /** Primary owner (also admin), English locale. */
  owner: "U0OWNER001",
  /** Ordinary member, Japanese locale; the default user of the request builders. */
  member: "U0MEMBER01",
  /** Member of no channel, English locale, New York time. */
  guest: "U0GUEST001",
  /** Public, the bot is a member; the default channel of the request builders. */
  general: "C0GENERAL1",
  /** Public, the bot is not a member. */
  random: "C0RANDOM01",
  /** Private, the bot is a member. */
  compliance: "G0PRIVATE1",
  /** Private, the bot is not a member (invisible to it). */
  secret: "G0SECRET01",
} as const;

const DEFAULT_USERS: EmulatorUser[] = [
  {
    id: DEFAULT_IDS.admin,
    name: "aiko",
    realName: "Aiko Admin",
    locale: "ja-JP",
    tz: "Asia/Tokyo",
    isAdmin: true,
  },
  {
    id: DEFAULT_IDS.owner,
    name: "oscar",
    realName: "Oscar Owner",
    locale: "en-US",
    tz: "Asia/Tokyo",
    isAdmin: true,
    isOwner: true,
    isPrimaryOwner: true,
  },
  { id: DEFAULT_IDS.member, name: "mei", realName: "Mei Member", locale: "ja-JP", tz: "Asia/Tokyo" },
  { id: DEFAULT_IDS.guest, name: "gabe", realName: "Gabe Guest", locale: "en-US", tz: "America/New_York" },
];

const DEFAULT_CHANNELS: EmulatorChannel[] = [
  {
    id: DEFAULT_IDS.general,
    name: "general",
    members: [DEFAULT_IDS.bot, DEFAULT_IDS.admin, DEFAULT_IDS.owner, DEFAULT_IDS.member],
  },
  { id: DEFAULT_IDS.random, name: "random", members: [DEFAULT_IDS.admin, DEFAULT_IDS.member] },
  {
    id: DEFAULT_IDS.compliance,
    name: "compliance",
    isPrivate: true,
    members: [DEFAULT_IDS.bot, DEFAULT_IDS.admin],
  },
  { id: DEFAULT_IDS.secret, name: "secret", isPrivate: true, members: [DEFAULT_IDS.owner] },
];

export const EMULATOR_DEFAULTS = {
  teamId: "T0FAKE0001",
  teamName: "ISMAP Test Team",
  teamDomain: "ismap-test",
  appId: "A0FAKEAPP1",
  botUserId: DEFAULT_IDS.bot,
  botId: "B0FAKEBOT1",
  botName: "ismap-liu",
  botToken: "xoxb-fake-bot-token",
  triggerTtlMs: 3000,
  users: DEFAULT_USERS as readonly EmulatorUser[],
  channels: DEFAULT_CHANNELS as readonly EmulatorChannel[],
} as const;

/** The user id Slack gives Slackbot. */
export const SLACKBOT_ID = "USLACKBOT";

/** Slack keeps at most three views in a modal's stack ("push_limit_reached … Currently the limit is 3"). */
const VIEW_STACK_LIMIT = 3;
/** "view_too_large: the provided view is greater than 250kb". */
const VIEW_MAX_BYTES = 250 * 1024;
const JSON_FIELDS = ["blocks", "attachments", "view", "metadata", "prompts", "outputs"];

interface Fault {
  fault: EmulatorFault;
  remaining: number;
}

interface Trigger {
  userId: string | undefined;
  viewId: string | undefined;
  expiresAt: number;
}

interface State {
  tokens: Set<string>;
  users: Map<string, EmulatorUser>;
  channels: Map<string, EmulatorChannel>;
  calls: EmulatorCall[];
  faults: Map<string, Fault[]>;
  triggers: Map<string, Trigger>;
  messages: EmulatorMessage[];
  views: Map<string, Json>;
  stacks: Map<string, string[]>;
  homes: Map<string, string>;
  lastStackByUser: Map<string, string>;
  counter: number;
  /** response_url path → where it belongs (only bound URLs act on messages). */
  responseBindings: Map<string, ResponseUrlBinding>;
  /** Views of modals the person closed: views.update of one fails with not_found, as in Slack. */
  closed: Set<string>;
  errors: Map<string, Record<string, string>>;
  problems: EmulatorProblem[];
  problemSeq: number;
  files: Map<string, EmulatorFile>;
  /** Assistant threads by `<channel>:<thread_ts>`: what the panel shows (status, title, prompts). */
  assistantThreads: Map<string, EmulatorAssistantThread>;
  /** Workflow step runs by function_execution_id. */
  executions: Map<string, EmulatorFunctionExecution>;
}

/** What the assistant panel shows for one thread, as the app last set it. */
export interface EmulatorAssistantThread {
  /** The status line ("is thinking…"); "" once cleared. Slack clears it when the app replies in the thread. */
  status?: string;
  title?: string;
  prompts?: { title: string; message: string }[];
  promptsTitle?: string;
}

/** One run of a Workflow Builder step: its workflow token and how the app finished it. */
export interface EmulatorFunctionExecution {
  id: string;
  token: string;
  callbackId: string;
  result?: { ok: true; outputs: Json } | { ok: false; error: string };
}

class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Json = {},
  ) {
    super(code);
  }
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const truthy = (value: unknown): boolean =>
  value === true || value === "true" || value === "1" || value === 1;
const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function requireString(body: Json, key: string, error = "invalid_arguments"): string {
  const value = str(body[key]);
  if (value === undefined)
    throw new SlackError(error, { response_metadata: { messages: [`missing \`${key}\``] } });
  return value;
}

function invalidBlocks(problems: BlockKitProblem[], pointerPrefix: string): SlackError {
  return new SlackError("invalid_blocks", {
    response_metadata: { messages: toSlackErrorMessages(problems, pointerPrefix) },
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): Json {
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

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : undefined;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const config = {
    teamId: options.teamId ?? EMULATOR_DEFAULTS.teamId,
    teamName: options.teamName ?? EMULATOR_DEFAULTS.teamName,
    teamDomain: options.teamDomain ?? EMULATOR_DEFAULTS.teamDomain,
    enterpriseId: options.enterpriseId,
    appId: options.appId ?? EMULATOR_DEFAULTS.appId,
    botUserId: options.botUserId ?? EMULATOR_DEFAULTS.botUserId,
    botId: options.botId ?? EMULATOR_DEFAULTS.botId,
    botName: options.botName ?? EMULATOR_DEFAULTS.botName,
    tokens: options.tokens ?? [EMULATOR_DEFAULTS.botToken],
    users: options.users ?? EMULATOR_DEFAULTS.users,
    channels: options.channels ?? EMULATOR_DEFAULTS.channels,
    triggerTtlMs: options.triggerTtlMs ?? EMULATOR_DEFAULTS.triggerTtlMs,
    label: options.label ?? "Slack emulator",
    now: options.now ?? (() => new Date()),
    maxCalls: options.maxCalls ?? Number.POSITIVE_INFINITY,
  };
  const botToken = config.tokens[0];
  if (botToken === undefined) throw new Error("startSlackEmulator: at least one token is needed");
  let revision = 0;
  const changed = (): void => {
    revision += 1;
  };

  const freshState = (): State => ({
    tokens: new Set(config.tokens),
    users: new Map(config.users.map((u) => [u.id, { ...u }])),
    channels: new Map(config.channels.map((c) => [c.id, { ...c, members: [...c.members] }])),
    calls: [],
    faults: new Map(),
    triggers: new Map(),
    messages: [],
    views: new Map(),
    stacks: new Map(),
    homes: new Map(),
    lastStackByUser: new Map(),
    counter: 0,
    responseBindings: new Map(),
    closed: new Set(),
    errors: new Map(),
    problems: [],
    problemSeq: 0,
    files: new Map(),
    assistantThreads: new Map(),
    executions: new Map(),
  });
  let state = freshState();
  const waiters = new Set<() => void>();
  const nextId = (prefix: string): string => {
    state.counter += 1;
    return `${prefix}${String(state.counter).padStart(8, "0")}`;
  };
  const nextTs = (): string => {
    state.counter += 1;
    return `${Math.floor(config.now().getTime() / 1000)}.${String(state.counter).padStart(6, "0")}`;
  };
  const nextHash = (): string => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;

  // ------------------------------------------------------------ conversations

  const isMember = (channel: EmulatorChannel, userId: string): boolean => channel.members.includes(userId);

  /** A channel the bot can see: private channels without the bot do not exist for it. */
  function visibleChannel(id: string): EmulatorChannel {
    const channel = state.channels.get(id);
    if (!channel || (channel.isPrivate && !isMember(channel, config.botUserId))) {
      throw new SlackError("channel_not_found");
    }
    return channel;
  }

  /** Where chat.* may post: a channel the bot is in, or a user's DM (by user id or D… id). */
  function postTarget(id: string): { channel: string; dmUser?: string } {
    const user = state.users.get(id);
    if (user) return { channel: `D${id.slice(1)}`, dmUser: id };
    if (id.startsWith("D")) {
      const dmUser = [...state.users.keys()].find((u) => `D${u.slice(1)}` === id);
      if (dmUser) return { channel: id, dmUser };
    }
    const channel = visibleChannel(id);
    if (!isMember(channel, config.botUserId)) throw new SlackError("not_in_channel");
    return { channel: channel.id };
  }

  function channelJson(channel: EmulatorChannel): Json {
    return {
      id: channel.id,
      name: channel.name,
      is_channel: !channel.isPrivate,
      is_group: false,
      is_im: false,
      is_private: Boolean(channel.isPrivate),
      is_archived: false,
      is_general: channel.name === "general",
      is_member: isMember(channel, config.botUserId),
      num_members: channel.members.length,
      context_team_id: config.teamId,
      created: 1_700_000_000,
    };
  }

  function userJson(user: EmulatorUser, includeLocale: boolean): Json {
    return {
      id: user.id,
      team_id: config.teamId,
      name: user.name,
      real_name: user.realName ?? user.name,
      deleted: Boolean(user.deleted),
      is_admin: Boolean(user.isAdmin),
      is_owner: Boolean(user.isOwner),
      is_primary_owner: Boolean(user.isPrimaryOwner),
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: Boolean(user.isBot),
      is_app_user: false,
      tz: user.tz ?? "Asia/Tokyo",
      profile: { real_name: user.realName ?? user.name, display_name: user.name, team: config.teamId },
      ...(includeLocale ? { locale: user.locale ?? "en-US" } : {}),
    };
  }

  // ------------------------------------------------------------ messages

  /** Validates a chat.* message; text past 40,000 characters is truncated with a warning, as Slack does. */
  function checkMessage(body: Json): {
    text: string | undefined;
    blocks: unknown[] | undefined;
    warnings: Json;
  } {
    const blocks = body.blocks;
    if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackError("invalid_blocks_format");
    let text = typeof body.text === "string" ? body.text : undefined;
    if (text === undefined && blocks === undefined && body.attachments === undefined) {
      throw new SlackError("no_text");
    }
    const problems = validateSurface({ type: "message", text, blocks, attachments: body.attachments });
    const truncated = problems.some((p) => p.path === "text" && p.rule === "max_length");
    const blocking = problems.filter((p) => p.path !== "text");
    if (blocking.length > 0) throw invalidBlocks(blocking, "");
    if (!truncated || text === undefined) return { text, blocks, warnings: {} };
    text = text.slice(0, 40_000);
    const warnings = {
      warning: "message_truncated",
      response_metadata: {
        warnings: ["message_truncated"],
        messages: [
          "[WARN] Your message was truncated but still posted. The `text` field accepts up to 40,000 characters.",
        ],
      },
    };
    return { text, blocks, warnings };
  }

  function messageJson(message: EmulatorMessage): Json {
    return {
      type: "message",
      subtype: "bot_message",
      text: message.text ?? "",
      user: config.botUserId,
      bot_id: config.botId,
      app_id: config.appId,
      team: config.teamId,
      ts: message.ts,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    };
  }

  function findMessage(body: Json): EmulatorMessage {
    const channel = requireString(body, "channel", "channel_not_found");
    const ts = requireString(body, "ts", "message_not_found");
    const target = postTarget(channel).channel;
    const message = state.messages.find((m) => m.channel === target && m.ts === ts && !m.ephemeralTo);
    if (!message) throw new SlackError("message_not_found");
    return message;
  }

  // ------------------------------------------------------------ views

  function consumeTrigger(body: Json): Trigger {
    const id = requireString(body, "trigger_id");
    const trigger = state.triggers.get(id);
    state.triggers.delete(id);
    if (!trigger || trigger.expiresAt < Date.now()) throw new SlackError("expired_trigger_id");
    return trigger;
  }

  function checkView(body: Json, type: "modal" | "home"): Json {
    const view = body.view;
    if (!isObject(view))
      throw new SlackError("invalid_arguments", { response_metadata: { messages: ["view"] } });
    if (view.type !== type) {
      throw new SlackError("invalid_arguments", {
        response_metadata: { messages: [`[ERROR] view type must be ${type} [json-pointer:/view/type]`] },
      });
    }
    if (Buffer.byteLength(JSON.stringify(view)) > VIEW_MAX_BYTES) throw new SlackError("view_too_large");
    const problems = validateSurface({ ...view, type });
    if (problems.length > 0) throw invalidBlocks(problems, "/view");
    const externalId = str(view.external_id);
    if (externalId) {
      const owner = [...state.views.values()].find((v) => v.external_id === externalId);
      if (owner && owner.id !== body.view_id && owner.external_id !== body.external_id) {
        throw new SlackError("duplicate_external_id");
      }
    }
    return view;
  }

  function storeView(
    view: Json,
    fields: { id: string; rootViewId: string | null; previousViewId: string | null },
  ) {
    const stored: Json = {
      id: fields.id,
      team_id: config.teamId,
      type: view.type,
      blocks: [],
      private_metadata: "",
      callback_id: "",
      external_id: "",
      state: { values: {} },
      clear_on_close: false,
      notify_on_close: false,
      ...view,
      hash: nextHash(),
      root_view_id: fields.rootViewId,
      previous_view_id: fields.previousViewId,
      app_id: config.appId,
      app_installed_team_id: config.teamId,
      bot_id: config.botId,
    };
    state.views.set(fields.id, stored);
    return stored;
  }

  function checkHash(body: Json, current: Json): void {
    const hash = str(body.hash);
    if (hash !== undefined && hash !== current.hash) throw new SlackError("hash_conflict");
  }

  function stackFor(trigger: Trigger): string[] {
    const fromView = trigger.viewId ? state.views.get(trigger.viewId) : undefined;
    const root =
      (typeof fromView?.root_view_id === "string" ? fromView.root_view_id : undefined) ??
      (trigger.userId ? state.lastStackByUser.get(trigger.userId) : undefined) ??
      [...state.stacks.keys()].at(-1);
    const stack = root ? state.stacks.get(root) : undefined;
    if (!stack) throw new SlackError("not_found");
    return stack;
  }

  // ------------------------------------------------------------ files

  const FILE_TYPES: Record<string, string> = { xlsx: "xlsx", csv: "csv", txt: "text", json: "javascript" };
  let originUrl = "";
  const origin = (): string => originUrl;

  function fileRecord(id: string, name: string, bytes: Buffer, complete: boolean): EmulatorFile {
    const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
    return {
      id,
      name,
      title: name,
      filetype: FILE_TYPES[extension] ?? (extension || "binary"),
      size: bytes.length,
      bytes,
      urlPrivateDownload: `${origin()}/files/${id}/download/${encodeURIComponent(name)}`,
      complete,
    };
  }

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

  function fileJson(file: EmulatorFile): Json {
    return {
      id: file.id,
      name: file.name,
      title: file.title,
      filetype: file.filetype,
      size: file.size,
      url_private: file.urlPrivateDownload,
      url_private_download: file.urlPrivateDownload,
      ...(file.channel ? { channels: [file.channel] } : {}),
    };
  }

  /** POST /upload/<id> (the bytes of files.uploadV2's step 2) and GET /files/<id>/download/<name>; true if handled. */
  async function handleFileRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
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
      changed();
      res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${file.size}`);
      return true;
    }
    const download = /^\/files\/(F\w+)\/download\//.exec(path);
    if (download && (req.method === "GET" || req.method === "HEAD")) {
      const file = state.files.get(download[1] as string);
      const token = bearer(req);
      if (!token || !state.tokens.has(token)) {
        // Slack answers an unauthorised file request with its sign-in page, not the file.
        res.writeHead(302, { location: `${origin()}/signin` }).end();
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

  // ------------------------------------------------------------ methods

  type Handler = (body: Json) => Json;

  const threadOf = (body: Json): EmulatorAssistantThread => {
    const channel = requireString(body, "channel_id", "channel_not_found");
    const threadTs = requireString(body, "thread_ts", "invalid_arguments");
    const key = `${channel}:${threadTs}`;
    const thread = state.assistantThreads.get(key) ?? {};
    state.assistantThreads.set(key, thread);
    changed();
    return thread;
  };
  const executionOf = (body: Json): EmulatorFunctionExecution => {
    const execution = state.executions.get(requireString(body, "function_execution_id", "invalid_arguments"));
    if (!execution) throw new SlackError("invalid_arguments");
    return execution;
  };

  const methods: Record<string, Handler> = {
    "auth.test": () => ({
      url: `https://${config.teamDomain}.slack.com/`,
      team: config.teamName,
      user: config.botName,
      team_id: config.teamId,
      user_id: config.botUserId,
      bot_id: config.botId,
      is_enterprise_install: false,
      ...(config.enterpriseId ? { enterprise_id: config.enterpriseId } : {}),
    }),

    "team.info": () => ({
      team: {
        id: config.teamId,
        name: config.teamName,
        domain: config.teamDomain,
        email_domain: "",
        icon: { image_default: true },
        ...(config.enterpriseId ? { enterprise_id: config.enterpriseId } : {}),
      },
    }),

    "users.info": (body) => {
      const user = state.users.get(requireString(body, "user", "user_not_found"));
      if (!user) throw new SlackError("user_not_found");
      return { user: userJson(user, truthy(body.include_locale)) };
    },

    "conversations.info": (body) => ({
      channel: channelJson(visibleChannel(requireString(body, "channel", "channel_not_found"))),
    }),

    "conversations.members": (body) => {
      const channel = visibleChannel(requireString(body, "channel", "channel_not_found"));
      const limit = Math.max(1, Number(body.limit ?? 100) || 100);
      const start = body.cursor ? Number(Buffer.from(String(body.cursor), "base64url").toString()) : 0;
      const members = channel.members.slice(start, start + limit);
      const next = start + limit < channel.members.length ? String(start + limit) : "";
      return {
        members,
        response_metadata: { next_cursor: next && Buffer.from(next).toString("base64url") },
      };
    },

    "conversations.join": (body) => {
      const channel = state.channels.get(requireString(body, "channel", "channel_not_found"));
      if (!channel) throw new SlackError("channel_not_found");
      if (channel.isPrivate) throw new SlackError("method_not_supported_for_channel_type");
      if (!isMember(channel, config.botUserId)) channel.members.push(config.botUserId);
      return { channel: channelJson(channel) };
    },

    "chat.postMessage": (body) => {
      const target = postTarget(requireString(body, "channel", "channel_not_found"));
      const { text, blocks, warnings } = checkMessage(body);
      const message: EmulatorMessage = { channel: target.channel, ts: nextTs(), text, blocks };
      const threadTs = str(body.thread_ts);
      if (threadTs) message.threadTs = threadTs;
      // The app's reply in an assistant thread clears the thread's status, as in Slack.
      const thread = threadTs ? state.assistantThreads.get(`${target.channel}:${threadTs}`) : undefined;
      if (thread) thread.status = "";
      state.messages.push(message);
      return { channel: message.channel, ts: message.ts, message: messageJson(message), ...warnings };
    },

    "chat.postEphemeral": (body) => {
      const channelId = requireString(body, "channel", "channel_not_found");
      const userId = requireString(body, "user", "user_not_found");
      if (!state.users.has(userId)) throw new SlackError("user_not_found");
      const target = postTarget(channelId);
      const channel = state.channels.get(target.channel);
      if (channel && !isMember(channel, userId)) throw new SlackError("user_not_in_channel");
      if (target.dmUser && target.dmUser !== userId) throw new SlackError("user_not_in_channel");
      const { text, blocks, warnings } = checkMessage(body);
      const ts = nextTs();
      state.messages.push({ channel: target.channel, ts, text, blocks, ephemeralTo: userId });
      return { message_ts: ts, ...warnings };
    },

    "chat.update": (body) => {
      const message = findMessage(body);
      const { text, blocks, warnings } = checkMessage({
        text: body.text ?? message.text,
        blocks: body.blocks ?? message.blocks,
      });
      message.text = text;
      message.blocks = blocks;
      return {
        channel: message.channel,
        ts: message.ts,
        text: text ?? "",
        message: messageJson(message),
        ...warnings,
      };
    },

    "chat.delete": (body) => {
      const message = findMessage(body);
      state.messages = state.messages.filter((m) => m !== message);
      return { channel: message.channel, ts: message.ts };
    },

    // Files: the three steps of files.uploadV2 (an upload URL per file, the bytes POSTed there, completion with the
    // channel and comment), files.info, and conversations.open for the app's DM with a person.
    "conversations.open": (body) => {
      const users = String(body.users ?? "")
        .split(",")
        .filter(Boolean);
      const user = users.length === 1 ? state.users.get(users[0] as string) : undefined;
      if (!user) throw new SlackError(users.length > 1 ? "not_supported" : "user_not_found");
      return { channel: { id: `D${user.id.slice(1)}`, is_im: true, user: user.id } };
    },

    "files.getUploadURLExternal": (body) => {
      const name = requireString(body, "filename");
      const length = Number(body.length);
      if (!Number.isInteger(length) || length <= 0) throw new SlackError("invalid_arguments");
      const id = nextId("F");
      state.files.set(id, fileRecord(id, name, Buffer.alloc(0), false));
      return { upload_url: `${origin()}/upload/${id}`, file_id: id };
    },

    "files.completeUploadExternal": (body) => {
      const list = (typeof body.files === "string" ? JSON.parse(body.files) : body.files) as unknown;
      if (!Array.isArray(list) || list.length === 0) throw new SlackError("invalid_arguments");
      const files = list.map((entry) => {
        const file = isObject(entry) ? state.files.get(String(entry.id)) : undefined;
        if (!file || file.size === 0) throw new SlackError("file_not_found");
        if (isObject(entry) && typeof entry.title === "string") file.title = entry.title;
        return file;
      });
      const channelId = str(body.channel_id);
      if (channelId) {
        const target = postTarget(channelId);
        for (const file of files) {
          file.channel = target.channel;
          file.complete = true;
        }
        state.messages.push({
          channel: target.channel,
          ts: nextTs(),
          text: str(body.initial_comment) ?? "",
          files: files.map((f) => ({ id: f.id, name: f.name, title: f.title })),
        });
      } else {
        for (const file of files) file.complete = true;
      }
      return { files: files.map((f) => fileJson(f)) };
    },

    "files.info": (body) => {
      const file = state.files.get(requireString(body, "file", "file_not_found"));
      if (!file?.complete) throw new SlackError("file_not_found");
      return { file: fileJson(file) };
    },

    "views.open": (body) => {
      const view = checkView(body, "modal");
      const trigger = consumeTrigger(body);
      const id = nextId("V");
      const stored = storeView(view, { id, rootViewId: id, previousViewId: null });
      state.stacks.set(id, [id]);
      if (trigger.userId) state.lastStackByUser.set(trigger.userId, id);
      return { view: stored };
    },

    "views.push": (body) => {
      const view = checkView(body, "modal");
      const trigger = consumeTrigger(body);
      const stack = stackFor(trigger);
      if (stack.length >= VIEW_STACK_LIMIT) throw new SlackError("push_limit_reached");
      const [root] = stack;
      const id = nextId("V");
      const stored = storeView(view, { id, rootViewId: root ?? id, previousViewId: stack.at(-1) ?? null });
      stack.push(id);
      return { view: stored };
    },

    "views.update": (body) => {
      const externalId = str(body.external_id);
      const viewId = str(body.view_id);
      if (!viewId && !externalId) throw new SlackError("invalid_arguments");
      const current = viewId
        ? state.views.get(viewId)
        : [...state.views.values()].find((v) => v.external_id === externalId);
      if (!current || state.closed.has(String(current.id))) throw new SlackError("not_found");
      checkHash(body, current);
      const view = checkView(body, current.type === "home" ? "home" : "modal");
      state.errors.delete(String(current.id));
      const stored = storeView(view, {
        id: String(current.id),
        rootViewId: (current.root_view_id as string | null) ?? null,
        previousViewId: (current.previous_view_id as string | null) ?? null,
      });
      return { view: stored };
    },

    "views.publish": (body) => {
      const userId = requireString(body, "user_id", "user_not_found");
      if (!state.users.has(userId)) throw new SlackError("user_not_found");
      const currentId = state.homes.get(userId);
      const current = currentId ? state.views.get(currentId) : undefined;
      if (current) checkHash(body, current);
      const view = checkView(body, "home");
      const id = currentId ?? nextId("V");
      const stored = storeView(view, { id, rootViewId: null, previousViewId: null });
      state.homes.set(userId, id);
      return { view: stored };
    },

    "assistant.threads.setStatus": (body) => {
      const status = body.status;
      if (typeof status !== "string") throw new SlackError("invalid_arguments");
      threadOf(body).status = status;
      return {};
    },

    "assistant.threads.setTitle": (body) => {
      threadOf(body).title = requireString(body, "title", "invalid_arguments");
      return {};
    },

    "assistant.threads.setSuggestedPrompts": (body) => {
      const prompts = body.prompts;
      // Slack shows at most four prompts.
      if (!Array.isArray(prompts) || prompts.length === 0 || prompts.length > 4) {
        throw new SlackError("invalid_arguments");
      }
      const thread = threadOf(body);
      thread.prompts = prompts.map((p) => ({
        title: String(p?.title ?? ""),
        message: String(p?.message ?? ""),
      }));
      const title = str(body.title);
      if (title !== undefined) thread.promptsTitle = title;
      return {};
    },

    "functions.completeSuccess": (body) => {
      const execution = executionOf(body);
      const outputs = body.outputs;
      execution.result = {
        ok: true,
        outputs: outputs && typeof outputs === "object" ? (outputs as Json) : {},
      };
      changed();
      return {};
    },

    "functions.completeError": (body) => {
      const execution = executionOf(body);
      execution.result = { ok: false, error: requireString(body, "error", "invalid_arguments") };
      changed();
      return {};
    },
  };

  // ------------------------------------------------------------ HTTP

  function takeFault(method: string): EmulatorFault | undefined {
    for (const key of [method, "*"]) {
      const queue = state.faults.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      if (Number.isFinite(head.remaining)) {
        head.remaining -= 1;
        if (head.remaining <= 0) queue.shift();
      }
      return head.fault;
    }
    return undefined;
  }

  function finish(
    res: ServerResponse,
    call: EmulatorCall,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    call.status = status;
    call.response = body;
    noteFailure(call.method, status, body);
    changed();
    if (typeof body === "string") {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(body);
    } else {
      sendJson(res, status, body, headers);
    }
    for (const wake of waiters) wake();
  }

  /** Applies a fault; returns true when it answered the request. */
  async function applyFault(res: ServerResponse, call: EmulatorCall, fault: EmulatorFault): Promise<boolean> {
    if (fault.delayMs) await sleep(fault.delayMs);
    if ("error" in fault) {
      finish(res, call, 200, { ok: false, error: fault.error, ...fault.extra });
      return true;
    }
    if (!("status" in fault)) return false;
    if (fault.status === 429) {
      const retryAfter = String(fault.retryAfter ?? 1);
      finish(res, call, 429, { ok: false, error: "ratelimited" }, { "retry-after": retryAfter });
      return true;
    }
    finish(res, call, fault.status, fault.body ?? `${config.label}: injected HTTP ${fault.status}`);
    return true;
  }

  function callMethod(method: string, call: EmulatorCall): Json {
    const handler = methods[method];
    if (!handler) return { ok: false, error: "unknown_method" };
    if (call.token === undefined) return { ok: false, error: "not_authed" };
    if (!state.tokens.has(call.token)) return { ok: false, error: "invalid_auth" };
    try {
      return { ok: true, ...handler(call.body) };
    } catch (error) {
      if (error instanceof SlackError) return { ok: false, error: error.code, ...error.extra };
      throw error;
    }
  }

  function handleResponseUrl(res: ServerResponse, call: EmulatorCall): void {
    const body = call.body;
    const binding = state.responseBindings.get(call.path);
    if (truthy(body.delete_original)) {
      if (binding?.messageTs) {
        state.messages = state.messages.filter(
          (m) => !(m.channel === binding.channel && m.ts === binding.messageTs),
        );
      }
      finish(res, call, 200, { ok: true });
      return;
    }
    const problems = validateSurface({ type: "message", text: body.text, blocks: body.blocks });
    if (problems.length > 0) {
      finish(res, call, 200, {
        ok: false,
        error: "invalid_blocks",
        response_metadata: { messages: toSlackErrorMessages(problems) },
      });
      return;
    }
    if (binding) respondAs(binding, body);
    finish(res, call, 200, { ok: true });
  }

  /** What Slack does with a valid post to a bound response_url. */
  function respondAs(binding: ResponseUrlBinding, body: Json): void {
    const text = typeof body.text === "string" ? body.text : undefined;
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    const original = binding.messageTs
      ? state.messages.find((m) => m.channel === binding.channel && m.ts === binding.messageTs)
      : undefined;
    if (truthy(body.replace_original) && original) {
      original.text = text;
      original.blocks = blocks;
      return;
    }
    const message: EmulatorMessage = { channel: binding.channel, ts: nextTs(), text, blocks };
    const threadTs = str(body.thread_ts);
    if (threadTs) message.threadTs = threadTs;
    if (body.response_type !== "in_channel") message.ephemeralTo = binding.userId;
    state.messages.push(message);
  }

  // ------------------------------------------------------------ the Slack client's side (sandbox)

  function noteFailure(source: string, status: number, body: unknown): void {
    if (status === 200 && isObject(body) && body.ok === false) {
      const metadata = isObject(body.response_metadata) ? body.response_metadata : {};
      const messages = Array.isArray(metadata.messages) ? metadata.messages.map(String) : [];
      recordProblem({ source, error: String(body.error), messages });
    } else if (status >= 400) {
      recordProblem({ source, error: `HTTP ${status}`, messages: typeof body === "string" ? [body] : [] });
    }
  }

  function recordProblem(problem: Omit<EmulatorProblem, "seq" | "time">): void {
    state.problemSeq += 1;
    state.problems.push({ ...problem, seq: state.problemSeq, time: new Date() });
    if (state.problems.length > 200) state.problems.splice(0, state.problems.length - 200);
    changed();
  }

  const viewsOf = (ids: readonly string[]): Json[] =>
    ids.map((id) => state.views.get(id)).filter((v): v is Json => v !== undefined);

  function openStackOf(viewId: string): { root: string; stack: string[] } | undefined {
    const view = state.views.get(viewId);
    const root = typeof view?.root_view_id === "string" ? view.root_view_id : undefined;
    const stack = root ? state.stacks.get(root) : undefined;
    return root && stack && !state.closed.has(viewId) ? { root, stack } : undefined;
  }

  function closeStack(root: string): Json[] {
    const ids = state.stacks.get(root) ?? [];
    state.stacks.delete(root);
    for (const [user, last] of state.lastStackByUser) if (last === root) state.lastStackByUser.delete(user);
    for (const id of ids) {
      state.closed.add(id);
      state.errors.delete(id);
    }
    return viewsOf(ids);
  }

  /** Pops views down to and including `viewId`; the modal closes when nothing is left. */
  function popTo(viewId: string): Json[] {
    const open = openStackOf(viewId);
    if (!open) return [];
    const at = open.stack.indexOf(viewId);
    if (at <= 0) return closeStack(open.root);
    const removed = open.stack.splice(at);
    for (const id of removed) {
      state.closed.add(id);
      state.errors.delete(id);
    }
    return viewsOf(removed);
  }

  function ackProblem(action: string, error: unknown): { ok: false; error: string } {
    const code = error instanceof SlackError ? error.code : String(error);
    const metadata = error instanceof SlackError ? error.extra.response_metadata : undefined;
    const messages =
      isObject(metadata) && Array.isArray(metadata.messages) ? metadata.messages.map(String) : [];
    recordProblem({ source: `view_submission ack (${action})`, error: code, messages });
    return { ok: false, error: code };
  }

  function applySubmissionAck(
    viewId: string,
    ack: ViewSubmissionAck | undefined,
  ): { ok: true } | { ok: false; error: string } {
    const open = openStackOf(viewId);
    if (!open) return ackProblem("none", new SlackError("not_found"));
    const action = ack?.response_action;
    try {
      switch (action) {
        case undefined:
        case "":
          popTo(viewId);
          break;
        case "clear":
          closeStack(open.root);
          break;
        case "errors": {
          const errors = isObject(ack?.errors) ? ack.errors : {};
          const inputs = new Set(
            ((state.views.get(viewId)?.blocks as Json[] | undefined) ?? [])
              .filter((b) => b.type === "input")
              .map((b) => String(b.block_id)),
          );
          const unknown = Object.keys(errors).filter((id) => !inputs.has(id));
          if (Object.keys(errors).length === 0 || unknown.length > 0) {
            throw new SlackError("invalid_errors", {
              response_metadata: {
                messages: [
                  unknown.length > 0
                    ? `[ERROR] errors name block_ids that are no input block of the view: ${unknown.join(", ")}`
                    : "[ERROR] response_action errors needs at least one error",
                ],
              },
            });
          }
          state.errors.set(
            viewId,
            Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)])),
          );
          break;
        }
        case "update": {
          const current = state.views.get(viewId) as Json;
          const view = checkView({ view: ack?.view, view_id: viewId }, "modal");
          storeView(view, {
            id: viewId,
            rootViewId: (current.root_view_id as string | null) ?? null,
            previousViewId: (current.previous_view_id as string | null) ?? null,
          });
          state.errors.delete(viewId);
          break;
        }
        case "push": {
          const view = checkView({ view: ack?.view }, "modal");
          if (open.stack.length >= VIEW_STACK_LIMIT) throw new SlackError("push_limit_reached");
          const id = nextId("V");
          storeView(view, { id, rootViewId: open.root, previousViewId: open.stack.at(-1) ?? null });
          open.stack.push(id);
          break;
        }
        default:
          throw new SlackError("invalid_response_action", {
            response_metadata: { messages: [`[ERROR] unknown response_action \`${String(action)}\``] },
          });
      }
    } catch (error) {
      if (error instanceof SlackError) return ackProblem(String(action ?? "none"), error);
      throw error;
    }
    changed();
    return { ok: true };
  }

  function postUserMessage(message: {
    channel: string;
    userId: string;
    text: string;
    threadTs?: string;
  }): EmulatorMessage {
    const user = state.users.get(message.userId);
    if (!user) throw new SlackError("user_not_found");
    const channel = state.channels.get(message.channel);
    const ownDm = message.channel === `D${message.userId.slice(1)}`;
    if (!ownDm && (!channel || !isMember(channel, message.userId))) throw new SlackError("not_in_channel");
    const stored: EmulatorMessage = {
      channel: message.channel,
      ts: nextTs(),
      text: message.text,
      user: message.userId,
    };
    if (message.threadTs) stored.threadTs = message.threadTs;
    state.messages.push(stored);
    changed();
    return stored;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (await handleFileRoute(req, res, path)) return;
    const raw = await readBody(req);
    const apiMatch = /^\/api\/([\w.]+)$/.exec(path);
    const isResponseUrl = path.startsWith("/response/");
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
    state.calls.push(call);
    if (state.calls.length > config.maxCalls) state.calls.splice(0, state.calls.length - config.maxCalls);
    const fault = fromAck ? undefined : takeFault(method);
    if (fault && (await applyFault(res, call, fault))) return;
    if (isResponseUrl) {
      handleResponseUrl(res, call);
      return;
    }
    finish(res, call, 200, callMethod(method, call));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: "fatal_error", detail: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  originUrl = `http://127.0.0.1:${port}`;

  const describeCalls = (): string =>
    state.calls.length === 0 ? "none" : state.calls.map((c) => `${c.method} (${c.status})`).join(", ");

  return {
    url: `${originUrl}/api/`,
    origin: originUrl,
    teamId: config.teamId,
    teamDomain: config.teamDomain,
    enterpriseId: config.enterpriseId,
    appId: config.appId,
    botUserId: config.botUserId,
    botId: config.botId,
    botName: config.botName,
    botToken,
    get calls() {
      return state.calls;
    },
    callsTo: (method) => state.calls.filter((c) => c.method === method),
    waitForCall(method, predicate = () => true, timeoutMs = 2000) {
      return new Promise<EmulatorCall>((resolve, reject) => {
        const find = (): EmulatorCall | undefined =>
          state.calls.find((c) => c.method === method && c.status !== 0 && predicate(c));
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = (): void => {
          const call = find();
          if (!call) return;
          done();
          resolve(call);
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(
              `${config.label}: no matching call to ${method} within ${timeoutMs} ms; calls so far: ${describeCalls()}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    failNext(method, fault, times = 1) {
      const queue = state.faults.get(method) ?? [];
      queue.push({ fault, remaining: times });
      state.faults.set(method, queue);
    },
    failAlways(method, fault) {
      state.faults.set(method, [{ fault, remaining: Number.POSITIVE_INFINITY }]);
    },
    clearFaults() {
      state.faults.clear();
    },
    issueTriggerId(opts = {}) {
      const id = `${Date.now()}.${Math.floor(Math.random() * 1e10)}.${randomBytes(16).toString("hex")}`;
      state.triggers.set(id, {
        userId: opts.userId,
        viewId: opts.viewId,
        expiresAt: Date.now() + (opts.ttlMs ?? config.triggerTtlMs),
      });
      return id;
    },
    responseUrl(binding) {
      const path = `/response/${randomBytes(8).toString("hex")}`;
      if (binding) state.responseBindings.set(path, { ...binding });
      return `${originUrl}${path}`;
    },
    messages: (channel) => state.messages.filter((m) => channel === undefined || m.channel === channel),
    view: (id) => state.views.get(id),
    viewStack: (rootViewId) => [...(state.stacks.get(rootViewId) ?? [])],
    homeView(userId) {
      const id = state.homes.get(userId);
      return id ? state.views.get(id) : undefined;
    },
    setChannelMembers(channelId, members) {
      const channel = state.channels.get(channelId);
      if (!channel) throw new Error(`${config.label}: no channel ${channelId}`);
      channel.members = [...members];
    },
    revokeToken(token) {
      state.tokens.delete(token);
    },
    users: () => [...state.users.values()].map((u) => ({ ...u })),
    channels: () => [...state.channels.values()].map((c) => ({ ...c, members: [...c.members] })),
    postUserMessage,
    postNote(note) {
      const stored: EmulatorMessage = {
        channel: note.channel,
        ts: nextTs(),
        text: note.text,
        ephemeralTo: note.userId,
        user: SLACKBOT_ID,
      };
      state.messages.push(stored);
      changed();
      return stored;
    },
    modalStack(userId) {
      const root = state.lastStackByUser.get(userId);
      const stack = root ? state.stacks.get(root) : undefined;
      return viewsOf(stack ?? []);
    },
    viewErrors: (viewId) => ({ ...(state.errors.get(viewId) ?? {}) }),
    applySubmissionAck,
    closeView(viewId, opts = {}) {
      const open = openStackOf(viewId);
      if (!open) return [];
      const closed = opts.all ? closeStack(open.root) : popTo(viewId);
      changed();
      return closed;
    },
    problems: (sinceSeq = 0) => state.problems.filter((p) => p.seq > sinceSeq),
    recordProblem,
    get revision() {
      return revision;
    },
    files: () => [...state.files.values()],
    addFile(file) {
      const id = nextId("F");
      const stored = fileRecord(id, file.name, file.bytes, true);
      state.files.set(id, stored);
      changed();
      return fileJson(stored);
    },
    assistantThread: (channel, threadTs) => state.assistantThreads.get(`${channel}:${threadTs}`),
    issueFunctionExecution(callbackId) {
      const execution = { id: nextId("Fx"), token: `xwfp-${randomBytes(12).toString("hex")}`, callbackId };
      state.tokens.add(execution.token);
      state.executions.set(execution.id, execution);
      return execution;
    },
    functionExecution: (id) => state.executions.get(id),
    reset() {
      state = freshState();
      changed();
    },
    close() {
      waiters.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
