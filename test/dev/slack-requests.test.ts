import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, verifySlackRequest } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import {
  appHomeOpened,
  appMention,
  appUninstalled,
  blockActions,
  blockSuggestion,
  computeSignature,
  messageIm,
  sendRequest,
  sendSigned,
  slashCommand,
  tokensRevoked,
  urlVerification,
  viewClosed,
  viewJson,
  viewSubmission,
} from "../../dev/slack-requests/index.js";
import { silentLogger } from "../support/fixtures.js";

const SECRET = "fake-signing-secret";

let fake: SlackEmulator;
let app: App;
let server: Server;
let baseUrl: string;
/** Listener names in the order they ran; listeners record before ack() so a test sees them once answered. */
let ran: string[] = [];
let seen: Record<string, unknown> = {};

const wizard = {
  type: "modal" as const,
  callback_id: "wizard",
  title: { type: "plain_text" as const, text: "ISMAP-LIU" },
  submit: { type: "plain_text" as const, text: "Next" },
  blocks: [
    {
      type: "input" as const,
      block_id: "name",
      label: { type: "plain_text" as const, text: "Service" },
      element: { type: "plain_text_input" as const, action_id: "value" },
    },
  ],
};

function registerListeners(bolt: App): void {
  bolt.command("/ismap", async ({ ack, command, client, respond }) => {
    ran.push("command");
    await ack();
    if (command.text === "respond") {
      await respond({ response_type: "ephemeral", text: "via response_url" });
      return;
    }
    await client.chat.postEphemeral({
      channel: command.channel_id,
      user: command.user_id,
      text: `ismap ${command.text}`,
    });
  });
  bolt.action("open_wizard", async ({ ack, body, client }) => {
    ran.push("action");
    await ack();
    const triggerId = (body as { trigger_id: string }).trigger_id;
    await client.views.open({ trigger_id: triggerId, view: wizard });
  });
  bolt.view("wizard", async ({ ack, view }) => {
    ran.push("view_submission");
    seen.values = view.state.values;
    await ack();
  });
  bolt.view({ callback_id: "wizard", type: "view_closed" }, async ({ ack }) => {
    ran.push("view_closed");
    await ack();
  });
  bolt.options("service_search", async ({ ack, body }) => {
    ran.push("options");
    await ack({ options: [{ text: { type: "plain_text", text: `match: ${body.value}` }, value: "svc-1" }] });
  });
  bolt.event("app_home_opened", async ({ event, client }) => {
    ran.push("app_home_opened");
    await client.views.publish({
      user_id: event.user,
      view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Welcome" } }] },
    });
  });
  bolt.event("app_mention", async ({ event, say }) => {
    ran.push("app_mention");
    await say({ text: `hello <@${event.user}>`, channel: event.channel });
  });
  bolt.message(async ({ message, say }) => {
    ran.push("message");
    seen.message = message;
    await say("got it");
  });
  bolt.event("app_uninstalled", async () => {
    ran.push("app_uninstalled");
  });
  bolt.event("tokens_revoked", async ({ event }) => {
    ran.push("tokens_revoked");
    seen.revoked = event.tokens;
  });
}

beforeAll(async () => {
  fake = await startSlackEmulator();
  app = new App({
    token: fake.botToken,
    signingSecret: SECRET,
    logger: silentLogger,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  });
  registerListeners(app);
  server = await app.start({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.stop();
  await fake.close();
});

beforeEach(() => {
  fake.clearFaults();
  ran = [];
  seen = {};
});

describe("request signing", () => {
  it("computes the v0 signature Bolt verifies", () => {
    const body = "command=%2Fismap&text=help";
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = computeSignature(SECRET, timestamp, body);
    expect(signature).toMatch(/^v0=[0-9a-f]{64}$/);
    const headers = { "x-slack-signature": signature, "x-slack-request-timestamp": timestamp };
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: "other-secret", body, headers })).toThrow(
      /signature mismatch/,
    );
  });
});

describe("signed requests against a real Bolt app and the fake Slack", () => {
  it("a signed slash command gets 200 and the listener's chat.postEphemeral reaches the fake", async () => {
    const command = slashCommand(fake, { text: "help" });
    expect(command.payload).toMatchObject({
      command: "/ismap",
      team_id: fake.teamId,
      user_id: DEFAULT_IDS.member,
    });
    const response = await sendSigned(baseUrl, command.body, command.contentType, { secret: SECRET });
    expect(response.status).toBe(200);
    const call = await fake.waitForCall("chat.postEphemeral");
    expect(call.body).toMatchObject({
      channel: DEFAULT_IDS.general,
      user: DEFAULT_IDS.member,
      text: "ismap help",
    });
    expect(call.response).toMatchObject({ ok: true });
    expect(ran).toEqual(["command"]);
  });

  it("a forged signature gets 401 and no listener runs", async () => {
    const before = fake.callsTo("chat.postEphemeral").length;
    const command = slashCommand(fake, { text: "forged" });
    const forged = computeSignature("not-the-secret", Math.floor(Date.now() / 1000), command.body);
    const response = await sendRequest(baseUrl, command, { secret: SECRET, signature: forged });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual([]);
    expect(fake.callsTo("chat.postEphemeral")).toHaveLength(before);
  });

  it("a body altered after signing gets 401", async () => {
    const command = slashCommand(fake, { text: "a" });
    const signature = computeSignature(SECRET, Math.floor(Date.now() / 1000), command.body);
    const response = await sendSigned(baseUrl, `${command.body}b`, command.contentType, {
      secret: SECRET,
      signature,
    });
    expect(response.status).toBe(401);
    expect(ran).toEqual([]);
  });

  it("a correctly signed request older than 5 minutes gets 401 and no listener runs", async () => {
    const command = slashCommand(fake, { text: "replay" });
    const timestamp = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    const response = await sendRequest(baseUrl, command, { secret: SECRET, timestamp });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual([]);
  });

  it("respond() posts to the response_url on the fake", async () => {
    const command = slashCommand(fake, { text: "respond" });
    expect((await sendRequest(baseUrl, command, { secret: SECRET })).status).toBe(200);
    const call = await fake.waitForCall("response_url", (c) => c.body.text === "via response_url");
    expect(call.path).toBe(new URL(command.payload.response_url).pathname);
  });

  it("a block_actions click carries a trigger_id the fake accepts for views.open", async () => {
    const click = blockActions(fake, {
      actions: [{ type: "button", action_id: "open_wizard", block_id: "start", value: "go" }],
    });
    expect((await sendRequest(baseUrl, click, { secret: SECRET })).status).toBe(200);
    const call = await fake.waitForCall("views.open");
    expect(call.response).toMatchObject({ ok: true, view: { callback_id: "wizard" } });
  });

  it("a view_submission reaches the view listener with its state values", async () => {
    const opened = await app.client.views.open({ trigger_id: fake.issueTriggerId(), view: wizard });
    const view = fake.view(opened.view?.id as string) ?? {};
    const values = { name: { value: { type: "plain_text_input", value: "Kumo Cloud" } } };
    const response = await sendRequest(baseUrl, viewSubmission(fake, { view, values }), { secret: SECRET });
    expect(response.status).toBe(200);
    expect(ran).toEqual(["view_submission"]);
    expect(seen.values).toEqual(values);
  });

  it("a view_closed reaches the view_closed listener", async () => {
    const view = viewJson(fake, { callback_id: "wizard" });
    expect((await sendRequest(baseUrl, viewClosed(fake, { view }), { secret: SECRET })).status).toBe(200);
    expect(ran).toEqual(["view_closed"]);
  });

  it("a block_suggestion is answered with the listener's options", async () => {
    const request = blockSuggestion(fake, { actionId: "service_search", blockId: "svc", value: "kumo" });
    const response = await sendRequest(baseUrl, request, { secret: SECRET });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      options: [{ text: { type: "plain_text", text: "match: kumo" }, value: "svc-1" }],
    });
  });

  it("app_home_opened leads to views.publish for that user", async () => {
    const event = appHomeOpened(fake, { user: DEFAULT_IDS.admin });
    expect((await sendRequest(baseUrl, event, { secret: SECRET })).status).toBe(200);
    const call = await fake.waitForCall("views.publish", (c) => c.body.user_id === DEFAULT_IDS.admin);
    expect(call.response).toMatchObject({ ok: true });
    expect(fake.homeView(DEFAULT_IDS.admin)).toBeDefined();
  });

  it("app_mention leads to a reply in the channel", async () => {
    const event = appMention(fake, { user: DEFAULT_IDS.owner, channel: DEFAULT_IDS.general });
    expect((await sendRequest(baseUrl, event, { secret: SECRET })).status).toBe(200);
    const call = await fake.waitForCall(
      "chat.postMessage",
      (c) => c.body.text === `hello <@${DEFAULT_IDS.owner}>`,
    );
    expect(call.body.channel).toBe(DEFAULT_IDS.general);
  });

  it("message.im reaches the message listener and say() answers in the DM", async () => {
    const event = messageIm(fake, { user: DEFAULT_IDS.member, text: "help me" });
    expect((await sendRequest(baseUrl, event, { secret: SECRET })).status).toBe(200);
    const call = await fake.waitForCall("chat.postMessage", (c) => c.body.text === "got it");
    expect(call.body.channel).toBe(`D${DEFAULT_IDS.member.slice(1)}`);
    expect(seen.message).toMatchObject({ channel_type: "im", text: "help me" });
  });

  it("app_uninstalled and tokens_revoked reach their listeners", async () => {
    expect((await sendRequest(baseUrl, appUninstalled(fake), { secret: SECRET })).status).toBe(200);
    expect((await sendRequest(baseUrl, tokensRevoked(fake), { secret: SECRET })).status).toBe(200);
    await expect.poll(() => ran).toEqual(["app_uninstalled", "tokens_revoked"]);
    expect(seen.revoked).toEqual({ oauth: [], bot: [fake.botUserId] });
  });

  it("url_verification is answered with the challenge", async () => {
    const request = urlVerification("c-123");
    const response = await sendRequest(baseUrl, request, { secret: SECRET });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ challenge: "c-123" });
  });
});
