/**
 * response_urls: fresh URLs on the emulator, optionally bound to a channel and a person, and what a post to one
 * does (an ephemeral or in-channel message, a replaced or deleted original), as Slack's do.
 */
import { randomBytes } from "node:crypto";
import { toSlackErrorMessages, validateSurface } from "../blockkit/validate.js";
import { type EmulatorContext, nextTs } from "./state.js";
import type { EmulatorMessage, Json, ResponseUrlBinding } from "./types.js";
import { str, truthy } from "./values.js";

export const RESPONSE_URL_PREFIX = "/response/";

/** A fresh response_url; with a binding, posts to it act on that channel's messages. */
export function responseUrl(ctx: EmulatorContext, binding?: ResponseUrlBinding): string {
  const path = `${RESPONSE_URL_PREFIX}${randomBytes(8).toString("hex")}`;
  if (binding) ctx.state.responseBindings.set(path, { ...binding });
  return `${ctx.origin}${path}`;
}

/** The answer to a post of `body` to the response_url at `path`, after doing what Slack would. */
export function answerResponseUrl(ctx: EmulatorContext, path: string, body: Json): Json {
  const binding = ctx.state.responseBindings.get(path);
  if (truthy(body.delete_original)) {
    if (binding?.messageTs) {
      ctx.state.messages = ctx.state.messages.filter(
        (m) => !(m.channel === binding.channel && m.ts === binding.messageTs),
      );
    }
    return { ok: true };
  }
  const problems = validateSurface({ type: "message", text: body.text, blocks: body.blocks });
  if (problems.length > 0) {
    return {
      ok: false,
      error: "invalid_blocks",
      response_metadata: { messages: toSlackErrorMessages(problems) },
    };
  }
  if (binding) respondAs(ctx, binding, body);
  return { ok: true };
}

/** What Slack does with a valid post to a bound response_url. */
function respondAs(ctx: EmulatorContext, binding: ResponseUrlBinding, body: Json): void {
  const text = typeof body.text === "string" ? body.text : undefined;
  const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
  const original = binding.messageTs
    ? ctx.state.messages.find((m) => m.channel === binding.channel && m.ts === binding.messageTs)
    : undefined;
  if (truthy(body.replace_original) && original) {
    original.text = text;
    original.blocks = blocks;
    return;
  }
  const message: EmulatorMessage = { channel: binding.channel, ts: nextTs(ctx), text, blocks };
  const threadTs = str(body.thread_ts);
  if (threadTs) message.threadTs = threadTs;
  if (body.response_type !== "in_channel") message.ephemeralTo = binding.userId;
  ctx.state.messages.push(message);
}
