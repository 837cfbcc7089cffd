/** 👍 / 👎 under an answer, called directly with fake Bolt arguments: ack first, a 👎 stored, a private thanks. */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { ACTION } from "../../../../src/slack/contract/ids.js";
import { feedbackButtons } from "../../../../src/slack/flows/feedback-buttons.js";
import { noteFeedback } from "../../../../src/slack/listeners/actions/feedback.js";
import { argsFor, fakeClient, MEMBER, replies, TEAM_ID, textOf, useWorld } from "../fakes.js";

const en = createTranslator("en");
const w = useWorld();

const ref = {
  answerId: "answer-1",
  question: "内部監査の3年ルールとは",
  rulesVersion: "v1",
  locale: "en" as const,
  surface: "command" as const,
};

function press(button: "up" | "down") {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack, respond } = replies(log);
  const [up, down] = feedbackButtons(ref, en);
  const action = { ...(button === "up" ? up : down), action_id: ACTION.feedbackDown, action_ts: "1" };
  const body = {
    type: "block_actions",
    team: { id: TEAM_ID },
    user: { id: MEMBER, team_id: TEAM_ID },
    actions: [action],
  };
  const callback = noteFeedback(w.services);
  return {
    log,
    respond,
    run: () => callback(argsFor(callback, { ack, respond, body, action, payload: action, client })),
  };
}

describe("noteFeedback", () => {
  it("acks first, stores a 👎 with the question, and says so privately in the answer's language", async () => {
    const s = press("down");
    await s.run();
    expect(s.log).toEqual(["ack", "respond"]);
    const stored = await w.services.feedback.all();
    expect(stored.map((f) => [f.question, f.answerId])).toEqual([[ref.question, ref.answerId]]);
    expect(textOf(s.respond.mock.calls[0]?.[0])).toBe(en("feedback.noted"));
  });

  it("only thanks a 👍, storing nothing", async () => {
    const s = press("up");
    await s.run();
    expect(await w.services.feedback.all()).toEqual([]);
    expect(textOf(s.respond.mock.calls[0]?.[0])).toBe(en("feedback.thanks"));
  });
});
