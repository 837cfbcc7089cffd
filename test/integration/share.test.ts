/**
 * "Share in channel" end to end: a person runs `/ismap …`, clicks the share button of the private reply, and the
 * app posts the same answer, computed afresh, to the channel with a "shared by" line.
 */

import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import { blockActions } from "../../dev/slack-requests/index.js";
import type { Locale } from "../../src/i18n/locale.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { buildAnswer } from "../../src/slack/flows/answers.js";
import { ANSWER_BUDGETS, readableLength } from "../../src/slack/views/messages/budget.js";
import type { SlackMessage } from "../../src/slack/views/messages/index.js";
import { sharedMessage } from "../../src/slack/views/messages/share.js";
import {
  blocksOf,
  expectEphemeralReply,
  expectNoInternals,
  expectValidMessage,
  readable,
  shareButtonValue,
  textsIn,
} from "../support/commands.js";
import { useHarness } from "../support/harness.js";

type Json = Record<string, unknown>;

const USERS = {
  [DEFAULT_IDS.member]: { id: DEFAULT_IDS.member, name: "mei" },
  [DEFAULT_IDS.owner]: { id: DEFAULT_IDS.owner, name: "oscar" },
  [DEFAULT_IDS.admin]: { id: DEFAULT_IDS.admin, name: "aiko" },
} as const;
type UserId = keyof typeof USERS;

const h = useHarness();

/** Runs `/ismap <text>` and returns the private reply's body and its share button's value. */
async function privately(text: string, userId: UserId): Promise<{ body: Json; value: string }> {
  const { reply } = await h.command(text, userId);
  const body = expectEphemeralReply(reply);
  return { body, value: shareButtonValue(body) as string };
}

/** Clicks a share button with `value` in `channel`; returns the action's response_url. */
async function clickShare(
  value: string,
  userId: UserId,
  channel: string = DEFAULT_IDS.general,
): Promise<string> {
  const request = blockActions(h.fake, {
    user: USERS[userId],
    actions: [{ action_id: ACTION.share, block_id: "share", type: "button", value }],
    message: { channel, ts: "1764118800.000100", isEphemeral: true },
  });
  const response = await h.send(request);
  expect(response.status).toBe(200);
  return request.payload.response_url as string;
}

/** The message the app posted to `channel` (waits for it). */
function posted(channel: string): Promise<EmulatorCall> {
  return h.fake.waitForCall("chat.postMessage", (call) => call.body.channel === channel, 5000);
}

/** The private reply to a share click, sent to the action's response_url (waits for it). */
function repliedTo(responseUrl: string): Promise<EmulatorCall> {
  return h.fake.waitForCall("response_url", (call) => responseUrl.endsWith(call.path), 5000);
}

function fresh(userId: string, locale: Locale, cmd: Parameters<typeof buildAnswer>[2], args: string) {
  const who = { team: { teamId: h.fake.teamId }, userId, locale, t: createTranslator(locale) };
  return buildAnswer(h.assistant.services, who, cmd, args);
}

/** The "ルール版 …" of an answer's footer. */
function rulesVersionOf(answer: SlackMessage): string {
  return JSON.stringify(answer.blocks.at(-1)).match(/ルール版 [^ ·"]+/)?.[0] ?? "no footer";
}

const SHARED: Array<{ text: string; cmd: Parameters<typeof buildAnswer>[2]; args: string }> = [
  { text: "help", cmd: "help", args: "" },
  { text: "audits", cmd: "audits", args: "" },
  { text: "special", cmd: "special", args: "" },
  { text: "plan", cmd: "plan", args: "" },
  { text: "status", cmd: "status", args: "" },
  { text: "about", cmd: "about", args: "" },
  { text: "profile show", cmd: "profile_show", args: "" },
  { text: "ask 内部監査の3年ルールとは", cmd: "ask", args: "内部監査の3年ルールとは" },
];

describe("share in a channel the app is in", () => {
  for (const c of SHARED) {
    it(`posts the answer of "${c.text}" to the channel with "shared by"`, async () => {
      const { body, value } = await privately(c.text, DEFAULT_IDS.member);
      expect(JSON.parse(value)).toEqual({ cmd: c.cmd, args: c.args });
      const responseUrl = await clickShare(value, DEFAULT_IDS.member);
      const call = await posted(DEFAULT_IDS.general);

      expect(call.response).toMatchObject({ ok: true });
      expectValidMessage(call.body);
      const answer = await fresh(DEFAULT_IDS.member, "ja", c.cmd, c.args);
      const blocks = blocksOf(call.body);
      // A short channel version: the headline and key dates, who shared it and the way to the whole answer; never
      // the whole private answer.
      const short = sharedMessage(answer, { cmd: c.cmd, userId: DEFAULT_IDS.member }, createTranslator("ja"));
      expect(call.body.text).toBe(short.text);
      expect(blocks).toHaveLength(2);
      expect(blocks[0]).toEqual(short.blocks[0]);
      expect(blocksOf(body).length).toBeGreaterThan(2);
      expect(readableLength(blocks as unknown as KnownBlock[])).toBeLessThanOrEqual(
        ANSWER_BUDGETS.share.whole.ja,
      );
      const [shared] = textsIn(blocks.slice(-1));
      expect(shared).toContain(`<@${DEFAULT_IDS.member}> さんが共有しました`);
      expect(shared).toContain("`/ismap ");
      // The private answer's footer (rules version, disclaimer) stays private.
      expect(JSON.stringify(blocks)).not.toContain(rulesVersionOf(answer));
      // No share button in the channel, and nothing else sent back to the person.
      expect(shareButtonValue(call.body)).toBeUndefined();
      expect(h.fake.calls.some((c2) => c2.method === "response_url" && responseUrl.endsWith(c2.path))).toBe(
        false,
      );
      expect(h.fake.messages(DEFAULT_IDS.general)).toHaveLength(1);
    });
  }

  it("shares in the sharer's language: English for the en owner", async () => {
    const { value } = await privately("special", DEFAULT_IDS.owner);
    await clickShare(value, DEFAULT_IDS.owner);
    const call = await posted(DEFAULT_IDS.general);
    const answer = await fresh(DEFAULT_IDS.owner, "en", "special", "");
    expect(call.body.text).toBe(
      sharedMessage(answer, { cmd: "special", userId: "U" }, createTranslator("en")).text,
    );
    expect(readable(call.body)).toContain("Acceptance has been closed since 1 Apr 2025.");
    expect(readable(call.body)).toContain(`Shared by <@${DEFAULT_IDS.owner}>`);
  });

  it("computes the shared answer afresh, not copied from the earlier private reply", async () => {
    h.now = new Date("2025-03-31T23:00:00+09:00");
    const { body, value } = await privately("special", DEFAULT_IDS.member);
    expect(readable(body)).toContain("受付中です。");

    h.now = new Date("2025-04-01T09:00:00+09:00");
    await clickShare(value, DEFAULT_IDS.member);
    const call = await posted(DEFAULT_IDS.general);
    const text = readable(call.body);
    expect(text).toContain("2025年4月1日以降、新たな受付は終了しています。");
    expect(text).not.toContain("受付中です。");
    const answer = await fresh(DEFAULT_IDS.member, "ja", "special", "");
    const short = sharedMessage(
      answer,
      { cmd: "special", userId: DEFAULT_IDS.member },
      createTranslator("ja"),
    );
    expect(blocksOf(call.body)[0]).toEqual(short.blocks[0]);
  });

  it("posts to a private channel the app is in", async () => {
    const { value } = await privately("about", DEFAULT_IDS.admin);
    await clickShare(value, DEFAULT_IDS.admin, DEFAULT_IDS.compliance);
    const call = await posted(DEFAULT_IDS.compliance);
    expect(call.response).toMatchObject({ ok: true });
    expect(readable(call.body)).toContain("このアプリについて");
  });
});

describe("share where the app cannot post", () => {
  for (const [name, channel] of [
    ["random (public, the app is not a member)", DEFAULT_IDS.random],
    ["secret (private, invisible to the app)", DEFAULT_IDS.secret],
  ] as const) {
    it(`in ${name}: tells the person to invite the app, and posts nothing`, async () => {
      const { value } = await privately("audits", DEFAULT_IDS.member);
      const responseUrl = await clickShare(value, DEFAULT_IDS.member, channel);
      const reply = await repliedTo(responseUrl);
      expect(reply.body.response_type).toBe("ephemeral");
      expect(reply.body.replace_original).toBe(false);
      expect(reply.body.text).toContain("このチャンネルにはアプリが参加していないため共有できません。");
      expect(reply.body.text).toContain("/invite");
      // The bot named as Slack knows it: a mention of its user, which the client shows with its real name.
      expect(reply.body.text).toContain(`<@${h.fake.botUserId}>`);
      expect(reply.body.text).not.toContain("ISMAP-LIUアシスタント");
      expect(h.fake.messages()).toEqual([]);
      expect(h.fake.callsTo("chat.postMessage").every((c) => (c.response as Json).ok === false)).toBe(true);
    });
  }

  it("tells it in English to an English reader", async () => {
    const { value } = await privately("plan", DEFAULT_IDS.owner);
    const reply = await repliedTo(await clickShare(value, DEFAULT_IDS.owner, DEFAULT_IDS.random));
    expect(reply.body.text).toContain("The app is not a member of this channel");
    expect(h.fake.messages()).toEqual([]);
  });
});

describe("a tampered share value", () => {
  const TAMPERED: Array<[string, string]> = [
    ["not JSON", "definitely not json"],
    ["truncated JSON", '{"cmd":"audits","ar'],
    ["an unknown command", JSON.stringify({ cmd: "delete_everything", args: "" })],
    ["a missing args", JSON.stringify({ cmd: "ask" })],
    ["args of the wrong type", JSON.stringify({ cmd: "ask", args: ["<!channel>"] })],
    ["args longer than a button value can be", JSON.stringify({ cmd: "ask", args: "x".repeat(2001) })],
    ["JSON null", "null"],
    ["an array", "[1,2]"],
  ];
  for (const [name, value] of TAMPERED) {
    it(`(${name}) gets a clear message and posts nothing`, async () => {
      const responseUrl = await clickShare(value, DEFAULT_IDS.member);
      const reply = await repliedTo(responseUrl);
      expect(reply.body.response_type).toBe("ephemeral");
      expect(reply.body.text).toBe("この画面は古くなっています。開き直してください。");
      expectNoInternals(reply.body.text as string);
      expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
      expect(h.fake.messages()).toEqual([]);
    });
  }

  it("is answered in English for an English reader", async () => {
    const reply = await repliedTo(await clickShare("garbage", DEFAULT_IDS.owner));
    expect(reply.body.text).toBe("This view is out of date; please open it again.");
  });
});

describe("sharing a question never notifies the channel", () => {
  const MENTIONS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S0123ABCD|@auditors>",
    "<@U0ADMIN001>",
  ];

  for (const question of [
    "<!channel> 内部監査の3年ルールとは",
    "内部監査の3年ルールとは <!here> <!everyone>",
    "<!channel> <!subteam^S0123ABCD|@auditors> <@U0ADMIN001> 明日の天気は？",
  ]) {
    it(`escapes mentions in "${question}"`, async () => {
      const { body, value } = await privately(`ask ${question}`, DEFAULT_IDS.member);
      // What the person sees privately is escaped too (the button's value keeps the words as typed: it is data).
      for (const m of MENTIONS) expect(JSON.stringify(blocksOf(body).slice(0, -1))).not.toContain(m);

      await clickShare(value, DEFAULT_IDS.member);
      const call = await posted(DEFAULT_IDS.general);
      expect(call.response).toMatchObject({ ok: true });
      const sent = JSON.stringify({ text: call.body.text, blocks: call.body.blocks });
      for (const m of MENTIONS) expect(sent).not.toContain(m);
      expect(sent).not.toMatch(/<!/);
      expect(String(call.body.text)).not.toContain("<");
      // The question is still shown, escaped.
      expect(readable(call.body)).toMatch(/&lt;!(channel|here)&gt;/);
    });
  }

  it("escapes mentions even in a value crafted outside the app", async () => {
    await clickShare(
      JSON.stringify({ cmd: "ask", args: "<!channel> ISMAPとは何ですか" }),
      DEFAULT_IDS.member,
    );
    const call = await posted(DEFAULT_IDS.general);
    const sent = JSON.stringify({ text: call.body.text, blocks: call.body.blocks });
    expect(sent).not.toContain("<!channel>");
    expect(readable(call.body)).toContain("&lt;!channel&gt;");
  });
});
