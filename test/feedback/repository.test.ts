/**
 * The stores behind the new surfaces, on real memory, SQLite and Redis stores: answers marked unhelpful (one per
 * person and answer, bounded, listed across teams for the report) and assistant threads (context and title state,
 * read by another connection as another instance would).
 */
import { describe, expect, it } from "vitest";
import { FEEDBACK_QUESTION_MAX, FeedbackRepository } from "../../src/feedback/repository.js";
import { AssistantThreadRepository, contextOf, threadKey } from "../../src/slack/assistant/thread-store.js";
import { forEachStoreBackend, type StoreBackend } from "../support/redis.js";

const entry = (answerId: string, question: string, locale: "ja" | "en" = "ja") => ({
  question,
  answerId,
  rulesVersion: "2026.12.03",
  locale,
  surface: "assistant" as const,
  at: "2026-11-26T01:00:00.000Z",
});

forEachStoreBackend((backend: StoreBackend) => {
  describe("FeedbackRepository", () => {
    it("keeps one entry per person and answer, cuts long questions, and lists every team's entries", async () => {
      const store = backend.open();
      const repo = new FeedbackRepository(store);
      await repo.recordUnhelpful(
        { teamId: "T0TEAM0001" },
        "U0ALICE001",
        entry("a-1", "無料トライアルは使えますか"),
      );
      await repo.recordUnhelpful(
        { teamId: "T0TEAM0001" },
        "U0ALICE001",
        entry("a-1", "無料トライアルは使えますか"),
      );
      await repo.recordUnhelpful(
        { teamId: "T0TEAM0002" },
        "U0BOB00001",
        entry("a-2", "x".repeat(2000), "en"),
      );
      await store.set("prefs:-:T0TEAM0001:U0ALICE001", { locale: "ja" });
      // Read as another instance would (memory stores are one instance's own).
      const all = await new FeedbackRepository(backend.kind === "memory" ? store : backend.open()).all();
      expect(all).toHaveLength(2);
      const long = all.find((e) => e.answerId === "a-2");
      expect(long?.question).toHaveLength(FEEDBACK_QUESTION_MAX);
    });

    it("refuses an answer id or user id that could reach another key", async () => {
      const repo = new FeedbackRepository(backend.open());
      await expect(repo.recordUnhelpful({ teamId: "T1" }, "U1", entry("a:b", "q"))).rejects.toThrow(
        TypeError,
      );
      await expect(repo.recordUnhelpful({ teamId: "T1" }, "U1:x", entry("a", "q"))).rejects.toThrow(
        TypeError,
      );
      expect(await repo.all()).toEqual([]);
    });
  });

  describe("AssistantThreadRepository", () => {
    const team = { teamId: "T0TEAM0001" };
    const thread = { channel: "D0ALICE001", threadTs: "1764118800.000100" };

    it("keeps the context where another instance reads it, and titles a thread once", async () => {
      const store = backend.open();
      const one = new AssistantThreadRepository(store);
      const other = new AssistantThreadRepository(backend.kind === "memory" ? store : backend.open());
      await one.saveContext(team, thread, { channel_id: "C0GENERAL1", team_id: "T0TEAM0001" });
      expect((await other.get(team, thread)).context).toEqual({
        channel_id: "C0GENERAL1",
        team_id: "T0TEAM0001",
      });
      expect(await other.markTitled(team, thread)).toBe(true);
      expect(await one.markTitled(team, thread)).toBe(false);
      // Titling keeps the context.
      expect((await one.get(team, thread)).context.channel_id).toBe("C0GENERAL1");
      // Another team's thread with the same ids is another thread.
      expect(await one.get({ teamId: "T0TEAM0002" }, thread)).toEqual({ context: {}, titled: false });
    });
  });
});

describe("assistant thread keys and context", () => {
  it("refuses ids that could smuggle a separator", () => {
    expect(() => threadKey({ teamId: "T1" }, { channel: "D1:x", threadTs: "1.2" })).toThrow(TypeError);
    expect(() => threadKey({ teamId: "T1" }, { channel: "D1", threadTs: "1.2:3" })).toThrow(TypeError);
    expect(threadKey({ teamId: "T1" }, { channel: "D1", threadTs: "1764118800.000100" })).toBe(
      "assistant-thread:-:T1:D1:1764118800.000100",
    );
  });

  it("keeps only the ids a context may hold", () => {
    expect(
      contextOf({
        assistant_thread: { context: { channel_id: "C1", team_id: "T1", enterprise_id: null, x: 1 } },
      }),
    ).toEqual({ channel_id: "C1", team_id: "T1", enterprise_id: null });
    expect(contextOf({ assistant_thread: { context: { channel_id: "<!here>" } } })).toEqual({});
    expect(contextOf(undefined)).toEqual({});
  });
});
