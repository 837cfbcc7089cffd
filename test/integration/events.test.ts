/**
 * Events API end to end: mentions and direct messages are questions answered where they were asked, the App Home
 * is published when opened, the app ignores its own and other bots' messages, and uninstalls are handled (with a
 * single bot token: harmlessly; with OAuth: the installation is forgotten).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { assertValidSurface, type Surface } from "../../dev/blockkit/validate.js";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import {
  appHomeOpened,
  appMention,
  appUninstalled,
  eventCallback,
  messageIm,
  slashCommand,
  tokensRevoked,
  urlVerification,
} from "../../dev/slack-requests/index.js";
import type { Locale } from "../../src/i18n/locale.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { buildAnswer } from "../../src/slack/flows/answers.js";
import { InstallationNotFoundError, KeyvInstallationStore } from "../../src/store/installation-store.js";
import {
  appCalls,
  blocksOf,
  expectValidMessage,
  fakeInstallation,
  type OAuthApp,
  readable,
  startOAuthApp,
} from "../support/commands.js";
import { type Harness, useHarness } from "../support/harness.js";

type Json = Record<string, unknown>;

const dm = (userId: string): string => `D${userId.slice(1)}`;

function answerTo(h: Harness, userId: string, locale: Locale, question: string) {
  const who = { team: { teamId: h.fake.teamId }, userId, locale, t: createTranslator(locale) };
  return buildAnswer(h.assistant.services, who, "ask", question);
}

describe("events with a single bot token", () => {
  const h = useHarness();

  function postTo(channel: string): Promise<EmulatorCall> {
    return h.fake.waitForCall("chat.postMessage", (call) => call.body.channel === channel, 5000);
  }

  /** A DM question whose answer marks that everything sent before it has been dealt with. */
  async function sentinel(userId: string = DEFAULT_IDS.admin): Promise<EmulatorCall> {
    const response = await h.send(messageIm(h.fake, { user: userId, text: "ISMAPとは何ですか" }));
    expect(response.status).toBe(200);
    return postTo(dm(userId));
  }

  describe("app_mention", () => {
    it("answers the question in a thread under the mention, in the person's language", async () => {
      const request = appMention(h.fake, {
        user: DEFAULT_IDS.member,
        text: `<@${h.fake.botUserId}> 内部監査の3年ルールとは`,
      });
      const response = await h.send(request);
      expect(response.status).toBe(200);
      const call = await postTo(DEFAULT_IDS.general);
      const event = (request.payload as { event: Json }).event;

      expect(call.response).toMatchObject({ ok: true });
      expect(call.body.thread_ts).toBe(event.ts);
      expectValidMessage(call.body);
      const answer = await answerTo(h, DEFAULT_IDS.member, "ja", "内部監査の3年ルールとは");
      expect(call.body.text).toBe(answer.text);
      // The answer of /ismap ask, then Slack's feedback buttons.
      expect(blocksOf(call.body).slice(0, -1)).toEqual(answer.blocks);
      expect(blocksOf(call.body).at(-1)).toMatchObject({ type: "context_actions" });
      expect(readable(call.body)).toContain("直近3年間に少なくとも1回は内部監査");
      expect(h.fake.messages(DEFAULT_IDS.general)).toHaveLength(1);
    });

    it("answers in English for an English reader, keeping the thread it was asked in", async () => {
      const threadTs = "1764118000.000200";
      await h.send(
        eventCallback(h.fake, {
          type: "app_mention",
          user: DEFAULT_IDS.owner,
          text: `<@${h.fake.botUserId}> What is ISMAP-LIU?`,
          ts: "1764118800.000300",
          thread_ts: threadTs,
          channel: DEFAULT_IDS.general,
          event_ts: "1764118800.000300",
        }),
      );
      const call = await postTo(DEFAULT_IDS.general);
      expect(call.body.thread_ts).toBe(threadTs);
      expect(readable(call.body)).toContain("ISMAP for Low-Impact Use");
    });

    it("prompts for a question when the mention has none", async () => {
      await h.send(appMention(h.fake, { user: DEFAULT_IDS.member, text: `<@${h.fake.botUserId}>` }));
      const call = await postTo(DEFAULT_IDS.general);
      expect(readable(call.body)).toContain("質問を続けて入力してください");
      expectValidMessage(call.body);
    });

    it("prompts for a question when a (malformed) mention event carries no text at all", async () => {
      const ts = "1764100000.000200";
      await h.send(
        eventCallback(h.fake, {
          type: "app_mention",
          user: DEFAULT_IDS.member,
          channel: DEFAULT_IDS.general,
          ts,
        }),
      );
      const call = await postTo(DEFAULT_IDS.general);
      expect(readable(call.body)).toContain("質問を続けて入力してください");
      expect(call.body.thread_ts).toBe(ts);
    });

    it("never repeats a channel mention from the question", async () => {
      await h.send(
        appMention(h.fake, {
          user: DEFAULT_IDS.member,
          text: `<@${h.fake.botUserId}> <!channel> <!here> 内部監査の3年ルールとは`,
        }),
      );
      const call = await postTo(DEFAULT_IDS.general);
      const sent = JSON.stringify({ text: call.body.text, blocks: call.body.blocks });
      expect(sent).not.toContain("<!channel>");
      expect(sent).not.toContain("<!here>");
      expect(sent).not.toContain(`<@${h.fake.botUserId}>`);
    });
  });

  describe("direct messages (message.im)", () => {
    it("answers in the DM, not in a thread", async () => {
      await h.send(messageIm(h.fake, { user: DEFAULT_IDS.member, text: "内部監査の3年ルールとは" }));
      const call = await postTo(dm(DEFAULT_IDS.member));
      expect(call.response).toMatchObject({ ok: true });
      expect(call.body.thread_ts).toBeUndefined();
      expectValidMessage(call.body);
      const answer = await answerTo(h, DEFAULT_IDS.member, "ja", "内部監査の3年ルールとは");
      expect(call.body.text).toBe(answer.text);
      // The answer of /ismap ask, then Slack's feedback buttons.
      expect(blocksOf(call.body).slice(0, -1)).toEqual(answer.blocks);
      expect(blocksOf(call.body).at(-1)).toMatchObject({ type: "context_actions" });
    });

    it("answers an English reader in English, and an off-topic question honestly", async () => {
      await h.send(messageIm(h.fake, { user: DEFAULT_IDS.guest, text: "What's the weather like tomorrow?" }));
      const call = await postTo(dm(DEFAULT_IDS.guest));
      expect(readable(call.body)).toContain("I could not find a clear answer to that.");
      expect(readable(call.body)).toContain("Closest topics");
    });

    it("ignores the bot's own messages, other bots' messages and message subtypes", async () => {
      const ignored: Json[] = [
        // The app's own message in its DM with a person.
        { type: "message", channel_type: "im", user: h.fake.botUserId, text: "ISMAPとは何ですか" },
        // Another bot (bot_id, with and without the bot_message subtype).
        {
          type: "message",
          channel_type: "im",
          subtype: "bot_message",
          bot_id: "B0OTHERBOT",
          text: "ISMAPとは何ですか",
        },
        {
          type: "message",
          channel_type: "im",
          user: "U0OTHERBOT",
          bot_id: "B0OTHERBOT",
          text: "ISMAPとは何ですか",
        },
        // Our own bot_id.
        {
          type: "message",
          channel_type: "im",
          user: h.fake.botUserId,
          bot_id: h.fake.botId,
          text: "ISMAPとは何ですか",
        },
        // Edits, deletions and other subtypes are not new questions.
        {
          type: "message",
          channel_type: "im",
          subtype: "message_changed",
          message: {
            type: "message",
            user: DEFAULT_IDS.member,
            text: "ISMAPとは何ですか",
            ts: "1764118800.000100",
          },
          previous_message: {
            type: "message",
            user: DEFAULT_IDS.member,
            text: "ISMAP",
            ts: "1764118800.000100",
          },
        },
        {
          type: "message",
          channel_type: "im",
          subtype: "message_deleted",
          deleted_ts: "1764118800.000100",
          previous_message: {
            type: "message",
            user: DEFAULT_IDS.member,
            text: "ISMAP",
            ts: "1764118800.000100",
          },
        },
        {
          type: "message",
          channel_type: "im",
          subtype: "file_share",
          user: DEFAULT_IDS.member,
          text: "ISMAPとは何ですか",
        },
        {
          type: "message",
          channel_type: "im",
          subtype: "me_message",
          user: DEFAULT_IDS.member,
          text: "ISMAP?",
        },
        // A message in a channel (not a DM): only mentions are questions there.
        { type: "message", channel_type: "channel", user: DEFAULT_IDS.member, text: "ISMAPとは何ですか" },
      ];
      for (const [i, fields] of ignored.entries()) {
        const ts = `1764118800.00${String(i).padStart(4, "0")}`;
        const channel = fields.channel_type === "channel" ? DEFAULT_IDS.general : dm(DEFAULT_IDS.member);
        const response = await h.send(eventCallback(h.fake, { channel, ts, event_ts: ts, ...fields }));
        expect(response.status).toBe(200);
      }
      await sentinel(DEFAULT_IDS.admin);
      const posts = h.fake.callsTo("chat.postMessage");
      expect(posts).toHaveLength(1);
      expect(posts[0]?.body.channel).toBe(dm(DEFAULT_IDS.admin));
      expect(h.fake.callsTo("users.info").map((c) => c.body.user)).toEqual([DEFAULT_IDS.admin]);
    });

    it("answers a mention once, though Slack also sends the same text as a channel message", async () => {
      const ts = "1764118800.000900";
      const text = `<@${h.fake.botUserId}> ISMAPとは何ですか`;
      await h.send(
        eventCallback(h.fake, {
          type: "message",
          channel_type: "channel",
          channel: DEFAULT_IDS.general,
          user: DEFAULT_IDS.member,
          text,
          ts,
          event_ts: ts,
        }),
      );
      await h.send(
        eventCallback(h.fake, {
          type: "app_mention",
          channel: DEFAULT_IDS.general,
          user: DEFAULT_IDS.member,
          text,
          ts,
          event_ts: ts,
        }),
      );
      await postTo(DEFAULT_IDS.general);
      await sentinel();
      expect(h.fake.messages(DEFAULT_IDS.general)).toHaveLength(1);
    });
  });

  describe("app_home_opened", () => {
    it("publishes a valid Home tab for the person who opened it", async () => {
      for (const user of [DEFAULT_IDS.member, DEFAULT_IDS.owner]) {
        await h.send(appHomeOpened(h.fake, { user, tab: "home" }));
        const call = await h.fake.waitForCall("views.publish", (c) => c.body.user_id === user, 5000);
        expect(call.response).toMatchObject({ ok: true });
        const view = call.body.view as Json;
        expect(view.type).toBe("home");
        assertValidSurface(view as unknown as Surface);
        expect(h.fake.homeView(user)).toBeDefined();
      }
    });

    it("does nothing when the Messages tab is opened", async () => {
      await h.send(appHomeOpened(h.fake, { user: DEFAULT_IDS.member, tab: "messages" }));
      await h.send(appHomeOpened(h.fake, { user: DEFAULT_IDS.admin, tab: "home" }));
      await h.fake.waitForCall("views.publish", (c) => c.body.user_id === DEFAULT_IDS.admin, 5000);
      await sentinel(DEFAULT_IDS.owner);
      expect(h.fake.callsTo("views.publish").map((c) => c.body.user_id)).toEqual([DEFAULT_IDS.admin]);
      expect(h.fake.homeView(DEFAULT_IDS.member)).toBeUndefined();
    });
  });

  it("answers Slack's url_verification handshake with the challenge", async () => {
    const request = urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    const response = await h.send(request);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
    expect(appCalls(h.fake)).toEqual([]);
  });

  it("takes app_uninstalled and tokens_revoked in its stride, and keeps answering", async () => {
    expect((await h.send(appUninstalled(h.fake))).status).toBe(200);
    expect((await h.send(tokensRevoked(h.fake))).status).toBe(200);
    expect((await h.send(tokensRevoked(h.fake, { oauth: [DEFAULT_IDS.owner] }))).status).toBe(200);
    await sentinel();
    const { reply } = await h.command("help", DEFAULT_IDS.member);
    expect(readable(reply.body)).toContain("ISMAP-LIUアシスタントの使い方");
    expect(appCalls(h.fake).map((c) => c.method)).toEqual([
      "users.info",
      "chat.postMessage",
      "users.info",
      "response_url",
    ]);
  });
});

describe("events with OAuth (many workspaces)", () => {
  let o: OAuthApp;
  let installations: KeyvInstallationStore;
  const query = (teamId: string, userId?: string) => ({
    teamId,
    enterpriseId: undefined,
    isEnterpriseInstall: false,
    ...(userId ? { userId } : {}),
  });

  beforeEach(async () => {
    o = await startOAuthApp();
    installations = new KeyvInstallationStore(o.assistant.store);
    await installations.storeInstallation(fakeInstallation(o.fake));
  });
  afterEach(async () => {
    await o.close();
  });

  async function command(text: string) {
    const request = slashCommand(o.fake, { text, user_id: DEFAULT_IDS.member });
    const response = await o.send(request);
    expect(response.status).toBe(200);
    const url = request.payload.response_url;
    return o.fake.waitForCall("response_url", (call) => url.endsWith(call.path), 5000);
  }

  it("authorizes requests with the stored installation", async () => {
    const reply = await command("help");
    expect(readable(reply.body)).toContain("ISMAP-LIUアシスタントの使い方");
    expect(reply.body.response_type).toBe("ephemeral");
    // The client Bolt gave the listener carries the installation's bot token.
    expect(o.fake.callsTo("users.info")[0]?.token).toBe(o.fake.botToken);
  });

  it("forgets the installation on app_uninstalled, after which requests are no longer authorized", async () => {
    await command("help");
    const response = await o.send(appUninstalled(o.fake));
    expect(response.status).toBe(200);
    await vi.waitFor(
      async () => {
        await expect(installations.fetchInstallation(query(o.fake.teamId))).rejects.toBeInstanceOf(
          InstallationNotFoundError,
        );
      },
      { timeout: 5000, interval: 20 },
    );
    expect(await o.assistant.store.get(`installation:-:${o.fake.teamId}`)).toBeUndefined();

    // A command now finds no installation: Bolt acknowledges it and no listener runs.
    const before = o.fake.calls.length;
    const request = slashCommand(o.fake, { text: "help", user_id: DEFAULT_IDS.member });
    const after = await o.send(request);
    expect(after.status).toBeLessThan(500);
    expect(o.fake.calls.slice(before).filter((c) => c.method !== "auth.test")).toEqual([]);
  });

  it("on tokens_revoked removes the revoked user token and keeps the bot's", async () => {
    await installations.storeInstallation({
      ...fakeInstallation(o.fake),
      user: { id: DEFAULT_IDS.owner, token: "xoxp-owner-token", scopes: ["identify"] },
    });
    expect((await installations.fetchInstallation(query(o.fake.teamId, DEFAULT_IDS.owner))).user.token).toBe(
      "xoxp-owner-token",
    );
    const response = await o.send(tokensRevoked(o.fake, { oauth: [DEFAULT_IDS.owner] }));
    expect(response.status).toBe(200);
    await vi.waitFor(
      async () => {
        const installation = await installations.fetchInstallation(query(o.fake.teamId, DEFAULT_IDS.owner));
        expect(installation.user.token).toBeUndefined();
      },
      { timeout: 5000, interval: 20 },
    );
    const installation = await installations.fetchInstallation(query(o.fake.teamId));
    expect(installation.bot?.token).toBe(o.fake.botToken);
    // Still installed: commands are answered.
    expect(readable((await command("help")).body)).toContain("ISMAP-LIUアシスタントの使い方");
  });

  it("on tokens_revoked for the bot token forgets an installation left with no token", async () => {
    const response = await o.send(tokensRevoked(o.fake, { bot: [o.fake.botUserId] }));
    expect(response.status).toBe(200);
    await vi.waitFor(
      async () => {
        await expect(installations.fetchInstallation(query(o.fake.teamId))).rejects.toBeInstanceOf(
          InstallationNotFoundError,
        );
      },
      { timeout: 5000, interval: 20 },
    );
  });
});
