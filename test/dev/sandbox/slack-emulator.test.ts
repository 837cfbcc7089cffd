/**
 * What the Slack emulator adds for the sandbox on top of the Web API the tests already pin down
 * (test/dev/slack-emulator.test.ts): response_urls bound to a person and a channel, messages people write,
 * Slack's handling of view_submission acks, closing modals, and the list of problems Slack would have refused.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_IDS, startSlackEmulator } from "../../../dev/slack-emulator/index.js";
import { useEmulator } from "../../support/harness.js";

type Json = Record<string, unknown>;

const emulator = useEmulator();

async function api(method: string, body: Json): Promise<Json> {
  const response = await fetch(`${emulator.url}${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${emulator.botToken}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Json;
}

async function post(url: string, body: Json): Promise<Json> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Json;
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const modal = (blocks: unknown[], extra: Json = {}) => ({
  type: "modal",
  callback_id: "test",
  title: { type: "plain_text", text: "Test" },
  submit: { type: "plain_text", text: "OK" },
  blocks,
  ...extra,
});
const input = (blockId: string) => ({
  type: "input",
  block_id: blockId,
  label: { type: "plain_text", text: blockId },
  element: { type: "plain_text_input", action_id: "v" },
});

async function openModal(userId: string = DEFAULT_IDS.admin): Promise<string> {
  const opened = await api("views.open", {
    trigger_id: emulator.issueTriggerId({ userId }),
    view: modal([input("first")]),
  });
  expect(opened.ok).toBe(true);
  return String((opened.view as Json).id);
}

describe("response_url bound to where the interaction happened", () => {
  const where = { channel: DEFAULT_IDS.general, userId: DEFAULT_IDS.member };

  it("posts an ephemeral reply to the person by default, and an in-channel one when asked", async () => {
    expect(await post(emulator.responseUrl(where), { text: "just you" })).toEqual({ ok: true });
    expect(
      await post(emulator.responseUrl(where), { text: "everyone", response_type: "in_channel" }),
    ).toEqual({ ok: true });
    const messages = emulator.messages(DEFAULT_IDS.general);
    expect(messages.map((m) => [m.text, m.ephemeralTo])).toEqual([
      ["just you", DEFAULT_IDS.member],
      ["everyone", undefined],
    ]);
  });

  it("replaces or deletes the message the interaction came from", async () => {
    await post(emulator.responseUrl(where), { text: "original" });
    const [original] = emulator.messages(DEFAULT_IDS.general);
    const from = { ...where, messageTs: String(original?.ts) };
    await post(emulator.responseUrl(from), { text: "replaced", replace_original: true });
    expect(emulator.messages(DEFAULT_IDS.general).map((m) => m.text)).toEqual(["replaced"]);
    await post(emulator.responseUrl(from), { delete_original: true });
    expect(emulator.messages(DEFAULT_IDS.general)).toEqual([]);
  });

  it("refuses invalid blocks with Slack's error, records the problem and posts nothing", async () => {
    const answer = await post(emulator.responseUrl(where), { text: "x", blocks: [section("")] });
    expect(answer.error).toBe("invalid_blocks");
    expect(emulator.messages()).toEqual([]);
    expect(emulator.problems().map((p) => [p.source, p.error])).toEqual([["response_url", "invalid_blocks"]]);
  });

  it("leaves an unbound response_url as the tests know it: recorded, nothing posted", async () => {
    expect(await post(emulator.responseUrl(), { text: "hi" })).toEqual({ ok: true });
    expect(emulator.messages()).toEqual([]);
    expect(emulator.callsTo("response_url")).toHaveLength(1);
  });
});

describe("messages people write and Slackbot's notes", () => {
  it("keeps a member's message, refuses one where they are not a member", () => {
    const message = emulator.postUserMessage({
      channel: DEFAULT_IDS.general,
      userId: DEFAULT_IDS.member,
      text: "hello",
    });
    expect(message).toMatchObject({ channel: DEFAULT_IDS.general, user: DEFAULT_IDS.member, text: "hello" });
    expect(() =>
      emulator.postUserMessage({ channel: DEFAULT_IDS.secret, userId: DEFAULT_IDS.member, text: "x" }),
    ).toThrow("not_in_channel");
    expect(
      emulator.postUserMessage({
        channel: `D${DEFAULT_IDS.guest.slice(1)}`,
        userId: DEFAULT_IDS.guest,
        text: "dm",
      }).channel,
    ).toBe("D0GUEST001");
  });

  it("notes are ephemeral messages from USLACKBOT", () => {
    const note = emulator.postNote({ channel: DEFAULT_IDS.general, userId: DEFAULT_IDS.admin, text: "psst" });
    expect(note).toMatchObject({ user: "USLACKBOT", ephemeralTo: DEFAULT_IDS.admin });
  });
});

describe("view_submission acks, as Slack applies them", () => {
  it("shows errors on input blocks of the view, and refuses errors for other blocks", async () => {
    const id = await openModal();
    expect(
      emulator.applySubmissionAck(id, { response_action: "errors", errors: { first: "Wrong" } }),
    ).toEqual({
      ok: true,
    });
    expect(emulator.viewErrors(id)).toEqual({ first: "Wrong" });
    expect(emulator.applySubmissionAck(id, { response_action: "errors", errors: { nope: "x" } })).toEqual({
      ok: false,
      error: "invalid_errors",
    });
    expect(emulator.problems().at(-1)?.messages.join()).toContain("nope");
  });

  it("update replaces the view (new hash, errors gone); an invalid one is refused loudly", async () => {
    const id = await openModal();
    const before = emulator.view(id)?.hash;
    emulator.applySubmissionAck(id, { response_action: "errors", errors: { first: "Wrong" } });
    expect(
      emulator.applySubmissionAck(id, { response_action: "update", view: modal([section("Next")]) }),
    ).toEqual({ ok: true });
    expect(emulator.view(id)?.hash).not.toBe(before);
    expect(emulator.viewErrors(id)).toEqual({});
    const refused = emulator.applySubmissionAck(id, {
      response_action: "update",
      view: modal([section("x".repeat(3001))]),
    });
    expect(refused).toEqual({ ok: false, error: "invalid_blocks" });
    expect(emulator.problems().at(-1)).toMatchObject({
      source: "view_submission ack (update)",
      error: "invalid_blocks",
    });
    expect(JSON.stringify(emulator.view(id)?.blocks)).toContain("Next");
  });

  it("push stacks up to three views; an empty ack closes the top one, clear closes them all", async () => {
    const userId = DEFAULT_IDS.admin;
    const id = await openModal(userId);
    expect(
      emulator.applySubmissionAck(id, { response_action: "push", view: modal([input("second")]) }).ok,
    ).toBe(true);
    const second = String(emulator.modalStack(userId).at(-1)?.id);
    emulator.applySubmissionAck(second, { response_action: "push", view: modal([input("third")]) });
    expect(emulator.modalStack(userId)).toHaveLength(3);
    expect(
      emulator.applySubmissionAck(second, { response_action: "push", view: modal([input("fourth")]) }),
    ).toEqual({ ok: false, error: "push_limit_reached" });

    const third = String(emulator.modalStack(userId).at(-1)?.id);
    emulator.applySubmissionAck(third, undefined);
    expect(emulator.modalStack(userId).map((v) => v.id)).toEqual([id, second]);
    emulator.applySubmissionAck(second, { response_action: "clear" });
    expect(emulator.modalStack(userId)).toEqual([]);
    // The app can no longer update a closed view.
    expect((await api("views.update", { view_id: id, view: modal([section("late")]) })).error).toBe(
      "not_found",
    );
  });

  it("closeView pops the top view, or the whole modal", async () => {
    const userId = DEFAULT_IDS.admin;
    const id = await openModal(userId);
    emulator.applySubmissionAck(id, { response_action: "push", view: modal([input("second")]) });
    const second = String(emulator.modalStack(userId).at(-1)?.id);
    expect(emulator.closeView(second).map((v) => v.id)).toEqual([second]);
    expect(emulator.modalStack(userId).map((v) => v.id)).toEqual([id]);
    emulator.applySubmissionAck(id, { response_action: "push", view: modal([input("again")]) });
    expect(emulator.closeView(id, { all: true })).toHaveLength(2);
    expect(emulator.modalStack(userId)).toEqual([]);
  });
});

describe("problems and revisions", () => {
  it("records every call Slack refused, with its messages, and counts changes", async () => {
    const start = emulator.revision;
    const answer = await api("chat.postMessage", { channel: DEFAULT_IDS.general, blocks: [section("")] });
    expect(answer.error).toBe("invalid_blocks");
    await api("chat.postMessage", { channel: DEFAULT_IDS.random, text: "hi" });
    const problems = emulator.problems();
    expect(problems.map((p) => [p.source, p.error])).toEqual([
      ["chat.postMessage", "invalid_blocks"],
      ["chat.postMessage", "not_in_channel"],
    ]);
    expect(problems[0]?.messages.length).toBeGreaterThan(0);
    expect(emulator.problems(problems[0]?.seq)).toHaveLength(1);
    expect(emulator.revision).toBeGreaterThan(start);
  });

  it("takes message timestamps from the clock it is given, and keeps only the newest calls when asked", async () => {
    const other = await startSlackEmulator({
      now: () => new Date("2025-03-31T01:00:00Z"),
      maxCalls: 2,
      label: "Test emulator",
    });
    try {
      const token = other.botToken;
      for (const text of ["a", "b", "c"]) {
        await fetch(`${other.url}chat.postMessage`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ channel: DEFAULT_IDS.general, text }),
        });
      }
      expect(other.messages()[0]?.ts.startsWith(String(Date.parse("2025-03-31T01:00:00Z") / 1000))).toBe(
        true,
      );
      expect(other.calls.map((c) => c.body.text)).toEqual(["b", "c"]);
      await expect(other.waitForCall("views.open", () => true, 10)).rejects.toThrow(/^Test emulator: /);
    } finally {
      await other.close();
    }
  });
});
