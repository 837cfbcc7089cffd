/**
 * A fake Slack Web API on 127.0.0.1 for tests: answers the methods the app calls with Slack-shaped JSON, keeps just
 * enough state to reproduce Slack's errors (single-use triggers, view hashes, the view stack, channel membership),
 * checks every surface with the Block Kit validator, records every call and can inject faults.
 *
 * Point a client at it with `new WebClient(token, { slackApiUrl: fake.url })` or Bolt's
 * `clientOptions: { slackApiUrl: fake.url }`; `fake.url` ends with `/api/` because @slack/web-api posts to
 * `${slackApiUrl}${method}` (form-encoded, objects JSON-encoded in their field; JSON bodies are accepted too).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type BlockKitProblem,
  toSlackErrorMessages,
  validateSurface,
} from "../../src/slack/blockkit/index.js";

type Json = Record<string, unknown>;

export interface FakeUser {
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

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Member user ids; include the bot user id for channels the app has joined. */
  members: string[];
}

export interface FakeSlackOptions {
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  enterpriseId?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  /** Bot tokens accepted; any other token gets `invalid_auth`. The first one is `fake.botToken`. */
  tokens?: string[];
  users?: FakeUser[];
  channels?: FakeChannel[];
  /** How long an issued trigger_id stays usable; Slack's is 3 seconds. */
  triggerTtlMs?: number;
}

/** Answer `{ ok: false, error }` (HTTP 200), an HTTP status (429 gets `Retry-After`), or just wait `delayMs`. */
export type FakeSlackFault =
  | { error: string; extra?: Json; delayMs?: number }
  | { status: number; retryAfter?: number; body?: string; delayMs?: number }
  | { delayMs: number };

export interface FakeSlackCall {
  /** Web API method (`chat.postMessage`) or `response_url` for posts to a response URL. */
  method: string;
  path: string;
  /** Parsed arguments; JSON-encoded fields (`blocks`, `view`, `attachments`, `metadata`) are decoded. */
  body: Json;
  token: string | undefined;
  time: Date;
  status: number;
  response: unknown;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  ephemeralTo?: string;
}

export interface IssueTriggerOptions {
  userId?: string;
  /** The view the interaction came from; views.push then pushes onto that view's stack. */
  viewId?: string;
  ttlMs?: number;
}

export interface FakeSlack {
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
  readonly botToken: string;
  readonly calls: readonly FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /**
   * Resolves with the first call to `method` (already recorded or still to come) that matches `predicate`, once
   * the fake has answered it; rejects after `timeoutMs` listing the calls seen so far.
   */
  waitForCall(
    method: string,
    predicate?: (call: FakeSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackCall>;
  /** The next `times` calls to `method` (or `*` for any) get `fault`. */
  failNext(method: string, fault: FakeSlackFault, times?: number): void;
  /** Every call to `method` (or `*`) gets `fault` until clearFaults() or reset(). */
  failAlways(method: string, fault: FakeSlackFault): void;
  clearFaults(): void;
  /** A trigger_id the fake accepts once, within the trigger TTL. */
  issueTriggerId(options?: IssueTriggerOptions): string;
  /** A fresh response_url on this server; posts to it are recorded as `response_url` calls. */
  responseUrl(): string;
  /** Messages posted (and not deleted) so far, optionally in one channel; ephemeral ones included. */
  messages(channel?: string): FakeSlackMessage[];
  /** A stored view (as Slack would return it) by id. */
  view(id: string): Json | undefined;
  /** The view ids stacked in the modal whose root is `rootViewId`, bottom first. */
  viewStack(rootViewId: string): string[];
  /** The Home tab view last published for a user. */
  homeView(userId: string): Json | undefined;
  setChannelMembers(channelId: string, members: string[]): void;
  revokeToken(token: string): void;
  /** Forgets calls, faults, triggers, messages and views, and restores the configured users, channels, tokens. */
  reset(): void;
  close(): Promise<void>;
}

/** Ids of the default workspace's users and channels, for tests. */
export const FAKE_IDS = {
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

const DEFAULT_USERS: FakeUser[] = [
  {
    id: FAKE_IDS.admin,
    name: "aiko",
    realName: "Aiko Admin",
    locale: "ja-JP",
    tz: "Asia/Tokyo",
    isAdmin: true,
  },
  {
    id: FAKE_IDS.owner,
    name: "oscar",
    realName: "Oscar Owner",
    locale: "en-US",
    tz: "Asia/Tokyo",
    isAdmin: true,
    isOwner: true,
    isPrimaryOwner: true,
  },
  { id: FAKE_IDS.member, name: "mei", realName: "Mei Member", locale: "ja-JP", tz: "Asia/Tokyo" },
  { id: FAKE_IDS.guest, name: "gabe", realName: "Gabe Guest", locale: "en-US", tz: "America/New_York" },
];

const DEFAULT_CHANNELS: FakeChannel[] = [
  {
    id: FAKE_IDS.general,
    name: "general",
    members: [FAKE_IDS.bot, FAKE_IDS.admin, FAKE_IDS.owner, FAKE_IDS.member],
  },
  { id: FAKE_IDS.random, name: "random", members: [FAKE_IDS.admin, FAKE_IDS.member] },
  { id: FAKE_IDS.compliance, name: "compliance", isPrivate: true, members: [FAKE_IDS.bot, FAKE_IDS.admin] },
  { id: FAKE_IDS.secret, name: "secret", isPrivate: true, members: [FAKE_IDS.owner] },
];

export const FAKE_SLACK_DEFAULTS = {
  teamId: "T0FAKE0001",
  teamName: "ISMAP Test Team",
  teamDomain: "ismap-test",
  appId: "A0FAKEAPP1",
  botUserId: FAKE_IDS.bot,
  botId: "B0FAKEBOT1",
  botName: "ismap-liu",
  botToken: "xoxb-fake-bot-token",
  triggerTtlMs: 3000,
  users: DEFAULT_USERS as readonly FakeUser[],
  channels: DEFAULT_CHANNELS as readonly FakeChannel[],
} as const;

/** Slack keeps at most three views in a modal's stack ("push_limit_reached … Currently the limit is 3"). */
const VIEW_STACK_LIMIT = 3;
/** "view_too_large: the provided view is greater than 250kb". */
const VIEW_MAX_BYTES = 250 * 1024;
const JSON_FIELDS = ["blocks", "attachments", "view", "metadata"];

interface Fault {
  fault: FakeSlackFault;
  remaining: number;
}

interface Trigger {
  userId: string | undefined;
  viewId: string | undefined;
  expiresAt: number;
}

interface State {
  tokens: Set<string>;
  users: Map<string, FakeUser>;
  channels: Map<string, FakeChannel>;
  calls: FakeSlackCall[];
  faults: Map<string, Fault[]>;
  triggers: Map<string, Trigger>;
  messages: FakeSlackMessage[];
  views: Map<string, Json>;
  stacks: Map<string, string[]>;
  homes: Map<string, string>;
  lastStackByUser: Map<string, string>;
  counter: number;
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

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const config = {
    teamId: options.teamId ?? FAKE_SLACK_DEFAULTS.teamId,
    teamName: options.teamName ?? FAKE_SLACK_DEFAULTS.teamName,
    teamDomain: options.teamDomain ?? FAKE_SLACK_DEFAULTS.teamDomain,
    enterpriseId: options.enterpriseId,
    appId: options.appId ?? FAKE_SLACK_DEFAULTS.appId,
    botUserId: options.botUserId ?? FAKE_SLACK_DEFAULTS.botUserId,
    botId: options.botId ?? FAKE_SLACK_DEFAULTS.botId,
    botName: options.botName ?? FAKE_SLACK_DEFAULTS.botName,
    tokens: options.tokens ?? [FAKE_SLACK_DEFAULTS.botToken],
    users: options.users ?? FAKE_SLACK_DEFAULTS.users,
    channels: options.channels ?? FAKE_SLACK_DEFAULTS.channels,
    triggerTtlMs: options.triggerTtlMs ?? FAKE_SLACK_DEFAULTS.triggerTtlMs,
  };
  const botToken = config.tokens[0];
  if (botToken === undefined) throw new Error("startFakeSlack: at least one token is needed");

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
  });
  let state = freshState();
  const waiters = new Set<() => void>();
  const nextId = (prefix: string): string => {
    state.counter += 1;
    return `${prefix}${String(state.counter).padStart(8, "0")}`;
  };
  const nextTs = (): string => {
    state.counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(state.counter).padStart(6, "0")}`;
  };
  const nextHash = (): string => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;

  // ------------------------------------------------------------ conversations

  const isMember = (channel: FakeChannel, userId: string): boolean => channel.members.includes(userId);

  /** A channel the bot can see: private channels without the bot do not exist for it. */
  function visibleChannel(id: string): FakeChannel {
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

  function channelJson(channel: FakeChannel): Json {
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

  function userJson(user: FakeUser, includeLocale: boolean): Json {
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

  function messageJson(message: FakeSlackMessage): Json {
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

  function findMessage(body: Json): FakeSlackMessage {
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

  // ------------------------------------------------------------ methods

  type Handler = (body: Json) => Json;

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
      const message: FakeSlackMessage = { channel: target.channel, ts: nextTs(), text, blocks };
      const threadTs = str(body.thread_ts);
      if (threadTs) message.threadTs = threadTs;
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
      if (!current) throw new SlackError("not_found");
      checkHash(body, current);
      const view = checkView(body, current.type === "home" ? "home" : "modal");
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
  };

  // ------------------------------------------------------------ HTTP

  function takeFault(method: string): FakeSlackFault | undefined {
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
    call: FakeSlackCall,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    call.status = status;
    call.response = body;
    if (typeof body === "string") {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      res.end(body);
    } else {
      sendJson(res, status, body, headers);
    }
    for (const wake of waiters) wake();
  }

  /** Applies a fault; returns true when it answered the request. */
  async function applyFault(
    res: ServerResponse,
    call: FakeSlackCall,
    fault: FakeSlackFault,
  ): Promise<boolean> {
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
    finish(res, call, fault.status, fault.body ?? `fake Slack: injected HTTP ${fault.status}`);
    return true;
  }

  function callMethod(method: string, call: FakeSlackCall): Json {
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

  function handleResponseUrl(res: ServerResponse, call: FakeSlackCall): void {
    const body = call.body;
    if (truthy(body.delete_original)) {
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
    finish(res, call, 200, { ok: true });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
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
    const call: FakeSlackCall = {
      method,
      path,
      body,
      token,
      time: new Date(),
      status: 0,
      response: undefined,
    };
    state.calls.push(call);
    const fault = takeFault(method);
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
  const origin = `http://127.0.0.1:${port}`;

  const describeCalls = (): string =>
    state.calls.length === 0 ? "none" : state.calls.map((c) => `${c.method} (${c.status})`).join(", ");

  return {
    url: `${origin}/api/`,
    origin,
    teamId: config.teamId,
    teamDomain: config.teamDomain,
    enterpriseId: config.enterpriseId,
    appId: config.appId,
    botUserId: config.botUserId,
    botId: config.botId,
    botToken,
    get calls() {
      return state.calls;
    },
    callsTo: (method) => state.calls.filter((c) => c.method === method),
    waitForCall(method, predicate = () => true, timeoutMs = 2000) {
      return new Promise<FakeSlackCall>((resolve, reject) => {
        const find = (): FakeSlackCall | undefined =>
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
              `fake Slack: no matching call to ${method} within ${timeoutMs} ms; calls so far: ${describeCalls()}`,
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
    responseUrl: () => `${origin}/response/${randomBytes(8).toString("hex")}`,
    messages: (channel) => state.messages.filter((m) => channel === undefined || m.channel === channel),
    view: (id) => state.views.get(id),
    viewStack: (rootViewId) => [...(state.stacks.get(rootViewId) ?? [])],
    homeView(userId) {
      const id = state.homes.get(userId);
      return id ? state.views.get(id) : undefined;
    },
    setChannelMembers(channelId, members) {
      const channel = state.channels.get(channelId);
      if (!channel) throw new Error(`fake Slack: no channel ${channelId}`);
      channel.members = [...members];
    },
    revokeToken(token) {
      state.tokens.delete(token);
    },
    reset() {
      state = freshState();
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
