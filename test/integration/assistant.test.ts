/**
 * The assistant panel end to end over signed HTTP: a new thread gets a greeting and prompts in the person's
 * language that fit the team, its context is kept in the store; each message gets a status, a title (first
 * question only) and an answer with feedback buttons: the FAQ's for rules questions, the obligations timeline's
 * for questions about the team's own dates.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import {
  assistantMessage,
  assistantThreadContextChanged,
  assistantThreadStarted,
} from "../../dev/surface-requests.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { buildAnswer } from "../../src/slack/flows/answers.js";
import { obligationLine } from "../../src/slack/views/messages/timeline.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { blocksOf, expectValidMessage, readable } from "../support/commands.js";
import { type Harness, saveRegisteredTeam, startHarness, useHarness } from "../support/harness.js";
import { deleteRedisKeys, describeWithRedis, REDIS_URL, uniqueNamespace } from "../support/redis.js";

type Json = Record<string, unknown>;
const dm = (userId: string): string => `D${userId.slice(1)}`;
const THREAD = "1764118800.000100";

describe("the assistant panel", () => {
  const h = useHarness({ now: "2026-11-26T10:00:00+09:00" });

  function replyIn(userId: string, threadTs = THREAD): Promise<EmulatorCall> {
    return h.fake.waitForCall(
      "chat.postMessage",
      (call) => call.body.channel === dm(userId) && call.body.thread_ts === threadTs,
      5000,
    );
  }

  async function ask(userId: string, text: string, threadTs = THREAD): Promise<EmulatorCall> {
    const before = h.fake.callsTo("chat.postMessage").length;
    const response = await h.send(assistantMessage(h.fake, { user: userId, threadTs, text }));
    expect(response.status).toBe(200);
    await h.fake.waitForCall(
      "chat.postMessage",
      () => h.fake.callsTo("chat.postMessage").length > before,
      5000,
    );
    return h.fake.callsTo("chat.postMessage").at(-1) as EmulatorCall;
  }

  describe("thread started", () => {
    it("greets in Japanese and offers prompts for a team without dates; keeps the viewed channel in the store", async () => {
      const response = await h.send(
        assistantThreadStarted(h.fake, {
          user: DEFAULT_IDS.member,
          threadTs: THREAD,
          viewing: DEFAULT_IDS.general,
        }),
      );
      expect(response.status).toBe(200);
      const greeting = await replyIn(DEFAULT_IDS.member);
      expect(readable(greeting.body)).toContain("ISMAP-LIUについてご質問ください");
      const prompts = await h.fake.waitForCall("assistant.threads.setSuggestedPrompts", undefined, 5000);
      expect(prompts.body.channel_id).toBe(dm(DEFAULT_IDS.member));
      expect(prompts.body.thread_ts).toBe(THREAD);
      const t = createTranslator("ja");
      expect(prompts.body.prompts).toEqual([
        { title: t("assistant.prompts.eligible.title"), message: t("assistant.prompts.eligible.message") },
        { title: t("assistant.prompts.special.title"), message: t("assistant.prompts.special.message") },
        { title: t("assistant.prompts.nextAudit.title"), message: t("assistant.prompts.nextAudit.message") },
      ]);
      expect(prompts.body.title).toBe("こんな質問ができます");
      const stored = await h.assistant.services.threads.get(
        { teamId: h.fake.teamId },
        { channel: dm(DEFAULT_IDS.member), threadTs: THREAD },
      );
      expect(stored.context.channel_id).toBe(DEFAULT_IDS.general);
    });

    it("offers an English reader with dates prompts about the team's own deadlines", async () => {
      await saveRegisteredTeam(h, undefined, {
        external: [],
        internal: [{ id: "int-1", date: "2024-02-10", objectiveIds: ["5.1.1", "5.1.2"] }],
      });
      await h.send(assistantThreadStarted(h.fake, { user: DEFAULT_IDS.owner, threadTs: THREAD }));
      const prompts = await h.fake.waitForCall("assistant.threads.setSuggestedPrompts", undefined, 5000);
      expect((prompts.body.prompts as Json[]).map((p) => p.message)).toEqual([
        "When is our next audit?",
        "What do we owe this month?",
        "Which objectives lapse this quarter?",
        "When does our registration expire?",
      ]);
      const greeting = await replyIn(DEFAULT_IDS.owner);
      expect(readable(greeting.body)).toContain("your team's own dates");
    });

    it("a context change is saved, and the next answer carries the new context as its metadata", async () => {
      await h.send(
        assistantThreadContextChanged(h.fake, {
          user: DEFAULT_IDS.member,
          threadTs: THREAD,
          viewing: "C0OTHER001",
        }),
      );
      const team = { teamId: h.fake.teamId };
      const thread = { channel: dm(DEFAULT_IDS.member), threadTs: THREAD };
      await expect
        .poll(async () => (await h.assistant.services.threads.get(team, thread)).context.channel_id, {
          timeout: 5000,
        })
        .toBe("C0OTHER001");
      const reply = await ask(DEFAULT_IDS.member, "内部監査の3年ルールとは");
      const metadata = reply.body.metadata as { event_type: string; event_payload: Json };
      expect(metadata.event_type).toBe("assistant_thread_context");
      expect(metadata.event_payload.channel_id).toBe("C0OTHER001");
    });
  });

  describe("a message", () => {
    it("sets a status, titles the thread with the first question, then answers like /ismap ask with feedback buttons", async () => {
      const question = "内部監査の3年ルールとは";
      const reply = await ask(DEFAULT_IDS.member, question);
      const statusAt = h.fake.calls.findIndex((c) => c.method === "assistant.threads.setStatus");
      const replyAt = h.fake.calls.indexOf(reply);
      expect(statusAt).toBeGreaterThanOrEqual(0);
      expect(statusAt).toBeLessThan(replyAt);
      const status = h.fake.calls[statusAt] as EmulatorCall;
      expect(status.body).toMatchObject({
        channel_id: dm(DEFAULT_IDS.member),
        thread_ts: THREAD,
        status: "ルールとチームの期限を確認しています…",
      });
      expect(h.fake.callsTo("assistant.threads.setTitle").map((c) => c.body.title)).toEqual([question]);
      // Slack clears the status once the app replies.
      expect(h.fake.assistantThread(dm(DEFAULT_IDS.member), THREAD)?.status).toBe("");

      expectValidMessage(reply.body);
      const who = {
        team: { teamId: h.fake.teamId },
        userId: DEFAULT_IDS.member,
        locale: "ja" as const,
        t: createTranslator("ja"),
      };
      const answer = await buildAnswer(h.assistant.services, who, "ask", question);
      const blocks = blocksOf(reply.body);
      expect(blocks.slice(0, -1)).toEqual(answer.blocks);
      const feedback = blocks.at(-1) as Json;
      expect(feedback.type).toBe("context_actions");
      expect((feedback.elements as Json[])[0]).toMatchObject({
        type: "feedback_buttons",
        action_id: ACTION.feedback,
      });
    });

    it("still answers when Slack refuses the status and the title (a workspace without AI apps)", async () => {
      h.fake.failAlways("assistant.threads.setStatus", { error: "not_allowed" });
      h.fake.failAlways("assistant.threads.setTitle", { error: "not_allowed" });
      const reply = await ask(DEFAULT_IDS.member, "内部監査の3年ルールとは");
      expect(readable(reply.body)).toContain("直近3年間に少なくとも1回は内部監査");
      expect(h.fake.callsTo("assistant.threads.setStatus")).toHaveLength(1);
    });

    it("titles the thread only once", async () => {
      await ask(DEFAULT_IDS.owner, "What is ISMAP-LIU?");
      await ask(DEFAULT_IDS.owner, "Who runs the audits?");
      expect(h.fake.callsTo("assistant.threads.setTitle").map((c) => c.body.title)).toEqual([
        "What is ISMAP-LIU?",
      ]);
    });

    it("answers 'what do we owe this month' from the obligations timeline, in English", async () => {
      await saveRegisteredTeam(h, undefined, {
        external: [],
        internal: [{ id: "int-1", date: "2024-02-10", objectiveIds: ["5.1.1", "5.1.2"] }],
      });
      const reply = await ask(DEFAULT_IDS.owner, "What do we owe this month?");
      expectValidMessage(reply.body);
      const text = readable(reply.body);
      expect(text).toContain("Your team's dates");
      const team = { teamId: h.fake.teamId };
      const { profile } = await h.assistant.services.profiles.get(team);
      const timeline = h.assistant.services.engine.obligations(profile, h.now);
      const t = createTranslator("en");
      const owed = timeline.obligations.filter(
        (o) => o.status !== "done" && o.dueOn !== undefined && o.dueOn <= "2026-11-30",
      );
      expect(owed.length).toBeGreaterThan(0);
      for (const o of owed.slice(0, 12)) expect(text).toContain(obligationLine(o, t).replace(/\*/g, ""));
      expect(text).not.toContain("I could not find a clear answer");
    });

    it("answers 「登録の有効期限はいつ？」 with the registration's validity from the timeline, in Japanese", async () => {
      await saveRegisteredTeam(h, undefined, {
        external: [],
        internal: [{ id: "int-1", date: "2024-02-10", objectiveIds: ["5.1.1", "5.1.2"] }],
      });
      const reply = await ask(DEFAULT_IDS.member, "うちの登録の有効期限はいつ？");
      const { profile } = await h.assistant.services.profiles.get({ teamId: h.fake.teamId });
      const validity = h.assistant.services.engine
        .obligations(profile, h.now)
        .obligations.find((o) => o.kind === "validity");
      expect(validity?.dueOn).toBeDefined();
      const text = readable(reply.body);
      expect(text).toContain("チームの期限");
      expect(text).toContain(
        obligationLine(validity as NonNullable<typeof validity>, createTranslator("ja")),
      );
    });

    it("answers which objectives lapse before March from the coverage, in Japanese", async () => {
      await saveRegisteredTeam(h, undefined, {
        external: [],
        internal: [{ id: "int-1", date: "2024-02-10", objectiveIds: ["5.1.1", "5.1.2"] }],
      });
      const reply = await ask(DEFAULT_IDS.member, "3月より前にカバーが切れる統制目標は？");
      const text = readable(reply.body);
      // The internal audit of 2024-02-10 covers 5.1.1 and 5.1.2 until 2027-02-09: before March 2027.
      expect(text).toContain("5.1.1");
      expect(text).toContain("5.1.2");
      expect(text).toContain("2027年2月9日");
    });

    it("answers an empty message with a prompt and never sets a status for it", async () => {
      const reply = await ask(DEFAULT_IDS.member, "   ");
      expect(readable(reply.body)).toContain("質問を続けて入力してください");
      expect(h.fake.callsTo("assistant.threads.setStatus")).toHaveLength(0);
    });

    it("keeps ordinary direct messages (not in a thread) with the DM listener", async () => {
      const before = h.fake.callsTo("assistant.threads.setStatus").length;
      const { messageIm } = await import("../../dev/slack-requests/index.js");
      await h.send(messageIm(h.fake, { user: DEFAULT_IDS.member, text: "内部監査の3年ルールとは" }));
      const call = await h.fake.waitForCall(
        "chat.postMessage",
        (c) => c.body.channel === dm(DEFAULT_IDS.member) && c.body.thread_ts === undefined,
        5000,
      );
      expect(readable(call.body)).toContain("直近3年間に少なくとも1回は内部監査");
      expect(h.fake.callsTo("assistant.threads.setStatus")).toHaveLength(before);
    });
  });
});

describeWithRedis("the assistant panel, two instances on one Redis", () => {
  let namespace: string;
  let a: Harness;
  let b: Harness;
  beforeEach(async () => {
    namespace = uniqueNamespace("assistant");
    a = await startHarness({ store: openStore(REDIS_URL, { namespace }) as Store });
    b = await startHarness({ store: openStore(REDIS_URL, { namespace }) as Store });
    expect(b.fake.teamId).toBe(a.fake.teamId);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await deleteRedisKeys(namespace);
  });

  it("a thread started on one instance is answered by the other with its context, and titled once", async () => {
    await a.send(
      assistantThreadStarted(a.fake, {
        user: DEFAULT_IDS.member,
        threadTs: THREAD,
        viewing: DEFAULT_IDS.general,
      }),
    );
    await a.fake.waitForCall("assistant.threads.setSuggestedPrompts", undefined, 5000);

    await a.send(
      assistantMessage(a.fake, { user: DEFAULT_IDS.member, threadTs: THREAD, text: "ISMAP-LIUとは" }),
    );
    await a.fake.waitForCall("chat.postMessage", (c) => Boolean(c.body.blocks), 5000);
    await b.send(
      assistantMessage(b.fake, {
        user: DEFAULT_IDS.member,
        threadTs: THREAD,
        text: "内部監査の3年ルールとは",
      }),
    );
    const reply = await b.fake.waitForCall("chat.postMessage", (c) => c.body.thread_ts === THREAD, 5000);

    // Instance B read the context instance A saved: Bolt's say() attaches it as the message's metadata.
    expect((reply.body.metadata as { event_payload: Json }).event_payload.channel_id).toBe(
      DEFAULT_IDS.general,
    );
    expect(a.fake.callsTo("assistant.threads.setTitle")).toHaveLength(1);
    expect(b.fake.callsTo("assistant.threads.setTitle")).toHaveLength(0);
    expect(b.fake.callsTo("assistant.threads.setStatus")).toHaveLength(1);
  });
});
