/**
 * Requests that are not Slack's: forged signatures, replays older than 5 minutes, missing headers, bodies changed
 * after signing, wrong content types, bodies over 1 MB and bodies that are not a payload. Each must be refused with
 * a 4xx before any listener runs (the fake Slack sees no call), and the app must keep answering real requests.
 */
import { afterAll, beforeAll, describe } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import {
  appHomeOpened,
  appMention,
  computeSignature,
  messageIm,
  type SlackRequest,
  slashCommand,
  viewJson,
  viewSubmission,
} from "../../dev/slack-requests/index.js";
import { shareClick } from "../support/commands.js";
import { type Harness, SIGNING_SECRET, startHarness } from "../support/harness.js";
import { replyProblem } from "../support/reliability/replies.js";
import { CaseError, type Outcome, reliabilityIt, type Tally } from "../support/reliability/tally.js";

const CATEGORY = "Requests";
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ fake: { maxCalls: 500 } });
});
afterAll(async () => {
  await h?.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every kind of request Slack sends that makes a listener call Slack. */
function kinds(): Array<[string, SlackRequest<unknown>]> {
  return [
    ["slash command", slashCommand(h.fake, { text: "status", user_id: DEFAULT_IDS.admin })],
    ["share click", shareClick(h.fake, { cmd: "help", args: "" })],
    ["mention", appMention(h.fake, { text: `<@${DEFAULT_IDS.bot}> ISMAPとは何ですか` })],
    ["direct message", messageIm(h.fake, { text: "ISMAPとは何ですか" })],
    ["App Home opened", appHomeOpened(h.fake, { user: DEFAULT_IDS.member })],
    [
      "view submission",
      viewSubmission(h.fake, {
        user: { id: DEFAULT_IDS.admin, name: "aiko" },
        view: viewJson(h.fake, { callback_id: "profile_modal", private_metadata: '{"baseRevision":0}' }),
      }),
    ],
  ];
}

interface RawRequest {
  body: string | Buffer;
  headers: Record<string, string>;
}

async function post(request: RawRequest): Promise<{ status: number } | { error: string }> {
  try {
    const response = await fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      headers: request.headers,
      body: request.body,
    });
    await response.arrayBuffer();
    return { status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { error: `${(error as Error).message}${cause ? ` (${cause})` : ""}` };
  }
}

function signed(body: string | Buffer, contentType: string, timestamp = nowSeconds()): RawRequest {
  return {
    body,
    headers: {
      "content-type": contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": computeSignature(SIGNING_SECRET, timestamp, body.toString()),
    },
  };
}

/** Sends a request that must be refused: a 4xx, and no call to Slack from a listener afterwards. */
async function refused(tally: Tally, name: string, request: RawRequest, expected?: number): Promise<Outcome> {
  return tally.run(name, async () => {
    const before = h.fake.calls.length;
    const result = await post(request);
    if ("error" in result) throw new CaseError("crashed", `connection failed: ${result.error}`);
    if (result.status >= 500) throw new CaseError("crashed", `HTTP ${result.status}`);
    if (result.status < 400) return ["other", `accepted with HTTP ${result.status}`];
    if (expected !== undefined && result.status !== expected) {
      return ["other", `HTTP ${result.status}, expected ${expected}`];
    }
    await sleep(30);
    const calls = h.fake.calls.slice(before).map((c) => c.method);
    if (calls.length > 0) return ["other", `a listener ran: ${calls.join(", ")}`];
    return "handled";
  });
}

/** A real command still gets its answer. */
async function sentinel(tally: Tally, name: string): Promise<void> {
  await tally.run(name, async () => {
    const { reply } = await h.command("help", DEFAULT_IDS.admin).catch((error: Error) => {
      throw new CaseError("crashed", `the app no longer answers: ${error.message}`);
    });
    const problem = replyProblem(reply.body);
    return problem ? ["other", problem] : "handled";
  });
}

describe("requests that are not Slack's", () => {
  reliabilityIt(CATEGORY, "forged signatures are refused with 401", async (tally) => {
    for (const [kind, request] of kinds()) {
      const ts = nowSeconds();
      const good = computeSignature(SIGNING_SECRET, ts, request.body);
      const forgeries: Array<[string, string]> = [
        ["wrong secret", computeSignature("not-the-signing-secret", ts, request.body)],
        ["all zeros", `v0=${"0".repeat(64)}`],
        ["empty", ""],
        ["no hash", "v0="],
        ["other version", good.replace(/^v0=/, "v1=")],
        ["upper case", good.toUpperCase()],
        ["longer", `${good}00`],
        ["shorter", good.slice(0, -2)],
        ["other timestamp's", computeSignature(SIGNING_SECRET, ts - 1, request.body)],
      ];
      for (const [what, signature] of forgeries) {
        await refused(
          tally,
          `${kind}, ${what}`,
          {
            body: request.body,
            headers: {
              "content-type": request.contentType,
              "x-slack-request-timestamp": String(ts),
              "x-slack-signature": signature,
            },
          },
          401,
        );
      }
    }
    await sentinel(tally, "a real command afterwards");
  });

  reliabilityIt(CATEGORY, "replays (timestamps older than 5 minutes) are refused with 401", async (tally) => {
    for (const [kind, request] of kinds()) {
      for (const age of [301, 3_600, 86_400, 365 * 86_400]) {
        await refused(
          tally,
          `${kind}, ${age} s old`,
          signed(request.body, request.contentType, nowSeconds() - age),
          401,
        );
      }
    }
    await sentinel(tally, "a real command afterwards");
  });

  reliabilityIt(CATEGORY, "missing or malformed signature headers are refused with 401", async (tally) => {
    for (const [kind, request] of kinds()) {
      const good = signed(request.body, request.contentType);
      const sig = good.headers["x-slack-signature"] as string;
      const ts = good.headers["x-slack-request-timestamp"] as string;
      const variants: Array<[string, Record<string, string>]> = [
        ["no signature headers", {}],
        ["no timestamp", { "x-slack-signature": sig }],
        ["no signature", { "x-slack-request-timestamp": ts }],
        ["timestamp not a number", { "x-slack-request-timestamp": "yesterday", "x-slack-signature": sig }],
        ["empty timestamp", { "x-slack-request-timestamp": "", "x-slack-signature": sig }],
      ];
      for (const [what, headers] of variants) {
        await refused(
          tally,
          `${kind}, ${what}`,
          { body: request.body, headers: { "content-type": request.contentType, ...headers } },
          401,
        );
      }
    }
    await sentinel(tally, "a real command afterwards");
  });

  reliabilityIt(CATEGORY, "bodies changed after signing are refused with 401", async (tally) => {
    for (const [kind, request] of kinds()) {
      const good = signed(request.body, request.contentType);
      const tampered = [
        [
          "a user id changed",
          request.body
            .replace(DEFAULT_IDS.member, DEFAULT_IDS.owner)
            .replace(DEFAULT_IDS.admin, DEFAULT_IDS.owner),
        ],
        ["a character appended", `${request.body}x`],
        ["truncated", request.body.slice(0, -3)],
        ["the team changed", request.body.replaceAll(h.fake.teamId, "T0OTHER001")],
      ] as const;
      for (const [what, body] of tampered) {
        if (body === request.body) continue;
        await refused(tally, `${kind}, ${what}`, { body, headers: good.headers }, 401);
      }
      const ts = Number(good.headers["x-slack-request-timestamp"]);
      await refused(
        tally,
        `${kind}, only the timestamp header changed`,
        { body: request.body, headers: { ...good.headers, "x-slack-request-timestamp": String(ts - 1) } },
        401,
      );
    }
    await sentinel(tally, "a real command afterwards");
  });

  reliabilityIt(
    CATEGORY,
    "correctly signed bodies of the wrong content type are refused with 415",
    async (tally) => {
      for (const [kind, request] of kinds()) {
        for (const contentType of [
          "text/plain",
          "text/html",
          "application/xml",
          "multipart/form-data; boundary=x",
          "application/octet-stream",
          "",
        ]) {
          const raw = signed(request.body, contentType);
          if (contentType === "") delete raw.headers["content-type"];
          await refused(tally, `${kind} as ${contentType || "no content type"}`, raw, 415);
        }
      }
      await sentinel(tally, "a real command afterwards");
    },
  );

  reliabilityIt(CATEGORY, "bodies over 1 MB are refused with 413, signed or not", async (tally) => {
    const command = slashCommand(h.fake, { text: "help", user_id: DEFAULT_IDS.admin });
    const form = (bytes: number) => `${command.body}&pad=${"a".repeat(bytes - command.body.length - 5)}`;
    const emptyJson = JSON.stringify({ type: "event_callback", pad: "" });
    const json = (bytes: number) =>
      JSON.stringify({ type: "event_callback", pad: "b".repeat(bytes - emptyJson.length) });
    for (const bytes of [1024 * 1024 + 1, 1_500_000, 4 * 1024 * 1024 + 10]) {
      await refused(
        tally,
        `form, ${bytes} bytes, signed`,
        signed(form(bytes), "application/x-www-form-urlencoded"),
        413,
      );
      await refused(tally, `JSON, ${bytes} bytes, signed`, signed(json(bytes), "application/json"), 413);
      await refused(
        tally,
        `form, ${bytes} bytes, unsigned`,
        { body: form(bytes), headers: { "content-type": "application/x-www-form-urlencoded" } },
        413,
      );
    }
    // No Content-Length: the size is only known while reading.
    const streamed = form(1_200_000);
    await tally.run("form, 1.2 MB streamed without a length, signed", async () => {
      const headers = signed(streamed, "application/x-www-form-urlencoded").headers;
      const before = h.fake.calls.length;
      const response = await fetch(`${h.baseUrl}/slack/events`, {
        method: "POST",
        headers,
        body: new ReadableStream({
          start(controller) {
            const bytes = new TextEncoder().encode(streamed);
            for (let i = 0; i < bytes.length; i += 64 * 1024)
              controller.enqueue(bytes.slice(i, i + 64 * 1024));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit).catch((error: Error) => {
        throw new CaseError("crashed", error.message);
      });
      await response.arrayBuffer();
      if (response.status >= 500) return ["crashed", `HTTP ${response.status}`];
      if (response.status !== 413) return ["other", `HTTP ${response.status}`];
      await sleep(30);
      return h.fake.calls.length === before ? "handled" : ["other", "a listener ran"];
    });
    // Exactly at the limit is still a request (refused for its signature here: it is not Slack's).
    await refused(
      tally,
      "form of exactly 1 MB with a forged signature (401, not 413)",
      {
        ...signed(form(1024 * 1024), "application/x-www-form-urlencoded"),
        headers: {
          ...signed(form(1024 * 1024), "application/x-www-form-urlencoded").headers,
          "x-slack-signature": `v0=${"1".repeat(64)}`,
        },
      },
      401,
    );
    await sentinel(tally, "a real command afterwards");
  });

  reliabilityIt(
    CATEGORY,
    "correctly signed bodies that are no payload are refused with 400",
    async (tally) => {
      const form = "application/x-www-form-urlencoded";
      const cases: Array<[string, string, string]> = [
        ["JSON null", "null", "application/json"],
        ["JSON number", "42", "application/json"],
        ["JSON string", '"event"', "application/json"],
        ["JSON array", "[1,2]", "application/json"],
        ["broken JSON", '{"type":', "application/json"],
        ["empty JSON body", "", "application/json"],
        ["payload null", "payload=null", form],
        ["payload number", "payload=42", form],
        ["payload array", "payload=%5B%5D", form],
        ["payload not JSON", "payload=%7B%7B%7B", form],
        ["two payloads", `payload=${encodeURIComponent("{}")}&payload=${encodeURIComponent("{}")}`, form],
        ["form as JSON", slashCommand(h.fake, { text: "help" }).body, "application/json"],
      ];
      for (const [what, body, contentType] of cases)
        await refused(tally, what, signed(body, contentType), 400);
      await sentinel(tally, "a real command afterwards");
    },
  );
});
