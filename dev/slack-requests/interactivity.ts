/** Interactivity payloads: block_actions, view_submission, view_closed, block_suggestion. */
import { randomBytes } from "node:crypto";
import { EMULATOR_DEFAULTS } from "../slack-emulator/index.js";
import {
  DEFAULT_CHANNEL,
  enterpriseJson,
  interactivity,
  type Json,
  nowSeconds,
  type RequestUser,
  type SlackRequest,
  type SlackRequestContext,
  teamJson,
  userJson,
  userOf,
  VERIFICATION_TOKEN,
} from "./request.js";

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
