/**
 * One shared Web API client seen as each workspace's own, against the Slack emulator: every call carries the view's
 * token and team, whichever way it is made (a method, apiCall, paginate, a file upload), and Bolt's per-workspace
 * pools hand out such views instead of new clients.
 */
import { App, LogLevel } from "@slack/bolt";
import { ErrorCode, WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../../dev/slack-emulator/index.js";
import {
  clientFor,
  RATE_LIMIT_RETRIES,
  RateLimitGate,
  shareOneWebClient,
} from "../../../src/slack/runtime/shared-web-client.js";

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

/** A Bolt App given shareOneWebClient; the client its pools hand out for a workspace's token, as processEvent asks. */
function boltClients(): (token: string, teamId: string) => WebClient {
  const app = new App({ token: TOKEN_A, signingSecret: "s", deferInitialization: true });
  shareOneWebClient(app);
  type Pool = { getOrCreate(token: string, options: { teamId?: string; slackApiUrl?: string }): WebClient };
  const pools = (app as unknown as { clients: Record<string, Pool> }).clients;
  return (token, teamId) => pools[teamId]?.getOrCreate(token, { teamId, slackApiUrl: fake.url }) as WebClient;
}

describe("shareOneWebClient", () => {
  it("makes Bolt give each workspace a view of one client, with that workspace's token and team", async () => {
    const clientOf = boltClients();
    const a = clientOf(TOKEN_A, "T0A");
    const b = clientOf(TOKEN_B, "T0B");
    const again = clientOf(TOKEN_A, "T0A");
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

describe("rate limits, per workspace", () => {
  it("holds back only the limited workspace: another one's call goes through meanwhile", async () => {
    const clientOf = boltClients();
    const a = clientOf(TOKEN_A, "T0A");
    const b = clientOf(TOKEN_B, "T0B");
    const since = fake.calls.length;
    fake.failNext("auth.test", { status: 429, retryAfter: 30 });
    // Slack says wait 30 s: a client pausing its queue for everyone would make B's calls miss the test's 5 s.
    const aFirst = a.auth.test();
    aFirst.catch(() => undefined);
    await fake.waitForCall("auth.test", (c) => c.token === TOKEN_A, 5_000);
    await b.auth.test();
    await b.chat.postMessage({ channel, text: "B goes on" });
    expect(fake.calls.slice(since).map((c) => [c.method, c.token, c.status])).toEqual([
      ["auth.test", TOKEN_A, 429],
      ["auth.test", TOKEN_B, 200],
      ["chat.postMessage", TOKEN_B, 200],
    ]);
  });

  it("fails a call at once without a gate (views.open's trigger client)", async () => {
    const limited = new WebClient(undefined, { slackApiUrl: fake.url, rejectRateLimitedCalls: true });
    fake.failNext("auth.test", { status: 429, retryAfter: 30 });
    await expect(clientFor(limited, TOKEN_A).auth.test()).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 30,
    });
  });
});

describe("RateLimitGate", () => {
  const limitedFor = (seconds: number) =>
    Object.assign(new Error("ratelimited"), {
      code: ErrorCode.RateLimitedError,
      retryAfter: seconds,
    });

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits Retry-After, holds the workspace's other calls until then, and gives up after RATE_LIMIT_RETRIES", async () => {
    const gate = new RateLimitGate();
    const tries: number[] = [];
    const alwaysLimited = gate.run(TOKEN_A, async () => {
      tries.push(Date.now());
      throw limitedFor(10);
    });
    const outcome = alwaysLimited.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(0);
    const started = Date.now();
    let sameTeamRanAt: number | undefined;
    const sameTeam = gate.run(TOKEN_A, async () => {
      sameTeamRanAt = Date.now();
    });
    let otherTeamRanAt: number | undefined;
    await gate.run(TOKEN_B, async () => {
      otherTeamRanAt = Date.now();
    });
    expect(otherTeamRanAt).toBe(started);
    await vi.advanceTimersByTimeAsync(30_000);
    await sameTeam;
    expect(sameTeamRanAt).toBe(started + 10_000);
    expect(await outcome).toMatchObject({ code: ErrorCode.RateLimitedError });
    expect(tries.map((at) => at - (tries[0] ?? 0))).toEqual([0, 10_000, 20_000]);
    expect(tries).toHaveLength(RATE_LIMIT_RETRIES + 1);
  });

  it("passes other failures through at once", async () => {
    const gate = new RateLimitGate();
    let tries = 0;
    const failing = gate.run(TOKEN_A, async () => {
      tries++;
      throw new Error("channel_not_found");
    });
    await expect(failing).rejects.toThrow("channel_not_found");
    expect(tries).toBe(1);
  });
});
