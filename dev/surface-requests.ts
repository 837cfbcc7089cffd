/**
 * Signed-request payloads of Slack's own surfaces, as Slack sends them: the assistant panel's events
 * (assistant_thread_started, assistant_thread_context_changed, a person's message in an assistant thread) and a
 * Workflow Builder step run (function_executed). Used by the sandbox and the tests, like slack-requests/.
 */
import { randomBytes } from "node:crypto";
import { eventCallback, type SlackRequest, type SlackRequestContext } from "./slack-requests/index.js";

type Json = Record<string, unknown>;

const eventTs = (): string =>
  `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;

/** The app's direct conversation with a person: the assistant panel's threads live there. */
export const assistantChannelOf = (userId: string): string => `D${userId.slice(1)}`;

export interface AssistantThreadOptions {
  user: string;
  threadTs: string;
  /** The channel the person is viewing when they open (or switch) the panel. */
  viewing?: string;
}

function threadJson(ctx: SlackRequestContext, options: AssistantThreadOptions): Json {
  return {
    user_id: options.user,
    context: options.viewing
      ? { channel_id: options.viewing, team_id: ctx.teamId, enterprise_id: ctx.enterpriseId ?? null }
      : {},
    channel_id: assistantChannelOf(options.user),
    thread_ts: options.threadTs,
  };
}

export function assistantThreadStarted(
  ctx: SlackRequestContext,
  options: AssistantThreadOptions,
): SlackRequest {
  return eventCallback(ctx, {
    type: "assistant_thread_started",
    assistant_thread: threadJson(ctx, options),
    event_ts: eventTs(),
  });
}

export function assistantThreadContextChanged(
  ctx: SlackRequestContext,
  options: AssistantThreadOptions,
): SlackRequest {
  return eventCallback(ctx, {
    type: "assistant_thread_context_changed",
    assistant_thread: threadJson(ctx, options),
    event_ts: eventTs(),
  });
}

/** A person's message in an assistant thread (a threaded message.im event). */
export function assistantMessage(
  ctx: SlackRequestContext,
  options: { user: string; threadTs: string; text: string; ts?: string },
): SlackRequest {
  const ts = options.ts ?? eventTs();
  return eventCallback(ctx, {
    type: "message",
    channel_type: "im",
    user: options.user,
    text: options.text,
    ts,
    thread_ts: options.threadTs,
    channel: assistantChannelOf(options.user),
    event_ts: ts,
  });
}

export interface FunctionRun {
  /** function_execution_id */
  id: string;
  /** The workflow token Slack issues for the run (bot_access_token). */
  token: string;
  callbackId: string;
}

/** A Workflow Builder step run: the function_executed event with the step's inputs and its workflow token. */
export function functionExecuted(ctx: SlackRequestContext, run: FunctionRun, inputs: Json): SlackRequest {
  return eventCallback(ctx, {
    type: "function_executed",
    function: {
      id: `Fn${randomBytes(5).toString("hex").toUpperCase()}`,
      callback_id: run.callbackId,
      title: run.callbackId,
      type: "app",
      app_id: ctx.appId,
      date_created: Math.floor(Date.now() / 1000),
      date_updated: Math.floor(Date.now() / 1000),
      date_deleted: 0,
    },
    inputs,
    function_execution_id: run.id,
    workflow_execution_id: `Wx${randomBytes(5).toString("hex").toUpperCase()}`,
    event_ts: eventTs(),
    bot_access_token: run.token,
  });
}
