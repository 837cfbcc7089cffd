import type { ActionsBlock, KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import { ACTION } from "../../../../src/slack/contract/ids.js";
import {
  aboutMessage,
  noticeMessage,
  shareValue,
  withShareButton,
} from "../../../../src/slack/views/messages/index.js";
import { section } from "../../../../src/slack/views/parts.js";
import { ctxFor, LOCALES } from "../../../support/messages.js";

function shareButton(blocks: KnownBlock[]) {
  const last = blocks.at(-1) as ActionsBlock;
  expect(last.type).toBe("actions");
  const button = last.elements[0];
  if (button?.type !== "button") throw new Error("no button");
  return button;
}

describe.each(LOCALES)("withShareButton (%s)", (locale) => {
  const ctx = ctxFor(locale);

  it("appends a share button carrying the command as JSON", () => {
    const base = aboutMessage(ctx);
    const message = withShareButton(base, { cmd: "about", args: "" }, ctx.t);
    assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
    expect(message.blocks).toHaveLength(base.blocks.length + 1);
    expect(message.blocks.slice(0, -1)).toEqual(base.blocks);
    expect(message.text).toBe(base.text);
    const button = shareButton(message.blocks);
    expect(button.action_id).toBe(ACTION.share);
    expect(button.text.text).toContain(locale === "ja" ? "チャンネルに共有" : "Share in channel");
    expect(JSON.parse(button.value ?? "")).toEqual({ cmd: "about", args: "" });
  });

  it("cuts long arguments so the value stays within 2000 characters, JSON escaping included", () => {
    const args = `"引用" \\ <!channel>\n${"質問😀".repeat(1500)}`;
    const message = withShareButton(noticeMessage("x"), { cmd: "ask", args }, ctx.t);
    assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
    const value = shareButton(message.blocks).value ?? "";
    expect(value.length).toBeLessThanOrEqual(2000);
    const parsed = JSON.parse(value) as { cmd: string; args: string };
    expect(parsed.cmd).toBe("ask");
    expect(args.startsWith(parsed.args)).toBe(true);
    expect(parsed.args.length).toBeGreaterThan(500);
    // No half of a surrogate pair at the cut.
    const last = parsed.args.charCodeAt(parsed.args.length - 1);
    expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
  });

  it("keeps the footer and Slack's 50-block limit when the message is already full", () => {
    const blocks: KnownBlock[] = Array.from({ length: 50 }, (_, i) => section(`block ${i}`));
    const message = withShareButton({ text: "full", blocks }, { cmd: "help", args: "" }, ctx.t);
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-2)).toEqual(blocks.at(-1));
    assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
  });
});

describe("shareValue", () => {
  it("keeps short arguments whole", () => {
    expect(JSON.parse(shareValue({ cmd: "ask", args: "特別措置は?" }))).toEqual({
      cmd: "ask",
      args: "特別措置は?",
    });
  });

  it("fits arguments of control characters, which JSON escapes six-fold", () => {
    const value = shareValue({ cmd: "ask", args: "\u0001".repeat(4000) });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(value.length).toBeGreaterThan(1990);
  });
});

describe("noticeMessage", () => {
  it("is one section with the same fallback text", () => {
    const message = noticeMessage("保存しました。");
    expect(message).toEqual({
      text: "保存しました。",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "保存しました。" } }],
    });
    assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
  });

  it("stays valid for empty and very long text", () => {
    for (const text of ["", "   ", "長".repeat(50_000)]) {
      const message = noticeMessage(text);
      assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
    }
  });
});
