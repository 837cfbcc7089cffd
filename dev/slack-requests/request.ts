/** What every builder shares: the context it takes, the request it returns, the default person and channel. */
import { DEFAULT_IDS, type IssueTriggerOptions } from "../slack-emulator/index.js";

export type Json = Record<string, unknown>;

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
export const VERIFICATION_TOKEN = "fake-verification-token";
export const DEFAULT_USER = { id: DEFAULT_IDS.member, name: "mei" };
export const DEFAULT_CHANNEL = { id: DEFAULT_IDS.general, name: "general" };

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export interface RequestUser {
  id: string;
  name: string;
}

export const userOf = (user: RequestUser | undefined): RequestUser =>
  user ?? { id: DEFAULT_USER.id, name: DEFAULT_USER.name };

export function teamJson(ctx: SlackRequestContext): Json {
  return {
    id: ctx.teamId,
    domain: ctx.teamDomain,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId } : {}),
  };
}

export function userJson(ctx: SlackRequestContext, user: RequestUser): Json {
  return { id: user.id, username: user.name, name: user.name, team_id: ctx.teamId };
}

export const enterpriseJson = (ctx: SlackRequestContext): Json | null =>
  ctx.enterpriseId ? { id: ctx.enterpriseId, name: "Fake Enterprise" } : null;

export function interactivity<P extends Json>(payload: P): SlackRequest<P> {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: FORM,
    payload,
  };
}
