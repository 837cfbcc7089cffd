/** Events API callbacks: the event_callback envelope and the events the app listens to. */
import { randomBytes } from "node:crypto";
import {
  DEFAULT_CHANNEL,
  DEFAULT_USER,
  JSON_TYPE,
  type Json,
  nowSeconds,
  type SlackRequest,
  type SlackRequestContext,
  VERIFICATION_TOKEN,
} from "./request.js";

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
