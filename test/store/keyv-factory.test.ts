import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ProfileRepository } from "../../src/profile/repository.js";
import { StoreUnavailableError, StoreUrlError } from "../../src/store/errors.js";
import { KeyvInstallationStore } from "../../src/store/installation-store.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { parseStoreUrl, redactUrl } from "../../src/store/store-url.js";
import { forEachStoreBackend } from "../support/redis.js";

describe("parseStoreUrl", () => {
  it("reads the three supported kinds", () => {
    expect(parseStoreUrl("sqlite://./data/ismap.sqlite")).toEqual({
      kind: "sqlite",
      path: "./data/ismap.sqlite",
    });
    expect(parseStoreUrl("sqlite:///var/lib/ismap/db.sqlite")).toEqual({
      kind: "sqlite",
      path: "/var/lib/ismap/db.sqlite",
    });
    expect(parseStoreUrl("redis://cache:6379/2")).toEqual({ kind: "redis", url: "redis://cache:6379/2" });
    expect(parseStoreUrl("rediss://:secret@cache:6380")).toEqual({
      kind: "redis",
      url: "rediss://:secret@cache:6380",
    });
    expect(parseStoreUrl("memory://")).toEqual({ kind: "memory" });
  });

  it("refuses anything else with a message naming the accepted forms", () => {
    expect(() => parseStoreUrl("postgres://db/ismap")).toThrow(StoreUrlError);
    expect(() => parseStoreUrl("postgres://db/ismap")).toThrow(
      /sqlite:\/\/<path>, redis:\/\/host:port or memory:\/\//,
    );
    expect(() => parseStoreUrl("sqlite://")).toThrow(/names no file/);
    expect(() => parseStoreUrl("")).toThrow(StoreUrlError);
  });

  it("never repeats a password in its errors", () => {
    expect(() => parseStoreUrl("mongodb://admin:hunter2@db")).toThrow(/mongodb:\/\/\*\*\*@db/);
    expect(() => parseStoreUrl("mongodb://admin:hunter2@db")).not.toThrow(/hunter2/);
    expect(redactUrl("redis://:pw@h:1")).toBe("redis://***@h:1");
  });
});

describe("openStore with SQLite files", () => {
  let dir = "";
  const opened: Store[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("creates the folder of a relative path and keeps data across reopening", async () => {
    dir = await mkdtemp(join(tmpdir(), "ismap-factory-"));
    const file = join(dir, "a", "b", "ismap.sqlite");
    const url = `sqlite://./${relative(process.cwd(), file)}`;
    const first = openStore(url);
    opened.push(first);
    await first.set("k", { n: 1 });
    await first.close();
    expect(existsSync(file)).toBe(true);
    const second = openStore(`sqlite://${file}`);
    opened.push(second);
    expect(await second.get("k")).toEqual({ n: 1 });
  });

  it("a read started after a write was confirmed sees it, under concurrent reads and writes (reads use a connection of their own)", async () => {
    dir = await mkdtemp(join(tmpdir(), "ismap-factory-"));
    const store = openStore(`sqlite://${join(dir, "rw.sqlite")}`);
    opened.push(store);
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    for (let round = 1; round <= 25; round++) {
      await Promise.all(
        keys.map(async (key) => {
          await store.set(key, { round, key });
          expect(await store.get(key)).toEqual({ round, key });
        }),
      );
    }
    await store.delete("k0");
    expect(await store.get("k0")).toBeUndefined();
    expect(await store.getMany(["k1", "k0"])).toEqual([{ round: 25, key: "k1" }, undefined]);
    // Closing releases both connections: the file opens again and reads what was confirmed.
    await store.close();
    const again = openStore(`sqlite://${join(dir, "rw.sqlite")}`);
    opened.push(again);
    expect(await again.get("k7")).toEqual({ round: 25, key: "k7" });
  });

  it("holds no read transaction between reads: the write-ahead log can be checkpointed and truncated", async () => {
    dir = await mkdtemp(join(tmpdir(), "ismap-factory-"));
    const file = join(dir, "wal.sqlite");
    const store = openStore(`sqlite://${file}`);
    opened.push(store);
    for (let i = 0; i < 20; i++) await store.set(`k${i}`, { i });
    expect(await store.get("k3")).toEqual({ i: 3 });
    const other = new Database(file);
    try {
      const [result] = other.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number }[];
      // busy 1 would mean a reader still holds a snapshot and the log cannot be truncated.
      expect(result).toEqual({ busy: 0, log: 0, checkpointed: 0 });
    } finally {
      other.close();
    }
    expect(await store.get("k19")).toEqual({ i: 19 });
  });

  it("fails to open with StoreUnavailableError when the folder cannot be created", async () => {
    dir = await mkdtemp(join(tmpdir(), "ismap-factory-"));
    const blocker = join(dir, "a-file");
    await writeFile(blocker, "not a folder");
    expect(() => openStore(`sqlite://${join(blocker, "sub", "x.sqlite")}`)).toThrow(StoreUnavailableError);
  });
});

forEachStoreBackend((backend) => {
  it("sets, gets and deletes JSON values", async () => {
    const store = backend.open();
    expect(store.kind).toBe(backend.kind);
    expect(await store.get("missing")).toBeUndefined();
    await store.set("doc", { a: [1, "two", { three: true }], at: "2025-04-01T00:00:00.000Z" });
    expect(await store.get("doc")).toEqual({
      a: [1, "two", { three: true }],
      at: "2025-04-01T00:00:00.000Z",
    });
    expect(await store.delete("doc")).toBe(true);
    expect(await store.delete("doc")).toBe(false);
    expect(await store.get("doc")).toBeUndefined();
  });

  it("expires values written with a ttl", async () => {
    const store = backend.open();
    // The ttl runs from before the write, whose sync can take tens of milliseconds on a busy machine.
    await store.set("short", 1, 500);
    expect(await store.get("short")).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await store.get("short")).toBeUndefined();
  });

  it("keeps namespaces apart", async () => {
    if (backend.kind === "memory") return; // separate memory stores never share anything
    const mine = backend.open();
    const other = backend.open({ namespace: `${backend.namespace}-other` });
    await mine.set("same-key", "mine");
    expect(await other.get("same-key")).toBeUndefined();
    await other.set("same-key", "other");
    expect(await mine.get("same-key")).toBe("mine");
  });

  it("rejects with StoreUnavailableError once closed", async () => {
    const store = backend.open();
    await store.close();
    await expect(store.get("k")).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.set("k", 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close(); // closing twice is harmless
  });
});

describe("a Redis store nobody answers", () => {
  it("rejects every operation with StoreUnavailableError within ~3 s and never crashes the process", async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);
    const reported: Error[] = [];
    const store = openStore("redis://127.0.0.1:1", { onError: (error) => reported.push(error) });
    try {
      const started = Date.now();
      const results = await Promise.allSettled([
        store.get("k"),
        store.set("k", 1),
        store.delete("k"),
        store.claims.claim("c", 1_000),
        store.claims.isDone("c"),
        new ProfileRepository(store).get({ teamId: "T1" }),
        new ProfileRepository(store).save(
          { teamId: "T1" },
          { baseRevision: 0, actor: "U1", at: new Date(), update: (p) => p },
        ),
        new KeyvInstallationStore(store).fetchInstallation({
          teamId: "T1",
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        }),
      ]);
      const elapsed = Date.now() - started;
      for (const result of results) {
        expect(result.status).toBe("rejected");
        if (result.status === "rejected") {
          expect(result.reason).toBeInstanceOf(StoreUnavailableError);
          expect(String(result.reason.message)).toMatch(/Redis store redis:\/\/127\.0\.0\.1:1/);
        }
      }
      expect(elapsed).toBeLessThan(3_000);
      expect(reported.length).toBeGreaterThan(0);
      expect(reported[0]?.message).toMatch(/ECONNREFUSED/);
    } finally {
      await store.close();
      // Let a pending reconnect attempt run into the closed client.
      await new Promise((resolve) => setTimeout(resolve, 300));
      process.off("uncaughtException", onCrash);
      process.off("unhandledRejection", onCrash);
    }
    expect(crashes).toEqual([]);
  });
});
