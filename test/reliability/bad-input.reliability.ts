/**
 * Bad input. `/ismap` text from fast-check (10,000 cases: most through the real listener in-process via Bolt's
 * processEvent, about 300 over signed HTTP, plus shares and mentions of some): control characters, very long text,
 * emoji, RTL, full-width spaces and digits, SQL and mrkdwn injection, mass mentions. Every case must get one valid,
 * clearly worded reply (or its modal), never a crash, and nothing the app sends may contain an unescaped
 * `<!channel>`, `<!here>` or `<!everyone>`.
 *
 * Then malformed interactivity payloads (missing fields, unknown action ids, stale private_metadata, another
 * team's view): a clear message or a 4xx, never a 5xx or a crash, and the team's data untouched.
 *
 * Long because: one category of the reliability summary; splitting it would split the counts it reports.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe } from "vitest";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import {
  appMention,
  blockActions,
  blockSuggestion,
  type SlackRequest,
  showAcknowledgement,
  slashCommand,
  viewClosed,
  viewJson,
  viewSubmission,
} from "../../dev/slack-requests/index.js";
import { normalizeInput } from "../../src/slack/contract/command-parser.js";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { type Harness, startHarness } from "../support/harness.js";
import { massMentionIn, replyProblem, viewProblems } from "../support/reliability/replies.js";
import { CaseError, type Outcome, reliabilityIt, type Tally } from "../support/reliability/tally.js";

const CATEGORY = "Bad input";
const TOTAL_TEXT_CASES = Number(process.env.RELIABILITY_TEXT_CASES ?? 10_000);
const HTTP_SAMPLE = 300;
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261126);
type Json = Record<string, unknown>;

let h: Harness;
beforeAll(async () => {
  // Keep only recent calls: 10,000 replies with their blocks would otherwise fill the memory.
  h = await startHarness({ fake: { maxCalls: 3000 } });
});
afterAll(async () => {
  await h?.close();
});

const USERS = [DEFAULT_IDS.admin, DEFAULT_IDS.owner, DEFAULT_IDS.member, DEFAULT_IDS.guest];

// ---------------------------------------------------------------- what people type

const WORDS = [
  "",
  "help",
  "ヘルプ",
  "check",
  "判定",
  "audits",
  "監査",
  "special",
  "特別措置",
  "profile",
  "profile show",
  "profile history",
  "プロファイル 表示",
  "record",
  "plan",
  "計画",
  "status",
  "状況",
  "ask",
  "質問",
  "lang",
  "lang en",
  "言語",
  "remind",
  "remind list",
  "リマインダー 一覧",
  "about",
  "情報",
  "ＨＥＬＰ",
  "ｓｔａｔｕｓ",
];

const NASTY = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<!channel|@channel>",
  "<!subteam^S0123ABC|@compliance>",
  "@channel",
  "@here",
  "<@U0ADMIN001>",
  "<#C0GENERAL1|general>",
  "<https://evil.example/|click here>",
  "<mailto:a@b.c|mail>",
  "*bold*",
  "_italic_",
  "~strike~",
  "`code`",
  "```block```",
  "> quote",
  "&lt;!channel&gt;",
  "&amp;lt;!here&amp;gt;",
  "&",
  "<",
  ">",
  "'; DROP TABLE keyv; --",
  '" OR 1=1 --',
  "1; DELETE FROM keyv WHERE 1=1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text a person might type
  "${process.exit(1)}",
  "{{constructor.constructor('return process')()}}",
  "__proto__",
  "constructor",
  '{"__proto__":{"admin":true}}',
  "<script>alert(1)</script>",
  "\u202Eevil\u202C",
  "\u2066isolate\u2069",
  "مرحبا بالعالم",
  "שלום עולם",
  "\u200F\u200E\u200B",
  "ｃｈｅｃｋ",
  "ＡＳＫ\u3000質問",
  "１２３４５６７８９０",
  "\u3000",
  "\u3000\u3000\u3000",
  "😀",
  "👨‍👩‍👧‍👦",
  "🇯🇵",
  "e\u0301",
  "\uD800",
  "\uDFFF",
  "\u0000",
  "\u0007\u0008",
  "\u001b[31mred",
  "\r\n",
  "\t",
  "\u2028\u2029",
  "\uFEFF",
  "ISMAPとは何ですか",
  "LIUの対象は？",
  "undefined",
  "null",
  "NaN",
  "-1",
  "99999999999999999999",
];

const controlChars = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  maxLength: 12,
});
const fullWidth = fc.string({
  unit: fc.constantFrom("\u3000", "０", "１", "９", "Ａ", "ｚ", "！", "？", "＜", "＞", "＆", "＠"),
  maxLength: 12,
});
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 1, arbitrary: controlChars },
  { weight: 1, arbitrary: fullWidth },
);
const separator = fc.constantFrom(" ", "", "\u3000", "\n", "\t", "  ");
const pieces = fc.tuple(fc.array(piece, { maxLength: 8 }), separator).map(([parts, sep]) => parts.join(sep));
const longText = fc
  .tuple(fc.constantFrom(...WORDS), fc.string({ unit: "grapheme", minLength: 3_000, maxLength: 9_000 }))
  .map(([word, rest]) => `${word} ${rest}`);
const repeated = fc
  .tuple(fc.constantFrom(...WORDS), fc.constantFrom(...NASTY), fc.integer({ min: 50, max: 1_500 }))
  .map(([word, nasty, n]) => `${word} ${nasty.repeat(n)}`);
/** `/ismap` text: mostly a subcommand followed by something nasty, sometimes only nasty, sometimes huge. */
const commandText = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.constantFrom(...WORDS), pieces).map(([w, rest]) => `${w} ${rest}`) },
  { weight: 6, arbitrary: pieces },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: repeated },
);

const show = (text: string) =>
  JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…(${text.length})` : text);
const echoedOf = (text: string) => `${text}\n${normalizeInput(text)}`;

// ---------------------------------------------------------------- one case

/** Calls made for a request, found by its response_url / trigger_id among the fake's recent calls. */
function callsFor(
  responseUrl: string,
  triggerId: string,
): { replies: EmulatorCall[]; opens: EmulatorCall[] } {
  const path = new URL(responseUrl).pathname;
  const replies: EmulatorCall[] = [];
  const opens: EmulatorCall[] = [];
  for (const call of h.fake.calls) {
    if (call.method === "response_url" && call.path === path) replies.push(call);
    else if (call.method === "views.open" && call.body.trigger_id === triggerId) opens.push(call);
  }
  return { replies, opens };
}

/** Judges what the app sent for one command: exactly one valid clear reply, or a modal it opened. */
function judge(
  text: string,
  found: { replies: EmulatorCall[]; opens: EmulatorCall[] },
): Outcome | [Outcome, string] {
  const { replies, opens } = found;
  if (replies.length === 0 && opens.length === 0) return ["lost", `no reply to ${show(text)}`];
  if (replies.length > 1) return ["other", `${replies.length} replies to ${show(text)}`];
  for (const reply of replies) {
    if ((reply.response as Json | undefined)?.ok !== true) {
      return ["other", `the fake refused the reply to ${show(text)}: ${JSON.stringify(reply.response)}`];
    }
    const problem = replyProblem(reply.body, echoedOf(text));
    if (problem) return ["other", `${problem} — input ${show(text)}`];
  }
  for (const open of opens) {
    if ((open.response as Json | undefined)?.ok !== true) {
      return ["other", `views.open failed for ${show(text)}: ${JSON.stringify(open.response)}`];
    }
    const mention = massMentionIn(open.body.view);
    if (mention) return ["other", `mass mention in a modal for ${show(text)}`];
  }
  return "handled";
}

/** One command through the real listener, without HTTP: Bolt's processEvent with the parsed form body. */
async function inProcess(tally: Tally, text: string, index: number): Promise<void> {
  await tally.run(`in-process ${show(text)}`, async () => {
    const request = slashCommand(h.fake, { text, user_id: USERS[index % USERS.length] as string });
    try {
      await h.assistant.app.processEvent({
        body: request.payload,
        ack: (answer) => showAcknowledgement(request.payload, answer),
      });
    } catch (error) {
      throw new CaseError("crashed", `the listener threw for ${show(text)}: ${(error as Error).message}`);
    }
    let found = callsFor(request.payload.response_url, request.payload.trigger_id);
    // A modal's views.open is awaited by the listener; a reply is too. Allow a moment for stragglers.
    for (let i = 0; i < 20 && found.replies.length === 0 && found.opens.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      found = callsFor(request.payload.response_url, request.payload.trigger_id);
    }
    return judge(text, found);
  });
}

/** One command over signed HTTP, as Slack sends it. */
async function overHttp(tally: Tally, text: string, index: number): Promise<void> {
  await tally.run(`HTTP ${show(text)}`, async () => {
    const request = slashCommand(h.fake, { text, user_id: USERS[index % USERS.length] as string });
    const response = await h.send(request).catch((error: Error) => {
      throw new CaseError("crashed", `connection failed for ${show(text)}: ${error.message}`);
    });
    if (response.status >= 500) return ["crashed", `HTTP ${response.status} for ${show(text)}`];
    if (response.status !== 200) return ["other", `HTTP ${response.status} for ${show(text)}`];
    const path = new URL(request.payload.response_url).pathname;
    const reply = await Promise.race([
      h.fake.waitForCall("response_url", (c) => c.path === path, 5_000),
      h.fake.waitForCall("views.open", (c) => c.body.trigger_id === request.payload.trigger_id, 5_000),
    ]).catch(() => undefined);
    if (!reply) return ["lost", `no reply within 5 s to ${show(text)}`];
    await new Promise((resolve) => setTimeout(resolve, 50));
    return judge(text, callsFor(request.payload.response_url, request.payload.trigger_id));
  });
}

async function pool<T>(
  items: T[],
  n: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

describe("/ismap text from fast-check", () => {
  reliabilityIt(
    CATEGORY,
    `${TOTAL_TEXT_CASES} texts: a valid, clear reply each, never a mass mention (seed ${SEED})`,
    async (tally) => {
      const texts = fc.sample(commandText, { numRuns: TOTAL_TEXT_CASES, seed: SEED });
      const http = texts.slice(0, HTTP_SAMPLE);
      const local = texts.slice(HTTP_SAMPLE);
      await pool(http, 4, (text, i) => overHttp(tally, text, i));
      await pool(local, 4, (text, i) => inProcess(tally, text, i));
    },
    240_000,
  );

  reliabilityIt(
    CATEGORY,
    "shared answers and mentions with nasty text never notify the channel",
    async (tally) => {
      // Positions in the fake's call log are used below: start from an empty log.
      h.fake.reset();
      const texts = fc.sample(pieces, { numRuns: 60, seed: SEED + 1 });
      for (const [i, text] of texts.entries()) {
        // "Share in channel" of an `ask` answer posts the person's words to the channel.
        await tally.run(`share of ask ${show(text)}`, async () => {
          const before = h.fake.calls.length;
          const response = await h.send(
            blockActions(h.fake, {
              user: { id: USERS[i % USERS.length] as string, name: "someone" },
              actions: [
                {
                  action_id: ACTION.share,
                  block_id: "share",
                  type: "button",
                  value: JSON.stringify({ cmd: "ask", args: text.slice(0, 2000) }),
                },
              ],
            }),
          );
          if (response.status >= 500) return ["crashed", `HTTP ${response.status}`];
          const post = await h.fake
            .waitForCall("chat.postMessage", (c) => h.fake.calls.indexOf(c) >= before, 5_000)
            .catch(() =>
              h.fake
                .waitForCall("response_url", (c) => h.fake.calls.indexOf(c) >= before, 1_000)
                .catch(() => undefined),
            );
          if (!post) return ["lost", "nothing posted"];
          const problem = replyProblem(post.body, echoedOf(text));
          return problem ? ["other", problem] : "handled";
        });
        await tally.run(`mention ${show(text)}`, async () => {
          const request = appMention(h.fake, {
            user: USERS[i % USERS.length] as string,
            text: `<@${DEFAULT_IDS.bot}> ${text}`,
          });
          const ts = (request.payload as { event: { ts: string } }).event.ts;
          const response = await h.send(request);
          if (response.status >= 500) return ["crashed", `HTTP ${response.status}`];
          const post = await h.fake
            .waitForCall("chat.postMessage", (c) => c.body.thread_ts === ts, 5_000)
            .catch(() => undefined);
          if (!post) return ["lost", "no answer to the mention"];
          const problem = replyProblem(post.body, echoedOf(text));
          return problem ? ["other", problem] : "handled";
        });
      }
    },
  );
});

// ---------------------------------------------------------------- malformed interactivity

function interactivity(payload: unknown): SlackRequest<unknown> {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded",
    payload,
  };
}

/** A clear answer (valid, no internals) or a 4xx; a 5xx or a dead connection is a crash. */
async function malformed(tally: Tally, name: string, request: SlackRequest<unknown>): Promise<void> {
  await tally.run(name, async () => {
    const before = h.fake.calls.length;
    const response = await h.send(request).catch((error: Error) => {
      throw new CaseError("crashed", `connection failed: ${error.message}`);
    });
    if (response.status >= 500) return ["crashed", `HTTP ${response.status}`];
    if (response.status >= 400) return "handled";
    if (response.status !== 200) return ["other", `HTTP ${response.status}`];
    if (response.body.trim() !== "") {
      let ack: Json;
      try {
        ack = JSON.parse(response.body) as Json;
      } catch {
        return ["other", `an ack that is not JSON: ${response.body.slice(0, 80)}`];
      }
      if (ack.view) {
        const problems = viewProblems(ack.view);
        if (problems.length > 0) return ["other", `invalid ack view: ${problems[0]}`];
        const text = JSON.stringify(ack.view);
        if (/Error:|\n\s+at |undefined/.test(text)) return ["other", "internals in the ack view"];
      }
      if (ack.response_action === "errors" && typeof ack.errors !== "object")
        return ["other", "errors ack without errors"];
    }
    // Whatever the app said afterwards must be clear too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const call of h.fake.calls.slice(before)) {
      if (call.method === "response_url" || call.method === "chat.postMessage") {
        const problem = replyProblem(call.body);
        if (problem) return ["other", `${call.method}: ${problem}`];
      }
      if (call.method === "views.update" || call.method === "views.open") {
        if (
          (call.response as Json | undefined)?.ok !== true &&
          (call.response as Json | undefined)?.error === "invalid_blocks"
        ) {
          return ["other", `${call.method} refused: invalid_blocks`];
        }
      }
    }
    return "handled";
  });
}

describe("malformed interactivity payloads", () => {
  reliabilityIt(
    CATEGORY,
    "missing fields, unknown ids, stale metadata, another team's view: a clear message or a 4xx",
    async (tally) => {
      // Positions in the fake's call log are used below: start from an empty log.
      h.fake.reset();
      const team = { id: h.fake.teamId, domain: h.fake.teamDomain };
      const admin = { id: DEFAULT_IDS.admin, username: "aiko", name: "aiko", team_id: h.fake.teamId };
      const profileView = (fields: Json = {}) =>
        viewJson(h.fake, {
          callback_id: CALLBACK.profile,
          private_metadata: '{"baseRevision":0}',
          ...fields,
        });

      const cases: Array<[string, SlackRequest<unknown>]> = [
        ["view_submission without a view", interactivity({ type: "view_submission", team, user: admin })],
        [
          "view_submission without a user",
          interactivity({ type: "view_submission", team, view: profileView() }),
        ],
        [
          "view_submission without a team",
          interactivity({ type: "view_submission", user: admin, view: profileView() }),
        ],
        [
          "view_submission without state",
          interactivity({
            type: "view_submission",
            team,
            user: admin,
            view: { ...profileView(), state: undefined },
          }),
        ],
        [
          "view_submission with garbage state",
          interactivity({
            type: "view_submission",
            team,
            user: admin,
            view: { ...profileView(), state: { values: "x" } },
          }),
        ],
        [
          "view_submission of an unknown callback_id",
          viewSubmission(h.fake, {
            user: { id: DEFAULT_IDS.admin, name: "aiko" },
            view: viewJson(h.fake, { callback_id: "no_such_modal" }),
          }),
        ],
        ...(
          [
            ["not JSON", "{answers:"],
            ["empty", ""],
            ["an unknown key", '{"baseRevision":0,"admin":true}'],
            ["a negative revision", '{"baseRevision":-1}'],
            ["a revision from the future", '{"baseRevision":999999}'],
            ["a revision that is not a number", '{"baseRevision":"0 OR 1=1"}'],
            ["3000 characters of junk", "x".repeat(3000)],
            ["a prototype key", '{"__proto__":{"baseRevision":0}}'],
          ] as const
        ).flatMap(
          ([what, metadata]): Array<[string, SlackRequest<unknown>]> => [
            [
              `profile submission with stale private_metadata (${what})`,
              viewSubmission(h.fake, {
                user: { id: DEFAULT_IDS.admin, name: "aiko" },
                view: profileView({ private_metadata: metadata }),
              }),
            ],
            [
              `record submission with stale private_metadata (${what})`,
              viewSubmission(h.fake, {
                user: { id: DEFAULT_IDS.admin, name: "aiko" },
                view: viewJson(h.fake, { callback_id: CALLBACK.record, private_metadata: metadata }),
              }),
            ],
            [
              `eligibility submission with stale private_metadata (${what})`,
              viewSubmission(h.fake, {
                user: { id: DEFAULT_IDS.admin, name: "aiko" },
                view: viewJson(h.fake, { callback_id: CALLBACK.eligibility, private_metadata: metadata }),
              }),
            ],
          ],
        ),
        [
          "another team's view (view.team_id of another workspace)",
          viewSubmission(h.fake, {
            user: { id: DEFAULT_IDS.admin, name: "aiko" },
            view: profileView({ team_id: "T0OTHER001", app_installed_team_id: "T0OTHER001" }),
          }),
        ],
        [
          "another team's user submitting (user.team_id of another workspace)",
          interactivity({
            type: "view_submission",
            team,
            user: { ...admin, team_id: "T0OTHER001" },
            view: profileView({ team_id: "T0OTHER001" }),
          }),
        ],
        [
          "block_actions without actions",
          interactivity({ type: "block_actions", team, user: admin, trigger_id: h.fake.issueTriggerId() }),
        ],
        [
          "block_actions with no action",
          interactivity({ type: "block_actions", team, user: admin, actions: [] }),
        ],
        [
          "block_actions with an unknown action_id",
          blockActions(h.fake, { actions: [{ action_id: "no_such_action", block_id: "b", type: "button" }] }),
        ],
        ...(
          [
            ["not JSON", "{{{"],
            ["an unknown command", '{"cmd":"rm -rf","args":""}'],
            ["args too long", JSON.stringify({ cmd: "ask", args: "x".repeat(5000) })],
            ["nothing", ""],
          ] as const
        ).map(([what, value]): [string, SlackRequest<unknown>] => [
          `share with a tampered value (${what})`,
          blockActions(h.fake, {
            actions: [{ action_id: ACTION.share, block_id: "share", type: "button", value }],
          }),
        ]),
        [
          "share clicked in a view (no channel)",
          blockActions(h.fake, {
            view: viewJson(h.fake, { callback_id: CALLBACK.result }),
            actions: [
              {
                action_id: ACTION.share,
                block_id: "share",
                type: "button",
                value: '{"cmd":"help","args":""}',
              },
            ],
          }),
        ],
        [
          "an eligibility answer from a view with stale metadata",
          blockActions(h.fake, {
            view: viewJson(h.fake, { callback_id: CALLBACK.eligibility, private_metadata: "{answers:" }),
            actions: [
              { action_id: ACTION.eligibilityAnswer, block_id: "service_model", type: "radio_buttons" },
            ],
          }),
        ],
        [
          "eligibility Back from a view with stale metadata",
          blockActions(h.fake, {
            view: viewJson(h.fake, { callback_id: CALLBACK.eligibility, private_metadata: '{"step":-3}' }),
            actions: [{ action_id: ACTION.eligibilityBack, block_id: "nav", type: "button" }],
          }),
        ],
        [
          "a home button without a trigger",
          interactivity({
            type: "block_actions",
            team,
            user: admin,
            actions: [{ action_id: ACTION.openProfile, block_id: "b", type: "button" }],
          }),
        ],
        ...["", "x".repeat(3000), "\u0000\u0007<!channel>", "5.1.1' OR 1=1"].map(
          (value): [string, SlackRequest<unknown>] => [
            `objective search for ${show(value)}`,
            blockSuggestion(h.fake, { actionId: ACTION.objectiveSelect, blockId: "objectives", value }),
          ],
        ),
        ["view_closed with garbage", interactivity({ type: "view_closed", team, user: admin, view: "x" })],
        [
          "view_closed of an unknown view",
          viewClosed(h.fake, { view: viewJson(h.fake, { callback_id: "no_such_modal" }) }),
        ],
        [
          "an event_callback without an event",
          {
            body: JSON.stringify({
              type: "event_callback",
              team_id: h.fake.teamId,
              api_app_id: h.fake.appId,
            }),
            contentType: "application/json",
            payload: {},
          },
        ],
        [
          "an app_mention without text",
          {
            body: JSON.stringify({
              type: "event_callback",
              team_id: h.fake.teamId,
              api_app_id: h.fake.appId,
              event: {
                type: "app_mention",
                user: DEFAULT_IDS.member,
                channel: DEFAULT_IDS.general,
                ts: "1.2",
              },
            }),
            contentType: "application/json",
            payload: {},
          },
        ],
        ["an unknown payload type", interactivity({ type: "no_such_type", team, user: admin })],
        ["an empty payload object", interactivity({})],
      ];
      // Unknown ids wait out Bolt's 3 s before their 404: run the cases side by side.
      await pool(cases, 8, ([name, request]) => malformed(tally, name, request));

      // The request's team is the signed body's `team`: a view or user of another workspace changes nothing there.
      await tally.run("the other workspace's profile was never written", async () => {
        const after = await h.assistant.services.profiles.get({ teamId: "T0OTHER001" });
        return after.revision === 0 ? "handled" : ["other", `T0OTHER001 is at revision ${after.revision}`];
      });
      await tally.run("the app still answers", async () => {
        const { reply } = await h.command("help", DEFAULT_IDS.admin);
        const problem = replyProblem(reply.body);
        return problem ? ["other", problem] : "handled";
      });
    },
  );
});
