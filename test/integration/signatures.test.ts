/**
 * Request signing end to end: whatever reaches `/slack/events` without Slack's valid, fresh v0 signature is refused
 * with 401 before any listener runs, so nothing reaches the (fake) Slack Web API or a response_url.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import {
  appMention,
  computeSignature,
  eventCallback,
  messageIm,
  type SlackRequest,
  sendSigned,
  slashCommand,
  urlVerification,
} from "../../dev/slack-requests/index.js";
import { appCalls, shareClick } from "../support/commands.js";
import { type Harness, SIGNING_SECRET, startHarness } from "../support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The kinds of request Slack sends, each of which would make the app call Slack if it ran. */
function requests(): Array<[string, SlackRequest<unknown>]> {
  return [
    ["a slash command", slashCommand(h.fake, { text: "audits", user_id: DEFAULT_IDS.member })],
    ["a share click", shareClick(h.fake, { cmd: "help", args: "" })],
    ["a mention", appMention(h.fake, { text: `<@${DEFAULT_IDS.bot}> ISMAPとは何ですか` })],
    ["a direct message", messageIm(h.fake, { text: "ISMAPとは何ですか" })],
    [
      "an App Home opening",
      eventCallback(h.fake, {
        type: "app_home_opened",
        user: DEFAULT_IDS.member,
        channel: "D0MEMBER01",
        tab: "home",
        event_ts: `${nowSeconds()}.000100`,
      }),
    ],
  ];
}

/**
 * Proves nothing ran for the refused requests: a valid command sent afterwards is answered, and the only calls the
 * fake saw are that command's.
 */
async function expectNothingRan(): Promise<void> {
  expect(appCalls(h.fake)).toEqual([]);
  const { reply } = await h.command("help", DEFAULT_IDS.admin);
  expect(reply.body.response_type).toBe("ephemeral");
  const calls = appCalls(h.fake);
  expect(calls.filter((c) => c.method === "response_url")).toEqual([reply]);
  // At most the sentinel's own users.info (the app caches it between tests).
  for (const call of calls.filter((c) => c.method !== "response_url")) {
    expect([call.method, call.body.user]).toEqual(["users.info", DEFAULT_IDS.admin]);
  }
}

async function post(request: SlackRequest<unknown>, headers: Record<string, string>) {
  const response = await fetch(`${h.baseUrl}/slack/events`, {
    method: "POST",
    headers: { "content-type": request.contentType, ...headers },
    body: request.body,
  });
  return { status: response.status, body: await response.text() };
}

describe("a request signed with the wrong secret", () => {
  it("is refused with 401, for every kind of request", async () => {
    for (const [name, request] of requests()) {
      const response = await sendSigned(h.baseUrl, request.body, request.contentType, {
        secret: "not-the-signing-secret",
      });
      expect(response.status, name).toBe(401);
    }
    await expectNothingRan();
  });

  it("is refused with a made-up or wrongly versioned signature", async () => {
    const [, command] = requests()[0] as [string, SlackRequest<unknown>];
    const ts = nowSeconds();
    const good = computeSignature(SIGNING_SECRET, ts, command.body);
    for (const signature of [
      "v0=0000000000000000000000000000000000000000000000000000000000000000",
      "v0=",
      "v0",
      "",
      good.replace(/^v0=/, "v1="),
      good.toUpperCase(),
      `${good}00`,
    ]) {
      const response = await sendSigned(h.baseUrl, command.body, command.contentType, {
        secret: SIGNING_SECRET,
        timestamp: ts,
        signature,
      });
      expect(response.status, signature).toBe(401);
    }
    await expectNothingRan();
  });
});

describe("a body changed after signing", () => {
  it("is refused with 401", async () => {
    for (const [name, request] of requests()) {
      const ts = nowSeconds();
      const signature = computeSignature(SIGNING_SECRET, ts, request.body);
      const tampered = request.body.includes("ISMAP")
        ? request.body.replace("ISMAP", "LIU")
        : request.body.replace(DEFAULT_IDS.member, DEFAULT_IDS.owner);
      expect(tampered, name).not.toBe(request.body);
      const response = await sendSigned(h.baseUrl, tampered, request.contentType, {
        secret: SIGNING_SECRET,
        timestamp: ts,
        signature,
      });
      expect(response.status, name).toBe(401);
    }
    await expectNothingRan();
  });

  it("is refused when only the timestamp header was changed", async () => {
    const [, command] = requests()[0] as [string, SlackRequest<unknown>];
    const ts = nowSeconds() - 10;
    const signature = computeSignature(SIGNING_SECRET, ts, command.body);
    const response = await sendSigned(h.baseUrl, command.body, command.contentType, {
      secret: SIGNING_SECRET,
      timestamp: ts + 1,
      signature,
    });
    expect(response.status).toBe(401);
    await expectNothingRan();
  });
});

describe("a replayed request", () => {
  it("with a correctly signed timestamp older than 5 minutes is refused with 401", async () => {
    for (const [name, request] of requests()) {
      const response = await sendSigned(h.baseUrl, request.body, request.contentType, {
        secret: SIGNING_SECRET,
        timestamp: nowSeconds() - 301,
      });
      expect(response.status, name).toBe(401);
    }
    const [, command] = requests()[0] as [string, SlackRequest<unknown>];
    const dayOld = await sendSigned(h.baseUrl, command.body, command.contentType, {
      secret: SIGNING_SECRET,
      timestamp: nowSeconds() - 86_400,
    });
    expect(dayOld.status).toBe(401);
    await expectNothingRan();
  });

  it("within the 5 minutes is accepted (the window is not shorter than Slack's)", async () => {
    const request = slashCommand(h.fake, { text: "help", user_id: DEFAULT_IDS.member });
    const response = await sendSigned(h.baseUrl, request.body, request.contentType, {
      secret: SIGNING_SECRET,
      timestamp: nowSeconds() - 240,
    });
    expect(response.status).toBe(200);
    const url = request.payload.response_url;
    await h.fake.waitForCall("response_url", (call) => url.endsWith(call.path), 5000);
  });
});

describe("a request without the signature headers", () => {
  it("is refused with 401 when both, or either, are missing", async () => {
    for (const [name, request] of requests()) {
      const ts = nowSeconds();
      const signature = computeSignature(SIGNING_SECRET, ts, request.body);
      expect((await post(request, {})).status, `${name}: no headers`).toBe(401);
      expect((await post(request, { "x-slack-signature": signature })).status, `${name}: no timestamp`).toBe(
        401,
      );
      expect(
        (await post(request, { "x-slack-request-timestamp": String(ts) })).status,
        `${name}: no signature`,
      ).toBe(401);
      expect(
        (await post(request, { "x-slack-request-timestamp": "yesterday", "x-slack-signature": signature }))
          .status,
        `${name}: timestamp not a number`,
      ).toBe(401);
    }
    await expectNothingRan();
  });
});

describe("url_verification", () => {
  it("is answered only when signed", async () => {
    const request = urlVerification("challenge-abc");
    const forged = await sendSigned(h.baseUrl, request.body, request.contentType, { secret: "wrong" });
    expect(forged.status).toBe(401);
    expect(forged.body).not.toContain("challenge-abc");
    const unsigned = await post(request, {});
    expect(unsigned.status).toBe(401);
    const signed = await h.send(request);
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body)).toEqual({ challenge: "challenge-abc" });
  });
});
