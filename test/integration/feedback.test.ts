/**
 * 👍 / 👎 under answers, end to end over signed HTTP: the buttons under `/ismap ask`, mentions and the assistant
 * panel; a 👎 stores the question, the answer's id and the rules version, a 👍 stores nothing; both are thanked
 * privately in the answer's language; a value the app did not make is ignored. The stored entries are what
 * `npm run faq:report` prints.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import { appMention, blockActions } from "../../dev/slack-requests/index.js";
import { assistantMessage } from "../../dev/surface-requests.js";
import { unhelpfulReport } from "../../src/feedback/report.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { blocksOf, expectEphemeralReply } from "../support/commands.js";
import { useHarness } from "../support/harness.js";

type Json = Record<string, unknown>;

/** The 👍 / 👎 elements of a message: Slack's feedback buttons or the plain buttons. */
function feedbackOf(body: Json): { up: Json; down: Json; kind: "feedback_buttons" | "button" } {
  for (const block of blocksOf(body)) {
    for (const element of (block.elements as Json[] | undefined) ?? []) {
      if (element.type === "feedback_buttons") {
        return {
          up: { action_id: element.action_id, value: (element.positive_button as Json).value },
          down: { action_id: element.action_id, value: (element.negative_button as Json).value },
          kind: "feedback_buttons",
        };
      }
    }
  }
  const buttons = blocksOf(body).flatMap((b) => (b.elements as Json[] | undefined) ?? []);
  const up = buttons.find((e) => e.action_id === ACTION.feedbackUp);
  const down = buttons.find((e) => e.action_id === ACTION.feedbackDown);
  if (!up || !down) throw new Error("the message has no feedback buttons");
  return { up, down, kind: "button" };
}

describe("feedback on answers", () => {
  const h = useHarness({ now: "2026-11-26T10:00:00+09:00" });

  async function press(user: string, button: Json, message: { channel: string; ts: string }, kind: string) {
    const type = kind === "feedback_buttons" ? "feedback_buttons" : "button";
    const request = blockActions(h.fake, {
      user: { id: user, name: user.toLowerCase() },
      actions: [
        { type, action_id: String(button.action_id), block_id: "b", value: String(button.value) } as never,
      ],
      message,
    });
    const url = (request.payload as { response_url: string }).response_url;
    const response = await h.send(request);
    expect(response.status).toBe(200);
    return { url };
  }

  function replyTo(url: string): Promise<EmulatorCall> {
    return h.fake.waitForCall("response_url", (call) => url.endsWith(call.path), 5000);
  }

  it("/ismap ask carries 👍 / 👎 beside the share button; 👎 stores the question, answer id and rules version", async () => {
    const question = "内部監査の3年ルールとは";
    const { reply } = await h.command(`ask ${question}`, DEFAULT_IDS.member);
    const body = expectEphemeralReply(reply);
    const buttons = feedbackOf(body);
    expect(buttons.kind).toBe("button");
    // One row: share, 👍, 👎.
    expect(blocksOf(body).at(-1)?.type).toBe("actions");
    expect(((blocksOf(body).at(-1)?.elements ?? []) as Json[]).map((e) => e.action_id)).toEqual([
      ACTION.share,
      ACTION.feedbackUp,
      ACTION.feedbackDown,
    ]);

    const { url } = await press(
      DEFAULT_IDS.member,
      buttons.down,
      { channel: DEFAULT_IDS.general, ts: "1.000001" },
      "button",
    );
    const thanks = await replyTo(url);
    expect(thanks.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(thanks.body.text).toBe(
      "ありがとうございます。この質問を記録しました。より良い回答を追加する際の参考にします。",
    );
    const stored = await h.assistant.services.feedback.all();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      question,
      rulesVersion: h.assistant.services.engine.version,
      locale: "ja",
      surface: "command",
      at: h.now.toISOString(),
    });
    expect(stored[0]?.answerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(unhelpfulReport(stored)).toContain(`1×  ${question}`);
  });

  it("a 👍 is thanked and stores nothing; pressing 👎 twice keeps one entry", async () => {
    const { reply } = await h.command("ask What is ISMAP-LIU?", DEFAULT_IDS.owner);
    const buttons = feedbackOf(reply.body);
    const up = await press(
      DEFAULT_IDS.owner,
      buttons.up,
      { channel: DEFAULT_IDS.general, ts: "1.000001" },
      "button",
    );
    expect((await replyTo(up.url)).body.text).toBe("Thank you for the feedback.");
    expect(await h.assistant.services.feedback.all()).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const down = await press(
        DEFAULT_IDS.owner,
        buttons.down,
        { channel: DEFAULT_IDS.general, ts: "1.000001" },
        "button",
      );
      expect((await replyTo(down.url)).body.text).toContain("The question is noted");
    }
    expect(await h.assistant.services.feedback.all()).toHaveLength(1);
  });

  it("mentions carry Slack's feedback buttons; the stored question is the person's words, never in the payload as typed", async () => {
    await h.send(
      appMention(h.fake, { user: DEFAULT_IDS.member, text: `<@${h.fake.botUserId}> <!here> 明日の天気は？` }),
    );
    const call = await h.fake.waitForCall(
      "chat.postMessage",
      (c) => c.body.channel === DEFAULT_IDS.general,
      5000,
    );
    expect(JSON.stringify(call.body)).not.toContain("<!here>");
    const buttons = feedbackOf(call.body);
    expect(buttons.kind).toBe("feedback_buttons");
    const { url } = await press(
      DEFAULT_IDS.member,
      buttons.down,
      { channel: DEFAULT_IDS.general, ts: "1.000002" },
      "feedback_buttons",
    );
    await replyTo(url);
    const [entry] = await h.assistant.services.feedback.all();
    // As the app read it (normalizeInput: NFKC turns "？" into "?").
    expect(entry).toMatchObject({ question: "<!here> 明日の天気は?", surface: "mention" });
  });

  it("answers in the assistant panel carry feedback buttons; 👎 is stored in English for an English reader", async () => {
    const threadTs = "1764118800.000100";
    await h.send(
      assistantMessage(h.fake, { user: DEFAULT_IDS.owner, threadTs, text: "Can we use a free trial?" }),
    );
    const call = await h.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === threadTs, 5000);
    const buttons = feedbackOf(call.body);
    expect(buttons.kind).toBe("feedback_buttons");
    const { url } = await press(
      DEFAULT_IDS.owner,
      buttons.down,
      { channel: "D0OWNER001", ts: threadTs },
      "feedback_buttons",
    );
    expect((await replyTo(url)).body.text).toContain("The question is noted");
    const [entry] = await h.assistant.services.feedback.all();
    expect(entry).toMatchObject({ question: "Can we use a free trial?", locale: "en", surface: "assistant" });
    expect(unhelpfulReport([entry as NonNullable<typeof entry>])).toMatch(
      /## en — 1 unhelpful mark, 1 question\n\s+1× {2}Can we use a free trial\?/,
    );
  });

  it("ignores a value the app did not make: nothing stored, no reply", async () => {
    const forged = {
      action_id: ACTION.feedbackDown,
      value: JSON.stringify({ f: "down", a: "x/../y", q: "hi" }),
    };
    const { url } = await press(
      DEFAULT_IDS.member,
      forged,
      { channel: DEFAULT_IDS.general, ts: "1.000003" },
      "button",
    );
    // A later request is answered first: the forged one has been dealt with by then.
    await h.command("help", DEFAULT_IDS.member);
    expect(h.fake.calls.some((c) => c.method === "response_url" && url.endsWith(c.path))).toBe(false);
    expect(await h.assistant.services.feedback.all()).toEqual([]);
  });
});
