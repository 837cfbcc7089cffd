/**
 * A question asked again is answered in the acknowledgement from the answer cache — and never with an answer that
 * went stale: a profile saved (by this instance or another one on the same Redis), a language chosen, or a new day
 * in Japan all make the next answer fresh.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { slashCommand } from "../../dev/slack-requests/index.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { expectEphemeralReply, readable } from "../support/commands.js";
import { type Harness, startHarness, useHarness } from "../support/harness.js";
import { deleteRedisKeys, describeWithRedis, REDIS_URL, uniqueNamespace } from "../support/redis.js";

type Json = Record<string, unknown>;

/** Sends `/ismap <text>`; the answer carried by the acknowledgement, or undefined for an empty one. */
async function ackAnswer(
  h: Harness,
  text: string,
  userId: string = DEFAULT_IDS.member,
): Promise<Json | undefined> {
  const response = await h.send(slashCommand(h.fake, { text, user_id: userId }));
  expect(response.status).toBe(200);
  return response.body.trim() === "" ? undefined : (JSON.parse(response.body) as Json);
}

/** Sends `/ismap <text>` expecting an empty acknowledgement, and returns the answer then posted on its response_url. */
async function postedAnswer(
  h: Harness,
  text: string,
  userId: string = DEFAULT_IDS.member,
  options: { share?: boolean } = {},
): Promise<Json> {
  const before = h.fake.callsTo("response_url").length;
  expect(await ackAnswer(h, text, userId)).toBeUndefined();
  const deadline = Date.now() + 5000;
  while (h.fake.callsTo("response_url").length === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const call = h.fake.callsTo("response_url").at(-1);
  expect(call).toBeDefined();
  return expectEphemeralReply(call as NonNullable<typeof call>, options);
}

async function rename(h: Harness, name: string): Promise<void> {
  const team = { teamId: h.fake.teamId };
  const { revision } = await h.assistant.services.profiles.get(team);
  const saved = await h.assistant.services.profiles.save(team, {
    baseRevision: revision,
    actor: DEFAULT_IDS.admin,
    at: h.now,
    update: (p: ServiceProfile) => ({ ...p, service: { ...p.service, name } }),
  });
  expect(saved.ok).toBe(true);
}

describe("answers from the cache, one instance", () => {
  const h = useHarness({ now: "2026-11-26T10:00:00+09:00" });

  it("answers a repeated question in the acknowledgement, with the same message the first reply posted", async () => {
    const first = await h.command("status");
    const fresh = expectEphemeralReply(first.reply);
    expect(first.response.body).toBe("");
    const posted = h.fake.callsTo("response_url").length;

    const again = await ackAnswer(h, "status");
    expect(again).toEqual(fresh);
    // One more message on the response_url: the acknowledgement, shown by the fake as Slack shows it; the app
    // posted nothing itself.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.callsTo("response_url")).toHaveLength(posted + 1);
    expect(h.fake.callsTo("response_url").at(-1)?.body).toEqual(fresh);
  });

  it("never answers a command that changes something or lists history or reminders from the cache", async () => {
    for (const text of ["lang en", "remind list", "profile history"]) {
      await h.command(text, DEFAULT_IDS.admin);
      await postedAnswer(h, text, DEFAULT_IDS.admin, { share: false });
    }
  });

  it("answers afresh after the profile is saved", async () => {
    await h.command("status");
    expect(await ackAnswer(h, "status")).toBeDefined();

    await rename(h, "Cached Cloud Service");
    expect(readable(await postedAnswer(h, "status"))).toContain("Cached Cloud Service");
    const cached = await ackAnswer(h, "status");
    expect(readable(cached as Json)).toContain("Cached Cloud Service");
  });

  it("keeps languages apart and follows a person's new language at once", async () => {
    const ja = expectEphemeralReply((await h.command("help", DEFAULT_IDS.member)).reply);
    const en = expectEphemeralReply((await h.command("help", DEFAULT_IDS.owner)).reply);
    expect(en.text).not.toBe(ja.text);
    expect((await ackAnswer(h, "help", DEFAULT_IDS.member))?.text).toBe(ja.text);
    expect((await ackAnswer(h, "help", DEFAULT_IDS.owner))?.text).toBe(en.text);

    await h.command("lang en", DEFAULT_IDS.member);
    expect((await postedAnswer(h, "help", DEFAULT_IDS.member)).text).toBe(en.text);
    expect((await ackAnswer(h, "help", DEFAULT_IDS.member))?.text).toBe(en.text);
  });

  it("answers afresh on a new day in Japan (JST midnight), and when the clock goes back", async () => {
    h.now = new Date("2026-11-26T23:59:00+09:00");
    await h.command("special");
    expect(await ackAnswer(h, "special")).toBeDefined();
    h.now = new Date("2026-11-27T00:00:00+09:00");
    await postedAnswer(h, "special");
    expect(await ackAnswer(h, "special")).toBeDefined();
    h.now = new Date("2026-11-26T23:59:30+09:00");
    await postedAnswer(h, "special");
  });

  it("caches a question asked with `ask` by its words", async () => {
    await h.command("ask 監査はいつ必要ですか");
    expect(await ackAnswer(h, "ask 監査はいつ必要ですか")).toBeDefined();
    await postedAnswer(h, "ask 特別措置とは");
  });
});

describe("ANSWER_CACHE_SECONDS=0", () => {
  it("answers every question afresh on its response_url", async () => {
    const h = await startHarness({ answerCacheSeconds: 0 });
    try {
      const first = expectEphemeralReply((await h.command("status")).reply);
      expect(await postedAnswer(h, "status")).toEqual(first);
    } finally {
      await h.close();
    }
  });
});

describeWithRedis("answers from the cache, two instances on one Redis", () => {
  let namespace: string;
  let stores: Store[];
  let a: Harness;
  let b: Harness;

  beforeEach(async () => {
    namespace = uniqueNamespace("answers");
    stores = [openStore(REDIS_URL, { namespace }), openStore(REDIS_URL, { namespace })];
    a = await startHarness({ store: stores[0] as Store });
    b = await startHarness({ store: stores[1] as Store });
    // Both fakes name the same workspace (the emulator's default team).
    expect(b.fake.teamId).toBe(a.fake.teamId);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await deleteRedisKeys(namespace);
  });

  it("drops instance A's cached answers when instance B saves the profile", async () => {
    const deadline = Date.now() + 5000;
    while (!(stores[0] as Store).changes.reliable && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((stores[0] as Store).changes.reliable).toBe(true);
    await a.command("status");
    expect(await ackAnswer(a, "status")).toBeDefined();

    await rename(b, "Renamed Elsewhere");
    // The change notice travels through Redis pub/sub: until it arrives A may still answer from its cache.
    while (Date.now() < deadline + 5000) {
      const answer = await ackAnswer(a, "status");
      if (!answer) break;
      expect(readable(answer)).not.toContain("Renamed Elsewhere");
    }
    const fresh = await a.fake.waitForCall(
      "response_url",
      (call) => readable(call.body).includes("Renamed Elsewhere"),
      5000,
    );
    expectEphemeralReply(fresh);
    expect(readable((await ackAnswer(a, "status")) as Json)).toContain("Renamed Elsewhere");
  });
});
