/**
 * Builds the HTTP requests Slack sends to an app (slash commands, interactivity payloads, Events API callbacks)
 * and posts them signed the way Slack signs them: `v0=` + HMAC-SHA256(signing secret, `v0:${timestamp}:${rawBody}`)
 * in `x-slack-signature`, with the Unix time in `x-slack-request-timestamp`.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 *
 * Builders take a context such as a SlackEmulator, so trigger_ids and response_urls they put in a request are ones the
 * emulator accepts. The tests import them from here; the sandbox uses them to play
 * Slack's servers towards the real app.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  ACK_BODY_HEADER,
  DEFAULT_IDS,
  EMULATOR_DEFAULTS,
  type IssueTriggerOptions,
} from "./slack-emulator/index.js";

type Json = Record<string, unknown>;

/** What a builder needs from the Slack emulator (a SlackEmulator satisfies it). */
export interface SlackRequestContext {
  teamId: string;
  teamDomain: string;
  enterpriseId?: string | undefined;
  appId: string;
  botUserId: string;
  issueTriggerId(options?: IssueTriggerOptions): string;
  responseUrl(): string;
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

/** A request ready to send: the raw body, its content type, and the payload it encodes (for assertions). */
export interface SlackRequest<P = Json> {
  body: string;
  contentType: typeof FORM | typeof JSON_TYPE;
  payload: P;
}

/** The verification token Slack still sends in payloads (deprecated; Bolt does not check it). */
const VERIFICATION_TOKEN = "fake-verification-token";
const DEFAULT_USER = { id: DEFAULT_IDS.member, name: "mei" };
const DEFAULT_CHANNEL = { id: DEFAULT_IDS.general, name: "general" };

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

// ------------------------------------------------------------------ signing

/** Slack's v0 signature of a raw body. */
export function computeSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SignOptions {
  secret: string;
  /** Unix seconds; defaults to now. Use `nowSeconds() - 301` or older to test the 5-minute replay window. */
  timestamp?: number;
  /** Sent instead of the computed signature, to test forgeries. */
  signature?: string;
}

export function signedHeaders(rawBody: string, options: SignOptions): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? computeSignature(options.secret, timestamp, rawBody),
  };
}

export interface SendOptions extends SignOptions {
  /** Defaults to Bolt's `/slack/events`. */
  path?: string;
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** POSTs `rawBody` signed to `${baseUrl}/slack/events` and returns the status and body text. */
export async function sendSigned(
  baseUrl: string,
  rawBody: string,
  contentType: string,
  options: SendOptions,
): Promise<SignedResponse> {
  const url = `${baseUrl.replace(/\/$/, "")}${options.path ?? "/slack/events"}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...signedHeaders(rawBody, options), ...options.headers },
    body: rawBody,
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/**
 * sendSigned for a built request. A slash command's acknowledgement that carries a message is then shown the way
 * Slack shows it: delivered to the command's response_url, where the emulator records it like any later reply
 * (marked `fromAck`, and never failed by an injected fault: Slack makes no call there).
 */
export async function sendRequest(
  baseUrl: string,
  request: SlackRequest<unknown>,
  options: SendOptions,
): Promise<SignedResponse> {
  const response = await sendSigned(baseUrl, request.body, request.contentType, options);
  if (response.status === 200) await showAcknowledgement(request.payload, response.body);
  return response;
}

/**
 * What Slack does with the body of a slash command's acknowledgement: a JSON message (or plain text) is shown to
 * the person (ephemeral unless it says in_channel). Delivered to the command's response_url; nothing for an empty
 * body or a request that is not a slash command.
 */
export async function showAcknowledgement(payload: unknown, ackBody: unknown): Promise<void> {
  const { command, response_url: responseUrl } = (payload ?? {}) as {
    command?: unknown;
    response_url?: unknown;
  };
  if (typeof command !== "string" || typeof responseUrl !== "string") return;
  let message: unknown = ackBody;
  if (typeof ackBody === "string") {
    const text = ackBody.trim();
    if (text === "") return;
    try {
      message = JSON.parse(text);
    } catch {
      message = { text };
    }
  }
  if (typeof message !== "object" || message === null) return;
  await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": JSON_TYPE, [ACK_BODY_HEADER]: "1" },
    body: JSON.stringify(message),
  });
}

// ------------------------------------------------------------------ shared pieces

export interface RequestUser {
  id: string;
  name: string;
}

const userOf = (user: RequestUser | undefined): RequestUser =>
  user ?? { id: DEFAULT_USER.id, name: DEFAULT_USER.name };

function teamJson(ctx: SlackRequestContext): Json {
  return {
    id: ctx.teamId,
    domain: ctx.teamDomain,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId } : {}),
  };
}

function userJson(ctx: SlackRequestContext, user: RequestUser): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: ctx.teamId };
}

const enterpriseJson = (ctx: SlackRequestContext): Json | null =>
  ctx.enterpriseId ? { id: ctx.enterpriseId, name: "Fake Enterprise" } : null;

function interactivity<P extends Json>(payload: P): SlackRequest<P> {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: FORM,
    payload,
  };
}

// ------------------------------------------------------------------ slash commands

export interface SlashCommandPayload {
  token: string;
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  team_id: string;
  team_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
  channel_id: string;
  channel_name: string;
  trigger_id: string;
  response_url: string;
  api_app_id: string;
  is_enterprise_install: "true" | "false";
}

/** A form-encoded `/ismap` command (override any field), with a trigger_id and response_url the emulator accepts. */
export function slashCommand(
  ctx: SlackRequestContext,
  overrides: Partial<SlashCommandPayload> = {},
): SlackRequest<SlashCommandPayload> {
  const userId = overrides.user_id ?? DEFAULT_USER.id;
  const payload: SlashCommandPayload = {
    token: VERIFICATION_TOKEN,
    command: "/ismap",
    text: "",
    user_id: userId,
    user_name: DEFAULT_USER.name,
    team_id: ctx.teamId,
    team_domain: ctx.teamDomain,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId, enterprise_name: "Fake Enterprise" } : {}),
    channel_id: DEFAULT_CHANNEL.id,
    channel_name: DEFAULT_CHANNEL.name,
    trigger_id: ctx.issueTriggerId({ userId }),
    response_url: ctx.responseUrl(),
    api_app_id: ctx.appId,
    is_enterprise_install: "false",
    ...overrides,
  };
  const fields = Object.entries(payload).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { body: new URLSearchParams(fields).toString(), contentType: FORM, payload };
}

// ------------------------------------------------------------------ interactivity

/** One entry of `actions` in a block_actions payload; `action_ts` is filled in. */
export interface BlockAction {
  action_id: string;
  block_id: string;
  type: string;
  value?: string;
  selected_option?: Json;
  selected_options?: Json[];
  selected_date?: string;
  [key: string]: unknown;
}

/** `view.state.values`: block_id → action_id → the element's value. */
export type ViewStateValues = Record<string, Record<string, Json>>;

export interface BlockActionsOptions {
  user?: RequestUser;
  actions: Array<Omit<BlockAction, "action_ts">>;
  /** Interaction inside a view: the view as Slack would send it (e.g. `emulator.view(id)`). */
  view?: Json;
  /** Interaction on a message: where it is. */
  message?: {
    channel: string;
    ts: string;
    text?: string;
    blocks?: unknown[];
    isEphemeral?: boolean;
    /** Default "general". */
    channelName?: string;
  };
  state?: ViewStateValues;
}

export function blockActions(ctx: SlackRequestContext, options: BlockActionsOptions): SlackRequest {
  const user = userOf(options.user);
  const actionTs = `${nowSeconds()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const viewId = typeof options.view?.id === "string" ? options.view.id : undefined;
  const base: Json = {
    type: "block_actions",
    user: userJson(ctx, user),
    api_app_id: ctx.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: ctx.issueTriggerId({ userId: user.id, ...(viewId ? { viewId } : {}) }),
    team: teamJson(ctx),
    enterprise: enterpriseJson(ctx),
    is_enterprise_install: false,
    actions: options.actions.map((action) => ({ ...action, action_ts: actionTs })),
  };
  if (options.view) {
    const view = options.state ? { ...options.view, state: { values: options.state } } : options.view;
    return interactivity({ ...base, container: { type: "view", view_id: viewId }, view });
  }
  const message = options.message ?? { channel: DEFAULT_CHANNEL.id, ts: `${nowSeconds()}.000100` };
  return interactivity({
    ...base,
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: Boolean(message.isEphemeral),
    },
    channel: { id: message.channel, name: message.channelName ?? DEFAULT_CHANNEL.name },
    message: { type: "message", ts: message.ts, text: message.text ?? "", blocks: message.blocks ?? [] },
    response_url: ctx.responseUrl(),
    state: { values: options.state ?? {} },
  });
}

export interface ViewPayloadOptions {
  user?: RequestUser;
  /** The submitted view, e.g. `emulator.view(id)`; needs at least `id` and `callback_id`. */
  view: Json;
  values?: ViewStateValues;
}

/** A minimal view as Slack sends it in view_* payloads, for tests that have no stored view. */
export function viewJson(ctx: SlackRequestContext, fields: Json & { callback_id: string }): Json {
  const id = typeof fields.id === "string" ? fields.id : `V${randomBytes(5).toString("hex").toUpperCase()}`;
  return {
    id,
    team_id: ctx.teamId,
    type: "modal",
    blocks: [],
    private_metadata: "",
    external_id: "",
    state: { values: {} },
    hash: `${nowSeconds()}.abcdef01`,
    title: { type: "plain_text", text: "ISMAP-LIU" },
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: id,
    previous_view_id: null,
    app_id: ctx.appId,
    app_installed_team_id: ctx.teamId,
    bot_id: EMULATOR_DEFAULTS.botId,
    ...fields,
  };
}

export function viewSubmission(ctx: SlackRequestContext, options: ViewPayloadOptions): SlackRequest {
  const user = userOf(options.user);
  const viewId = typeof options.view.id === "string" ? options.view.id : undefined;
  return interactivity({
    type: "view_submission",
    team: teamJson(ctx),
    user: userJson(ctx, user),
    api_app_id: ctx.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: ctx.issueTriggerId({ userId: user.id, ...(viewId ? { viewId } : {}) }),
    view: { ...options.view, state: { values: options.values ?? {} } },
    response_urls: [],
    enterprise: enterpriseJson(ctx),
    is_enterprise_install: false,
  });
}

export function viewClosed(
  ctx: SlackRequestContext,
  options: Omit<ViewPayloadOptions, "values">,
): SlackRequest {
  return interactivity({
    type: "view_closed",
    team: teamJson(ctx),
    user: userJson(ctx, userOf(options.user)),
    api_app_id: ctx.appId,
    token: VERIFICATION_TOKEN,
    view: options.view,
    is_cleared: false,
    enterprise: enterpriseJson(ctx),
    is_enterprise_install: false,
  });
}

export interface BlockSuggestionOptions {
  user?: RequestUser;
  actionId: string;
  blockId: string;
  value: string;
  view?: Json;
}

/** An options request for an external_select: the user typed `value`. */
export function blockSuggestion(ctx: SlackRequestContext, options: BlockSuggestionOptions): SlackRequest {
  const viewId = typeof options.view?.id === "string" ? options.view.id : undefined;
  return interactivity({
    type: "block_suggestion",
    user: userJson(ctx, userOf(options.user)),
    container: viewId
      ? { type: "view", view_id: viewId }
      : { type: "message", channel_id: DEFAULT_CHANNEL.id },
    api_app_id: ctx.appId,
    token: VERIFICATION_TOKEN,
    action_id: options.actionId,
    block_id: options.blockId,
    value: options.value,
    team: teamJson(ctx),
    enterprise: enterpriseJson(ctx),
    is_enterprise_install: false,
    ...(options.view ? { view: options.view } : {}),
  });
}

// ------------------------------------------------------------------ Events API

/** An Events API `event_callback` envelope around `event`. */
export function eventCallback(ctx: SlackRequestContext, event: Json, overrides: Json = {}): SlackRequest {
  const payload: Json = {
    token: VERIFICATION_TOKEN,
    team_id: ctx.teamId,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId } : {}),
    api_app_id: ctx.appId,
    event,
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: nowSeconds(),
    authorizations: [
      {
        enterprise_id: ctx.enterpriseId ?? null,
        team_id: ctx.teamId,
        user_id: ctx.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString("hex")}`,
    ...overrides,
  };
  return { body: JSON.stringify(payload), contentType: JSON_TYPE, payload };
}

const eventTs = (): string => `${nowSeconds()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
const dmChannelOf = (userId: string): string => `D${userId.slice(1)}`;

export function appHomeOpened(
  ctx: SlackRequestContext,
  options: { user?: string; tab?: "home" | "messages"; view?: Json } = {},
): SlackRequest {
  const user = options.user ?? DEFAULT_USER.id;
  return eventCallback(ctx, {
    type: "app_home_opened",
    user,
    channel: dmChannelOf(user),
    tab: options.tab ?? "home",
    event_ts: eventTs(),
    ...(options.view ? { view: options.view } : {}),
  });
}

export function appMention(
  ctx: SlackRequestContext,
  options: { user?: string; channel?: string; text?: string } = {},
): SlackRequest {
  const ts = eventTs();
  return eventCallback(ctx, {
    type: "app_mention",
    user: options.user ?? DEFAULT_USER.id,
    text: options.text ?? `<@${ctx.botUserId}> help`,
    ts,
    channel: options.channel ?? DEFAULT_CHANNEL.id,
    event_ts: ts,
  });
}

/** A `message.im` event: a user wrote in the app's DM (Messages tab). */
export function messageIm(
  ctx: SlackRequestContext,
  options: { user?: string; text?: string } = {},
): SlackRequest {
  const user = options.user ?? DEFAULT_USER.id;
  const ts = eventTs();
  return eventCallback(ctx, {
    type: "message",
    channel_type: "im",
    user,
    text: options.text ?? "help",
    ts,
    channel: dmChannelOf(user),
    event_ts: ts,
  });
}

export function appUninstalled(ctx: SlackRequestContext): SlackRequest {
  return eventCallback(ctx, { type: "app_uninstalled", event_ts: eventTs() });
}

export function tokensRevoked(
  ctx: SlackRequestContext,
  tokens: { bot?: string[]; oauth?: string[] } = { bot: [ctx.botUserId] },
): SlackRequest {
  return eventCallback(ctx, {
    type: "tokens_revoked",
    tokens: { oauth: tokens.oauth ?? [], bot: tokens.bot ?? [] },
    event_ts: eventTs(),
  });
}

/** The Events API handshake; Bolt answers with the challenge. */
export function urlVerification(challenge = randomBytes(16).toString("hex")): SlackRequest {
  const payload = { token: VERIFICATION_TOKEN, challenge, type: "url_verification" };
  return { body: JSON.stringify(payload), contentType: JSON_TYPE, payload };
}
