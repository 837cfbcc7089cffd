/**
 * The fake Slack Web API (dev/slack-emulator/) through the real @slack/web-api client.
 * Long because: one emulator, started once, for every method family it fakes; they share the client helpers below.
 */
import { ErrorCode, WebClient, type WebClientOptions } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { silentLogger } from "../support/fixtures.js";

let fake: SlackEmulator;
let client: WebClient;

const clientFor = (token: string | undefined, options: WebClientOptions = {}): WebClient =>
  new WebClient(token, {
    slackApiUrl: fake.url,
    logger: silentLogger,
    retryConfig: { retries: 0 },
    ...options,
  });

/** The Slack error code a Web API call failed with. */
async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string } };
    if (e.code === ErrorCode.PlatformError && e.data?.error) return e.data.error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const plain = (text: string) => ({ type: "plain_text" as const, text });
const modalView = (title = "ISMAP-LIU", extra: Record<string, unknown> = {}) => ({
  type: "modal" as const,
  title: plain(title),
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text: "hello" } }],
  ...extra,
});
const homeView = (text = "home") => ({
  type: "home" as const,
  blocks: [{ type: "section" as const, text: { type: "mrkdwn" as const, text } }],
});

beforeAll(async () => {
  fake = await startSlackEmulator();
  client = clientFor(fake.botToken);
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
});

describe("fake Slack: connection and auth", () => {
  it("serves the Web API under a base URL ending in /api/", async () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: fake.teamId,
      user_id: fake.botUserId,
      bot_id: fake.botId,
    });
  });

  it("answers invalid_auth for an unknown or revoked token and not_authed for none", async () => {
    expect(await slackError(clientFor("xoxb-wrong").auth.test())).toBe("invalid_auth");
    expect(await slackError(clientFor(undefined).auth.test())).toBe("not_authed");
    fake.revokeToken(fake.botToken);
    expect(await slackError(client.auth.test())).toBe("invalid_auth");
  });

  it("answers unknown_method for methods it does not implement", async () => {
    expect(await slackError(client.apiCall("admin.apps.approve"))).toBe("unknown_method");
  });

  it("accepts JSON bodies with the token in the Authorization header", async () => {
    const response = await fetch(`${fake.url}team.info`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${fake.botToken}` },
      body: JSON.stringify({}),
    });
    expect(await response.json()).toMatchObject({ ok: true, team: { id: fake.teamId } });
  });

  it("answers team.info", async () => {
    const result = await client.team.info();
    expect(result.team).toMatchObject({ id: fake.teamId, domain: fake.teamDomain });
  });
});

describe("fake Slack: users and conversations", () => {
  it("returns the locale only when include_locale is set, with admin and owner flags", async () => {
    const bare = await client.users.info({ user: DEFAULT_IDS.owner });
    expect(bare.user).toMatchObject({ id: DEFAULT_IDS.owner, is_admin: true, is_owner: true });
    expect(bare.user?.locale).toBeUndefined();
    const withLocale = await client.users.info({ user: DEFAULT_IDS.admin, include_locale: true });
    expect(withLocale.user).toMatchObject({ locale: "ja-JP", is_admin: true, is_owner: false });
    expect(await slackError(client.users.info({ user: "U0NOBODY00" }))).toBe("user_not_found");
  });

  it("hides private channels the bot is not in", async () => {
    const info = await client.conversations.info({ channel: DEFAULT_IDS.compliance });
    expect(info.channel).toMatchObject({ id: DEFAULT_IDS.compliance, is_private: true, is_member: true });
    expect(await slackError(client.conversations.info({ channel: DEFAULT_IDS.secret }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(client.conversations.info({ channel: "C0NOPE0000" }))).toBe("channel_not_found");
  });

  it("pages conversations.members with cursors", async () => {
    const pages: string[][] = [];
    for await (const page of client.paginate("conversations.members", {
      channel: DEFAULT_IDS.general,
      limit: 3,
    })) {
      pages.push((page as unknown as { members: string[] }).members);
    }
    expect(pages).toEqual([[DEFAULT_IDS.bot, DEFAULT_IDS.admin, DEFAULT_IDS.owner], [DEFAULT_IDS.member]]);
  });

  it("joins public channels only", async () => {
    const joined = await client.conversations.join({ channel: DEFAULT_IDS.random });
    expect(joined.channel).toMatchObject({ id: DEFAULT_IDS.random, is_member: true });
    await expect(client.chat.postMessage({ channel: DEFAULT_IDS.random, text: "hi" })).resolves.toMatchObject(
      {
        ok: true,
      },
    );
    expect(await slackError(client.conversations.join({ channel: DEFAULT_IDS.compliance }))).toBe(
      "method_not_supported_for_channel_type",
    );
  });
});

describe("fake Slack: chat.*", () => {
  it("posts to a channel the bot is in and records the parsed blocks", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*hi*" } }];
    const result = await client.chat.postMessage({ channel: DEFAULT_IDS.general, text: "hi", blocks });
    expect(result).toMatchObject({ ok: true, channel: DEFAULT_IDS.general, message: { text: "hi", blocks } });
    const [call] = fake.callsTo("chat.postMessage");
    expect(call?.body).toMatchObject({ channel: DEFAULT_IDS.general, text: "hi", blocks });
    expect(call?.token).toBe(fake.botToken);
    expect(fake.messages(DEFAULT_IDS.general)).toHaveLength(1);
  });

  it("answers not_in_channel, channel_not_found and no_text like Slack", async () => {
    expect(await slackError(client.chat.postMessage({ channel: DEFAULT_IDS.random, text: "x" }))).toBe(
      "not_in_channel",
    );
    expect(await slackError(client.chat.postMessage({ channel: DEFAULT_IDS.secret, text: "x" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(client.chat.postMessage({ channel: "C0NOPE0000", text: "x" }))).toBe(
      "channel_not_found",
    );
    expect(await slackError(client.apiCall("chat.postMessage", { channel: DEFAULT_IDS.general }))).toBe(
      "no_text",
    );
  });

  it("posts to a user's DM by user id", async () => {
    const result = await client.chat.postMessage({ channel: DEFAULT_IDS.guest, text: "reminder" });
    expect(result.channel).toBe(`D${DEFAULT_IDS.guest.slice(1)}`);
  });

  it("rejects invalid blocks with invalid_blocks and Slack-style messages", async () => {
    const blocks = [{ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }];
    try {
      await client.chat.postMessage({ channel: DEFAULT_IDS.general, text: "t", blocks });
      expect.unreachable();
    } catch (error) {
      const data = (error as { data: { error: string; response_metadata: { messages: string[] } } }).data;
      expect(data.error).toBe("invalid_blocks");
      expect(data.response_metadata.messages).toEqual([
        "[ERROR] header text is 151 characters; Slack allows at most 150 [json-pointer:/blocks/0/text/text]",
      ]);
    }
  });

  it("truncates text past 40,000 characters with a message_truncated warning", async () => {
    const result = await client.chat.postMessage({ channel: DEFAULT_IDS.general, text: "y".repeat(40_010) });
    expect(result.ok).toBe(true);
    expect(result.response_metadata?.warnings).toEqual(["message_truncated"]);
    expect(result.message?.text).toHaveLength(40_000);
  });

  it("posts ephemerals only to users in the channel", async () => {
    const result = await client.chat.postEphemeral({
      channel: DEFAULT_IDS.general,
      user: DEFAULT_IDS.member,
      text: "psst",
    });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fake.messages(DEFAULT_IDS.general)).toEqual([
      expect.objectContaining({ text: "psst", ephemeralTo: DEFAULT_IDS.member }),
    ]);
    expect(
      await slackError(
        client.chat.postEphemeral({ channel: DEFAULT_IDS.general, user: DEFAULT_IDS.guest, text: "x" }),
      ),
    ).toBe("user_not_in_channel");
    expect(
      await slackError(
        client.chat.postEphemeral({ channel: DEFAULT_IDS.random, user: DEFAULT_IDS.member, text: "x" }),
      ),
    ).toBe("not_in_channel");
  });

  it("updates and deletes messages it has seen, message_not_found otherwise", async () => {
    const posted = await client.chat.postMessage({ channel: DEFAULT_IDS.general, text: "v1" });
    const ts = posted.ts as string;
    const updated = await client.chat.update({ channel: DEFAULT_IDS.general, ts, text: "v2" });
    expect(updated).toMatchObject({ ok: true, ts, text: "v2" });
    expect(fake.messages(DEFAULT_IDS.general)[0]?.text).toBe("v2");
    await client.chat.delete({ channel: DEFAULT_IDS.general, ts });
    expect(fake.messages(DEFAULT_IDS.general)).toEqual([]);
    expect(await slackError(client.chat.update({ channel: DEFAULT_IDS.general, ts, text: "v3" }))).toBe(
      "message_not_found",
    );
    expect(await slackError(client.chat.delete({ channel: DEFAULT_IDS.general, ts }))).toBe(
      "message_not_found",
    );
  });
});

describe("fake Slack: views.*", () => {
  it("accepts a trigger_id once, then answers expired_trigger_id", async () => {
    const trigger = fake.issueTriggerId({ userId: DEFAULT_IDS.member });
    const opened = await client.views.open({ trigger_id: trigger, view: modalView() });
    expect(opened.view).toMatchObject({
      type: "modal",
      root_view_id: opened.view?.id,
      previous_view_id: null,
    });
    expect(opened.view?.hash).toMatch(/^\d+\.[0-9a-f]{8}$/);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modalView() }))).toBe(
      "expired_trigger_id",
    );
    expect(await slackError(client.views.open({ trigger_id: "1.2.unknown", view: modalView() }))).toBe(
      "expired_trigger_id",
    );
  });

  it("expires triggers after their TTL", async () => {
    const trigger = fake.issueTriggerId({ ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modalView() }))).toBe(
      "expired_trigger_id",
    );
  });

  it("rejects an invalid view with invalid_blocks without spending the trigger", async () => {
    const trigger = fake.issueTriggerId();
    const tooLong = modalView("This title is far too long for Slack");
    expect(await slackError(client.views.open({ trigger_id: trigger, view: tooLong }))).toBe(
      "invalid_blocks",
    );
    const call = await fake.waitForCall("views.open");
    expect(call.response).toMatchObject({
      response_metadata: { messages: [expect.stringContaining("[json-pointer:/view/title/text]")] },
    });
    await expect(client.views.open({ trigger_id: trigger, view: modalView() })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("updates a view with its current hash and answers hash_conflict for a stale one", async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTriggerId(), view: modalView() });
    const { id, hash } = opened.view as { id: string; hash: string };
    const updated = await client.views.update({ view_id: id, hash, view: modalView("Step 2") });
    expect(updated.view).toMatchObject({ id, title: plain("Step 2") });
    expect(updated.view?.hash).not.toBe(hash);
    expect(await slackError(client.views.update({ view_id: id, hash, view: modalView("Step 3") }))).toBe(
      "hash_conflict",
    );
    expect(fake.view(id)?.title).toEqual(plain("Step 2"));
    expect(await slackError(client.views.update({ view_id: "V0NOPE", view: modalView() }))).toBe("not_found");
  });

  it("updates by external_id", async () => {
    await client.views.open({
      trigger_id: fake.issueTriggerId(),
      view: modalView("One", { external_id: "wiz-1" }),
    });
    const updated = await client.views.update({ external_id: "wiz-1", view: modalView("Two") });
    expect(updated.view?.title).toEqual(plain("Two"));
  });

  it("stacks at most three views and then answers push_limit_reached", async () => {
    const root = (await client.views.open({ trigger_id: fake.issueTriggerId(), view: modalView("1") })).view;
    const rootId = root?.id as string;
    let top = rootId;
    for (const title of ["2", "3"]) {
      const pushed = await client.views.push({
        trigger_id: fake.issueTriggerId({ viewId: top }),
        view: modalView(title),
      });
      expect(pushed.view).toMatchObject({ root_view_id: rootId, previous_view_id: top });
      top = pushed.view?.id as string;
    }
    expect(fake.viewStack(rootId)).toHaveLength(3);
    expect(
      await slackError(
        client.views.push({ trigger_id: fake.issueTriggerId({ viewId: top }), view: modalView("4") }),
      ),
    ).toBe("push_limit_reached");
  });

  it("publishes Home tabs per user with hash checks", async () => {
    const first = await client.views.publish({ user_id: DEFAULT_IDS.member, view: homeView("one") });
    const { id, hash } = first.view as { id: string; hash: string };
    const second = await client.views.publish({ user_id: DEFAULT_IDS.member, hash, view: homeView("two") });
    expect(second.view?.id).toBe(id);
    expect(fake.homeView(DEFAULT_IDS.member)?.blocks).toEqual(homeView("two").blocks);
    expect(
      await slackError(client.views.publish({ user_id: DEFAULT_IDS.member, hash, view: homeView() })),
    ).toBe("hash_conflict");
    expect(await slackError(client.views.publish({ user_id: "U0NOBODY00", view: homeView() }))).toBe(
      "user_not_found",
    );
    expect(
      await slackError(client.apiCall("views.publish", { user_id: DEFAULT_IDS.member, view: modalView() })),
    ).toBe("invalid_arguments");
  });
});

describe("fake Slack: recording", () => {
  it("records calls with method, parsed body and time, and forgets them on reset", async () => {
    const before = new Date();
    await client.users.info({ user: DEFAULT_IDS.member, include_locale: true });
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.callsTo("users.info");
    expect(call).toMatchObject({ method: "users.info", status: 200, body: { user: DEFAULT_IDS.member } });
    expect(call?.time.getTime()).toBeGreaterThanOrEqual(before.getTime());
    fake.reset();
    expect(fake.calls).toEqual([]);
  });

  it("waitForCall resolves when a matching call arrives later", async () => {
    const waiting = fake.waitForCall("chat.postMessage", (c) => c.body.text === "second", 1000);
    await client.chat.postMessage({ channel: DEFAULT_IDS.general, text: "first" });
    await client.chat.postMessage({ channel: DEFAULT_IDS.general, text: "second" });
    const call = await waiting;
    expect(call.body.text).toBe("second");
    expect(call.response).toMatchObject({ ok: true });
  });

  it("waitForCall rejects with the calls seen so far on timeout", async () => {
    await client.auth.test();
    await expect(fake.waitForCall("views.open", undefined, 50)).rejects.toThrow(
      "Slack emulator: no matching call to views.open within 50 ms; calls so far: auth.test (200)",
    );
  });

  it("records posts to a response_url and validates their blocks", async () => {
    const url = fake.responseUrl();
    const ok = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", text: "done" }),
    });
    expect(await ok.json()).toEqual({ ok: true });
    const bad = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x", blocks: [{ type: "nonsense" }] }),
    });
    expect(await bad.json()).toMatchObject({ ok: false, error: "invalid_blocks" });
    const calls = fake.callsTo("response_url");
    expect(calls.map((c) => c.body.text)).toEqual(["done", "x"]);
    expect(calls[0]?.path).toBe(new URL(url).pathname);
  });
});

describe("fake Slack: fault injection", () => {
  it("failNext answers an error once, then behaves normally", async () => {
    fake.failNext("views.open", { error: "expired_trigger_id" });
    expect(
      await slackError(client.views.open({ trigger_id: fake.issueTriggerId(), view: modalView() })),
    ).toBe("expired_trigger_id");
    await expect(
      client.views.open({ trigger_id: fake.issueTriggerId(), view: modalView() }),
    ).resolves.toMatchObject({ ok: true });
  });

  it("failAlways keeps failing until clearFaults, and * matches any method", async () => {
    fake.failAlways("*", { error: "fatal_error" });
    expect(await slackError(client.auth.test())).toBe("fatal_error");
    expect(await slackError(client.team.info())).toBe("fatal_error");
    fake.clearFaults();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
  });

  it("answers 429 with Retry-After, which the WebClient waits out and retries", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 0 });
    const retrying = clientFor(fake.botToken, { retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 1 } });
    await expect(
      retrying.chat.postMessage({ channel: DEFAULT_IDS.general, text: "hi" }),
    ).resolves.toMatchObject({
      ok: true,
    });
    expect(fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([429, 200]);
  });

  it("waits the Retry-After seconds before retrying", async () => {
    fake.failNext("auth.test", { status: 429, retryAfter: 1 });
    const retrying = clientFor(fake.botToken, { retryConfig: { retries: 1, minTimeout: 1, maxTimeout: 1 } });
    await retrying.auth.test();
    const [first, second] = fake.callsTo("auth.test");
    expect((second?.time.getTime() ?? 0) - (first?.time.getTime() ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("lets a client that rejects rate-limited calls see the 429", async () => {
    fake.failNext("auth.test", { status: 429, retryAfter: 7 });
    const strict = clientFor(fake.botToken, { rejectRateLimitedCalls: true });
    await expect(strict.auth.test()).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
  });

  it("answers HTTP 500, which the WebClient retries", async () => {
    fake.failNext("team.info", { status: 500 }, 2);
    const retrying = clientFor(fake.botToken, { retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 1 } });
    await expect(retrying.team.info()).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo("team.info").map((c) => c.status)).toEqual([500, 500, 200]);
    fake.failNext("team.info", { status: 503 });
    await expect(client.team.info()).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
  });

  it("delays an answer by delayMs", async () => {
    fake.failNext("auth.test", { delayMs: 150 });
    const started = Date.now();
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("files", () => {
  it("takes files.uploadV2 (upload URL, bytes, completion) into a DM, keeps the bytes and serves them with a token", async () => {
    const opened = await client.conversations.open({ users: DEFAULT_IDS.admin });
    const channel = opened.channel?.id as string;
    expect(channel).toBe(`D${DEFAULT_IDS.admin.slice(1)}`);
    const bytes = Buffer.from("\uFEFF種別,実施日\r\n", "utf8");
    await client.files.uploadV2({
      channel_id: channel,
      initial_comment: "one line",
      file_uploads: [{ file: bytes, filename: "a.csv" }],
    });
    const [file] = fake.files();
    expect(file?.name).toBe("a.csv");
    expect(file?.bytes.equals(bytes)).toBe(true);
    expect(fake.messages(channel).at(-1)).toMatchObject({
      text: "one line",
      files: [{ id: file?.id, name: "a.csv" }],
    });

    const info = await client.files.info({ file: file?.id as string });
    const url = info.file?.url_private_download as string;
    const withToken = await fetch(url, {
      headers: { authorization: `Bearer ${fake.botToken}` },
      redirect: "manual",
    });
    expect(Buffer.from(await withToken.arrayBuffer()).equals(bytes)).toBe(true);
    const withoutToken = await fetch(url, { redirect: "manual" });
    expect(withoutToken.status).toBe(302);
  });

  it("refuses to complete an upload whose bytes never came, and files.info of an unknown file", async () => {
    const { file_id } = await client.files.getUploadURLExternal({ filename: "x.xlsx", length: 10 });
    expect(
      await slackError(client.files.completeUploadExternal({ files: [{ id: file_id as string }] })),
    ).toBe("file_not_found");
    expect(await slackError(client.files.info({ file: "F0NOPE" }))).toBe("file_not_found");
  });

  it("serves a file a person gave in a file_input like an uploaded one", async () => {
    const given = fake.addFile({ name: "past.xlsx", bytes: Buffer.from("PK") });
    expect(given).toMatchObject({ name: "past.xlsx", filetype: "xlsx", size: 2 });
    const info = await client.files.info({ file: String(given.id) });
    expect(info.file?.url_private_download).toBe(given.url_private_download);
  });
});
