/**
 * The change feed: in-process delivery (LocalChangeFeed, what memory and SQLite stores use), and RedisChangeFeed on
 * a real Redis between two stores standing for two instances of the app, including the repositories that publish
 * on it, an AnswerCache on the other instance, and a private redis-server stopped and started again.
 *
 * Long because: one contract, in process and over Redis, the two Redis parts sharing the stores and server setup.
 */
import { createClient } from "@keyv/redis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PreferencesRepository } from "../../src/profile/preferences.js";
import { ProfileRepository, type SaveRequest } from "../../src/profile/repository.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import { AnswerCache } from "../../src/slack/runtime/answer-cache.js";
import { EVERYTHING, LocalChangeFeed } from "../../src/store/change-feed.js";
import { StoreUnavailableError } from "../../src/store/errors.js";
import { preferencesKey, profileKey, type TeamKey } from "../../src/store/keys.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { describeWithRedis, REDIS_URL, StoreBackend, uniqueNamespace } from "../support/redis.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";

const TEAM: TeamKey = { teamId: "T1" };
const GRID_TEAM: TeamKey = { enterpriseId: "E1", teamId: "T1" };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs`. */
async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(5);
  }
}

/** Every topic the store's feed delivers to one listener, in order. */
function listen(store: Store): string[] {
  const topics: string[] = [];
  store.changes.subscribe((topic) => topics.push(topic));
  return topics;
}

const count = (topics: string[], topic: string) => topics.filter((t) => t === topic).length;

/** Waits until the store's client answers, so that its publishes go out to the other instances. */
async function connected(store: Store): Promise<void> {
  await store.get("warm-up");
}

/** Waits until the store's client answers and its feed (which a listener made subscribe) is subscribed. */
async function ready(store: Store, timeoutMs?: number): Promise<void> {
  await connected(store);
  await waitFor(`${store.namespace} feed to be reliable`, () => store.changes.reliable, timeoutMs);
}

function renamed(name: string) {
  return (profile: ServiceProfile): ServiceProfile => ({ ...profile, service: { ...profile.service, name } });
}

function saveRequest(name: string): SaveRequest {
  return { baseRevision: 0, actor: "U1", at: new Date("2026-11-26T03:00:00Z"), update: renamed(name) };
}

/** Open TCP sockets of this process. */
const tcpSockets = () => process.getActiveResourcesInfo().filter((kind) => kind.startsWith("TCP")).length;

describe("LocalChangeFeed", () => {
  it("delivers a topic to every listener at once, and is always reliable", () => {
    const feed = new LocalChangeFeed();
    const first: string[] = [];
    const second: string[] = [];
    feed.subscribe((topic) => first.push(topic));
    feed.subscribe((topic) => second.push(topic));
    expect(feed.reliable).toBe(true);
    feed.publish("profile:-:T1");
    feed.publish(EVERYTHING);
    expect(first).toEqual(["profile:-:T1", EVERYTHING]);
    expect(second).toEqual(["profile:-:T1", EVERYTHING]);
  });

  it("stops delivering to a listener once it unsubscribed, and only to that one", () => {
    const feed = new LocalChangeFeed();
    const kept: string[] = [];
    const dropped: string[] = [];
    feed.subscribe((topic) => kept.push(topic));
    const unsubscribe = feed.subscribe((topic) => dropped.push(topic));
    feed.publish("a");
    unsubscribe();
    unsubscribe(); // harmless
    feed.publish("b");
    expect(kept).toEqual(["a", "b"]);
    expect(dropped).toEqual(["a"]);
  });

  it("publishes to nobody without failing, and closes", async () => {
    const feed = new LocalChangeFeed();
    expect(() => feed.publish("profile:-:T1")).not.toThrow();
    await expect(feed.close()).resolves.toBeUndefined();
  });

  it("is what memory and SQLite stores announce on", async () => {
    const memory = openStore("memory://");
    const sqlite = openStore("sqlite://:memory:");
    try {
      expect(memory.changes).toBeInstanceOf(LocalChangeFeed);
      expect(sqlite.changes).toBeInstanceOf(LocalChangeFeed);
    } finally {
      await memory.close();
      await sqlite.close();
    }
  });
});

describe("repositories announce their writes", () => {
  let store: Store;
  beforeEach(() => {
    store = openStore("memory://");
  });
  afterEach(() => store.close());

  it("ProfileRepository.save announces the profile key once the profile is written", async () => {
    const topics: string[] = [];
    const repository = new ProfileRepository(store);
    store.changes.subscribe((topic) => {
      topics.push(topic);
    });
    let written: unknown;
    store.changes.subscribe(() => {
      written = undefined;
      void store.get(profileKey(TEAM)).then((value) => {
        written = value;
      });
    });
    expect(await repository.save(TEAM, saveRequest("Service"))).toMatchObject({ ok: true, revision: 1 });
    expect(topics).toEqual([profileKey(TEAM)]);
    await waitFor("the announced profile to be readable", () => written !== undefined);
    expect(written).toMatchObject({ revision: 1 });

    await repository.save(GRID_TEAM, saveRequest("Grid service"));
    expect(topics).toEqual([profileKey(TEAM), "profile:E1:T1"]);
  });

  it("ProfileRepository.save announces nothing for a stale or invalid save", async () => {
    const repository = new ProfileRepository(store);
    await repository.save(TEAM, saveRequest("First"));
    const topics = listen(store);
    expect(await repository.save(TEAM, saveRequest("Stale"))).toMatchObject({ ok: false, reason: "stale" });
    await expect(
      repository.save(TEAM, { ...saveRequest("x"), baseRevision: 1, update: { nonsense: true } as never }),
    ).rejects.toThrow();
    expect(topics).toEqual([]);
  });

  it("ProfileRepository.save announces the profile key also when the profile write fails", async () => {
    const failing: Store = {
      ...store,
      set: async (key, value, ttlMs) => {
        if (key === profileKey(TEAM)) throw new StoreUnavailableError("write timed out (it may still land)");
        return store.set(key, value, ttlMs);
      },
    };
    const topics = listen(store);
    await expect(new ProfileRepository(failing).save(TEAM, saveRequest("Service"))).rejects.toThrow(
      StoreUnavailableError,
    );
    expect(topics).toEqual([profileKey(TEAM)]);
  });

  it("PreferencesRepository.setLocale announces the person's preferences key, also when the write fails", async () => {
    const topics = listen(store);
    const preferences = new PreferencesRepository(store);
    await preferences.setLocale(TEAM, "U1", "en");
    expect(topics).toEqual(["prefs:-:T1:U1"]);
    expect(await preferences.get(TEAM, "U1")).toEqual({ locale: "en" });

    const failing: Store = {
      ...store,
      set: async () => {
        throw new StoreUnavailableError("write failed");
      },
    };
    await expect(new PreferencesRepository(failing).setLocale(GRID_TEAM, "U2", "ja")).rejects.toThrow(
      StoreUnavailableError,
    );
    expect(topics).toEqual(["prefs:-:T1:U1", preferencesKey(GRID_TEAM, "U2")]);
  });
});

describeWithRedis("RedisChangeFeed on a real Redis", () => {
  let backend: StoreBackend;
  let other: StoreBackend;
  beforeEach(async () => {
    backend = new StoreBackend("redis");
    other = new StoreBackend("redis");
    await backend.setUp();
    await other.setUp();
  });
  afterEach(async () => {
    await backend.tearDown();
    await other.tearDown();
  });

  it("is not reliable before the first subscribe, and becomes reliable (delivering EVERYTHING) once subscribed", async () => {
    const store = backend.open();
    await store.get("warm-up"); // the store's own client is connected: that alone does not make the feed reliable
    expect(store.changes.reliable).toBe(false);
    const topics = listen(store);
    expect(store.changes.reliable).toBe(false);
    await waitFor("the feed to be reliable", () => store.changes.reliable);
    expect(topics).toContain(EVERYTHING);
    expect(topics.every((topic) => topic === EVERYTHING)).toBe(true);
  });

  it("delivers a topic published by one instance to the other, and to its own listener exactly once", async () => {
    const a = backend.open();
    const b = backend.open();
    const fromA = listen(a);
    const fromB = listen(b);
    await ready(a);
    await ready(b);

    a.changes.publish("profile:-:T1");
    expect(count(fromA, "profile:-:T1")).toBe(1); // at once, in process
    await waitFor("B to hear A's topic", () => fromB.includes("profile:-:T1"));
    // B's topic goes through Redis after A's: once A hears it, A would have heard its own topic back too.
    b.changes.publish("prefs:-:T1:U1");
    await waitFor("A to hear B's topic", () => fromA.includes("prefs:-:T1:U1"));

    expect(count(fromA, "profile:-:T1")).toBe(1);
    expect(count(fromB, "profile:-:T1")).toBe(1);
    expect(count(fromA, "prefs:-:T1:U1")).toBe(1);
    expect(count(fromB, "prefs:-:T1:U1")).toBe(1);
  });

  it("delivers to every listener of the other instance, and not to one that unsubscribed", async () => {
    const a = backend.open();
    const b = backend.open();
    await connected(a);
    const first: string[] = [];
    const second: string[] = [];
    b.changes.subscribe((topic) => first.push(topic));
    const unsubscribe = b.changes.subscribe((topic) => second.push(topic));
    await ready(b);
    a.changes.publish("one");
    await waitFor("both listeners to hear it", () => first.includes("one") && second.includes("one"));
    unsubscribe();
    a.changes.publish("two");
    await waitFor("the first listener to hear it", () => first.includes("two"));
    expect(second).not.toContain("two");
  });

  it("keeps namespaces apart", async () => {
    const a = backend.open();
    const b = backend.open();
    const c = other.open();
    const d = other.open();
    const heardByB = listen(b);
    const heardByC = listen(c);
    for (const store of [a, d]) await connected(store);
    for (const store of [b, c]) await ready(store);

    a.changes.publish("profile:-:T1");
    d.changes.publish("profile:-:T2");
    await waitFor("B to hear A", () => heardByB.includes("profile:-:T1"));
    await waitFor("C to hear D", () => heardByC.includes("profile:-:T2"));
    // Markers published after both: once each is heard, the other namespace's topic would have arrived before it.
    a.changes.publish("marker-1");
    d.changes.publish("marker-2");
    await waitFor("B to hear A's marker", () => heardByB.includes("marker-1"));
    await waitFor("C to hear D's marker", () => heardByC.includes("marker-2"));
    expect(heardByB).not.toContain("profile:-:T2");
    expect(heardByB).not.toContain("marker-2");
    expect(heardByC).not.toContain("profile:-:T1");
    expect(heardByC).not.toContain("marker-1");
  });

  it("announces ProfileRepository.save to the other instance", async () => {
    const a = backend.open();
    const b = backend.open();
    const heard = listen(b);
    await ready(b);
    const repository = new ProfileRepository(a);
    expect(await repository.save(TEAM, saveRequest("Service"))).toMatchObject({ ok: true });
    expect(await repository.save(GRID_TEAM, saveRequest("Grid"))).toMatchObject({ ok: true });
    await waitFor(
      "B to hear both saves",
      () => heard.includes("profile:-:T1") && heard.includes("profile:E1:T1"),
    );
    // What B reads once it heard is the saved profile.
    expect(await new ProfileRepository(b).get(TEAM)).toMatchObject({ revision: 1 });
  });

  it("announces PreferencesRepository.setLocale to the other instance", async () => {
    const a = backend.open();
    const b = backend.open();
    const heard = listen(b);
    await ready(b);
    await new PreferencesRepository(a).setLocale(TEAM, "U1", "en");
    await waitFor("B to hear the preferences", () => heard.includes("prefs:-:T1:U1"));
    expect(await new PreferencesRepository(b).get(TEAM, "U1")).toEqual({ locale: "en" });
  });

  it("makes the other instance's AnswerCache drop the team's answers", async () => {
    const a = backend.open();
    const b = backend.open();
    const clock = () => new Date("2026-11-26T03:00:00Z");
    const cache = new AnswerCache({ clock, changes: b.changes });
    try {
      const remember = (team: TeamKey, text: string) =>
        cache.rememberAnswer(cache.snapshot(team), "ja", "status\u0000", { text, blocks: [] }, clock());
      remember(TEAM, "not yet trusted");
      expect(cache.answer(TEAM, "ja", "status\u0000")).toBeUndefined(); // feed not subscribed yet
      await ready(b);
      remember(TEAM, "T1");
      remember(GRID_TEAM, "E1:T1");
      expect(cache.answer(TEAM, "ja", "status\u0000")?.text).toBe("T1");

      await new ProfileRepository(a).save(TEAM, saveRequest("Service"));
      await waitFor("B's cache to drop T1", () => cache.answer(TEAM, "ja", "status\u0000") === undefined);
      expect(cache.answer(GRID_TEAM, "ja", "status\u0000")?.text).toBe("E1:T1");
    } finally {
      cache.close();
    }
  });

  it("stops delivering on close(), never subscribes again, and leaves no connection open", async () => {
    const admin = createClient({ url: REDIS_URL });
    admin.on("error", () => undefined);
    await admin.connect();
    try {
      const baseline = tcpSockets();
      const subscribedChannels = () => admin.sendCommand(["PUBSUB", "CHANNELS", `${backend.namespace}*`]);
      const a = backend.open();
      const b = backend.open();
      const c = backend.open();
      const heardByB = listen(b);
      const heardByC = listen(c);
      await connected(a);
      for (const store of [b, c]) await ready(store);
      expect(await subscribedChannels()).toHaveLength(1);
      expect(tcpSockets()).toBeGreaterThan(baseline); // the measure below does see the stores' connections

      await b.close();
      expect(b.changes.reliable).toBe(false);
      a.changes.publish("after-close");
      await waitFor("C to hear it", () => heardByC.includes("after-close"));
      expect(heardByB).not.toContain("after-close");

      b.changes.subscribe(() => undefined); // a closed feed opens no new connection
      expect(b.changes.reliable).toBe(false);

      await a.close();
      await c.close();
      expect(a.changes.reliable).toBe(false);
      expect(await subscribedChannels()).toEqual([]);
      await waitFor("every connection of the stores to be closed", () => tcpSockets() <= baseline);
    } finally {
      admin.destroy();
    }
  });

  it("leaves no connection open when closed while the subscription is still connecting", async () => {
    const baseline = tcpSockets();
    const store = backend.open();
    await store.get("warm-up");
    const topics = listen(store);
    expect(tcpSockets()).toBeGreaterThan(baseline);
    await store.close();
    expect(store.changes.reliable).toBe(false);
    await waitFor("every connection of the store to be closed", () => tcpSockets() <= baseline);
    expect(store.changes.reliable).toBe(false);
    expect(topics.filter((topic) => topic !== EVERYTHING)).toEqual([]);
  });
});

describe("RedisChangeFeed when its Redis goes away and comes back", () => {
  let server: RedisServer | undefined;
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await server?.dispose();
    server = undefined;
  });

  it("is unreliable while the server is down, and reliable again (after EVERYTHING) once it is back", async () => {
    server = await startRedisServer();
    const namespace = uniqueNamespace("feed");
    const errors: Error[] = [];
    const open = () => {
      const store = openStore(server?.url, { namespace, onError: (error) => errors.push(error) });
      stores.push(store);
      return store;
    };
    const a = open();
    const b = open();
    const heardByA = listen(a);
    const heardByB = listen(b);
    await ready(a);
    await ready(b);

    await server.stop();
    await waitFor("A's feed to be unreliable", () => !a.changes.reliable);
    await waitFor("B's feed to be unreliable", () => !b.changes.reliable);
    const everythingBefore = [count(heardByA, EVERYTHING), count(heardByB, EVERYTHING)];

    await server.start();
    await waitFor("A's feed to be reliable again", () => a.changes.reliable, 15_000);
    await waitFor("B's feed to be reliable again", () => b.changes.reliable, 15_000);
    expect(count(heardByA, EVERYTHING)).toBeGreaterThan(everythingBefore[0] as number);
    expect(count(heardByB, EVERYTHING)).toBeGreaterThan(everythingBefore[1] as number);

    // The subscription itself is back: topics flow both ways again.
    await ready(a, 15_000);
    await ready(b, 15_000);
    a.changes.publish("profile:-:T1");
    b.changes.publish("profile:-:T2");
    await waitFor("B to hear A after the restart", () => heardByB.includes("profile:-:T1"));
    await waitFor("A to hear B after the restart", () => heardByA.includes("profile:-:T2"));
    expect(errors.length).toBeGreaterThan(0); // the outage was reported, not thrown
  }, 60_000);
});
