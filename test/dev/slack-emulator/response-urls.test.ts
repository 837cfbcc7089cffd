import { describe, expect, it } from "vitest";
import { answerResponseUrl, responseUrl } from "../../../dev/slack-emulator/response-urls.js";
import { createContext, resolveConfig } from "../../../dev/slack-emulator/state.js";
import type { ResponseUrlBinding } from "../../../dev/slack-emulator/types.js";

const binding: ResponseUrlBinding = { channel: "C0GENERAL1", userId: "U0MEMBER01", messageTs: "100.000001" };

/** A context with one bot message in the channel, and a response_url bound to it (null: unbound). */
function setup(bound: ResponseUrlBinding | null = binding) {
  const ctx = createContext(resolveConfig({}));
  ctx.origin = "http://127.0.0.1:1";
  ctx.state.messages.push({ channel: "C0GENERAL1", ts: "100.000001", text: "original" });
  const path = new URL(responseUrl(ctx, bound ?? undefined)).pathname;
  return { ctx, path };
}

describe("emulator response_urls", () => {
  it("hands out distinct URLs on the emulator's origin", () => {
    const ctx = createContext(resolveConfig({}));
    ctx.origin = "http://127.0.0.1:1";
    const first = responseUrl(ctx);
    expect(first).toMatch(/^http:\/\/127\.0\.0\.1:1\/response\/[0-9a-f]{16}$/);
    expect(responseUrl(ctx)).not.toBe(first);
  });

  it("posts an ephemeral reply to the bound person by default", () => {
    const { ctx, path } = setup();
    expect(answerResponseUrl(ctx, path, { text: "only you" })).toEqual({ ok: true });
    expect(ctx.state.messages.at(-1)).toMatchObject({
      channel: "C0GENERAL1",
      text: "only you",
      ephemeralTo: "U0MEMBER01",
    });
  });

  it("posts in the channel for everyone with response_type in_channel, in the thread if given", () => {
    const { ctx, path } = setup();
    answerResponseUrl(ctx, path, { text: "all", response_type: "in_channel", thread_ts: "99.1" });
    const posted = ctx.state.messages.at(-1);
    expect(posted).toMatchObject({ channel: "C0GENERAL1", text: "all", threadTs: "99.1" });
    expect(posted?.ephemeralTo).toBeUndefined();
  });

  it("replaces the original message with replace_original", () => {
    const { ctx, path } = setup();
    answerResponseUrl(ctx, path, { text: "new", replace_original: "true" });
    expect(ctx.state.messages).toEqual([{ channel: "C0GENERAL1", ts: "100.000001", text: "new" }]);
  });

  it("deletes the original message with delete_original", () => {
    const { ctx, path } = setup();
    expect(answerResponseUrl(ctx, path, { delete_original: true })).toEqual({ ok: true });
    expect(ctx.state.messages).toEqual([]);
  });

  it("refuses invalid blocks with Slack's invalid_blocks and changes nothing", () => {
    const { ctx, path } = setup();
    const answer = answerResponseUrl(ctx, path, { blocks: [{ type: "no_such_block" }] });
    expect(answer).toMatchObject({ ok: false, error: "invalid_blocks" });
    expect((answer.response_metadata as { messages: string[] }).messages.length).toBeGreaterThan(0);
    expect(ctx.state.messages).toHaveLength(1);
  });

  it("accepts a post to an unbound URL without touching any message", () => {
    const { ctx, path } = setup(null);
    expect(answerResponseUrl(ctx, path, { text: "hello", replace_original: true })).toEqual({ ok: true });
    expect(ctx.state.messages).toEqual([{ channel: "C0GENERAL1", ts: "100.000001", text: "original" }]);
  });
});
