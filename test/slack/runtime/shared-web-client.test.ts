/**
 * One shared Web API client seen as each workspace's own, against the Slack emulator: every call carries the view's
 * token and team, whichever way it is made (a method, apiCall, paginate, a file upload), and Bolt's per-workspace
 * pools hand out such views instead of new clients.
 */
import { App, LogLevel } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../../dev/slack-emulator/index.js";
import { clientFor, shareOneWebClient } from "../../../src/slack/runtime/shared-web-client.js";

const TOKEN_A = "xoxb-team-a-token";
const TOKEN_B = "xoxb-team-b-token";

let fake: SlackEmulator;
let shared: WebClient;
let channel: string;
beforeAll(async () => {
  fake = await startSlackEmulator({ tokens: [TOKEN_A, TOKEN_B] });
  channel = fake.channels()[0]?.id ?? "";
  shared = new WebClient(undefined, { slackApiUrl: fake.url, logLevel: LogLevel.ERROR });
});
afterAll(async () => {
  await fake.close();
});

/** The calls made while `run` ran. */
async function callsDuring(run: () => Promise<unknown>) {
  const since = fake.calls.length;
  await run();
  return fake.calls.slice(since);
}

describe("clientFor", () => {
  it("sends the view's token and team with a method of any API family, and says them when asked", async () => {
    const a = clientFor(shared, TOKEN_A, "T0A");
    const b = clientFor(shared, TOKEN_B, "T0B");
    const calls = await callsDuring(async () => {
      await a.auth.test();
      await b.auth.test();
      await a.chat.postMessage({ channel, text: "hello" });
    });
    expect(calls.map((c) => [c.method, c.token, c.body.team_id])).toEqual([
      ["auth.test", TOKEN_A, "T0A"],
      ["auth.test", TOKEN_B, "T0B"],
      ["chat.postMessage", TOKEN_A, "T0A"],
    ]);
    expect([a.token, b.token, (a as unknown as { teamId: string }).teamId]).toEqual([
      TOKEN_A,
      TOKEN_B,
      "T0A",
    ]);
    expect(a).toBeInstanceOf(WebClient);
    expect(shared.token).toBeUndefined();
  });

  it("leaves out team_id without a team, and lets a call's own token and team win", async () => {
    const calls = await callsDuring(async () => {
      await clientFor(shared, TOKEN_A).auth.test();
      await clientFor(shared, TOKEN_A, "T0A").auth.test({ token: TOKEN_B, team_id: "T0B" } as {
        token: string;
      });
    });
    expect(calls.map((c) => [c.token, c.body.team_id])).toEqual([
      [TOKEN_A, undefined],
      [TOKEN_B, "T0B"],
    ]);
  });

  it("carries them through apiCall, paginate and a file upload", async () => {
    const a = clientFor(shared, TOKEN_A, "T0A");
    const calls = await callsDuring(async () => {
      await a.apiCall("auth.test");
      for await (const _page of a.paginate("conversations.members", { channel })) break;
      await a.filesUploadV2({ channel_id: channel, filename: "x.txt", content: "x" });
    });
    expect(calls.map((c) => c.method)).toEqual(
      expect.arrayContaining([
        "auth.test",
        "conversations.members",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
      ]),
    );
    expect(calls.filter((c) => c.token !== TOKEN_A).map((c) => c.method)).toEqual([]);
  });

  it("leaves what is not an API family as it is: the logger is the shared client's", () => {
    const a = clientFor(shared, TOKEN_A, "T0A");
    expect(a.slackApiUrl).toBe(shared.slackApiUrl);
    expect((a as unknown as { logger: unknown }).logger).toBe(
      (shared as unknown as { logger: unknown }).logger,
    );
  });
});

describe("shareOneWebClient", () => {
  it("makes Bolt give each workspace a view of one client, with that workspace's token and team", async () => {
    const app = new App({ token: TOKEN_A, signingSecret: "s", deferInitialization: true });
    shareOneWebClient(app);
    type Pool = { getOrCreate(token: string, options: { teamId?: string; slackApiUrl?: string }): WebClient };
    const pools = (app as unknown as { clients: Record<string, Pool> }).clients;
    const a = pools.T0A?.getOrCreate(TOKEN_A, { teamId: "T0A", slackApiUrl: fake.url }) as WebClient;
    const b = pools.T0B?.getOrCreate(TOKEN_B, { teamId: "T0B", slackApiUrl: fake.url }) as WebClient;
    const again = pools.T0A?.getOrCreate(TOKEN_A, { teamId: "T0A", slackApiUrl: fake.url }) as WebClient;
    const calls = await callsDuring(async () => {
      await a.auth.test();
      await b.auth.test();
    });
    expect(calls.map((c) => [c.token, c.body.team_id])).toEqual([
      [TOKEN_A, "T0A"],
      [TOKEN_B, "T0B"],
    ]);
    // Both views share one client: its request queue, hence its one keep-alive fetch and concurrency limit.
    const queue = (client: WebClient) => (client as unknown as { requestQueue: unknown }).requestQueue;
    expect(queue(a)).toBe(queue(b));
    expect(queue(again)).toBe(queue(a));
  });

  it("refuses an App without Bolt's client pools", () => {
    expect(() => shareOneWebClient({})).toThrow(/keeps no `clients` pool/);
  });
});
