import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Keyv } from "keyv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/store/errors.js";
import { openStore } from "../../src/store/keyv-factory.js";
import { isRetryableSqliteError, SqliteKeyvAdapter } from "../../src/store/sqlite-adapter.js";
import type { Store } from "../../src/store/store.js";

let dir: string;
const closing: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ismap-sqlite-adapter-"));
});
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await rm(dir, { recursive: true, force: true });
});

function adapter(file = join(dir, "a.sqlite"), timeoutMs = 2000): SqliteKeyvAdapter {
  const a = new SqliteKeyvAdapter({ file, timeoutMs });
  closing.push(() => a.disconnect());
  return a;
}

function store(file = join(dir, "s.sqlite"), timeoutMs?: number): Store {
  const s = openStore(`sqlite://${file}`, timeoutMs ? { timeoutMs } : {});
  closing.push(() => s.close());
  return s;
}

describe("SqliteKeyvAdapter", () => {
  it("reads a database in @keyv/sqlite's layout (table keyv, key VARCHAR(255) PRIMARY KEY, value TEXT)", async () => {
    const file = join(dir, "old.sqlite");
    const old = new Database(file);
    old.exec("CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )");
    old
      .prepare("INSERT INTO keyv (key, value) VALUES (?, ?)")
      .run("ismap:profile:T1", JSON.stringify({ value: { name: "Old service" }, expires: null }));
    old.close();
    const s = store(file);
    expect(await s.get("profile:T1")).toEqual({ name: "Old service" });
  });

  it("keeps the keys' order in getMany, with undefined for a missing key", async () => {
    const a = adapter();
    await a.set("b", "2");
    await a.set("a", "1");
    expect(await a.getMany(["a", "missing", "b"])).toEqual(["1", undefined, "2"]);
  });

  it("upserts, deletes (telling whether anything was there) and writes a batch in one statement", async () => {
    const a = adapter();
    await a.set("k", "1");
    await a.set("k", "2");
    expect(await a.get("k")).toBe("2");
    expect(await a.delete("k")).toBe(true);
    expect(await a.delete("k")).toBe(false);
    await a.setMany([
      { key: "x", value: "10" },
      { key: "y", value: "20" },
    ]);
    expect(await a.has("x")).toBe(true);
    expect(await a.deleteMany(["x", "y", "z"])).toBe(true);
    expect(await a.deleteMany(["x", "y"])).toBe(false);
  });

  it("clears and iterates only its namespace, reading LIKE's wildcards in a namespace literally", async () => {
    const a = adapter();
    await a.set("team_1:k", "mine");
    await a.set("teamX1:k", "a LIKE wildcard would take this one");
    await a.set("other:k", "theirs");
    const seen: [string, string][] = [];
    for await (const entry of a.iterator("team_1")) seen.push(entry);
    expect(seen).toEqual([["team_1:k", "mine"]]);
    a.namespace = "team_1";
    await a.clear();
    expect(await a.getMany(["team_1:k", "teamX1:k", "other:k"])).toEqual([
      undefined,
      "a LIKE wildcard would take this one",
      "theirs",
    ]);
  });

  it("works under keyv with a namespace, as the store uses it", async () => {
    const keyv = new Keyv({ store: adapter(), namespace: "ns", throwOnErrors: true });
    await keyv.set("k", { n: 1 });
    expect(await keyv.get("k")).toEqual({ n: 1 });
    expect(await keyv.get("missing")).toBeUndefined();
  });

  it("reads while another connection holds a write transaction (write-ahead log)", async () => {
    const file = join(dir, "wal.sqlite");
    const a = adapter(file);
    await a.set("k", "committed");
    const other = new Database(file);
    closing.push(() => {
      other.close();
    });
    other.exec("BEGIN IMMEDIATE");
    other.prepare("INSERT INTO keyv (key, value) VALUES ('k2', 'uncommitted')").run();
    expect(await a.get("k")).toBe("committed");
    expect(await a.get("k2")).toBeUndefined();
    other.exec("ROLLBACK");
  });

  it("tries a locked write again until the lock goes, without blocking the event loop meanwhile", async () => {
    const file = join(dir, "lock.sqlite");
    const a = adapter(file, 3000);
    await a.set("k", "before");
    const other = new Database(file);
    closing.push(() => {
      other.close();
    });
    other.exec("BEGIN EXCLUSIVE");
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const write = a.set("k", "after");
    await new Promise((resolve) => setTimeout(resolve, 150));
    other.exec("COMMIT");
    await write;
    clearInterval(ticker);
    expect(await a.get("k")).toBe("after");
    // The loop kept turning while the write waited for the lock.
    expect(ticks).toBeGreaterThan(3);
  });

  it("gives up on a lock held past the deadline with SQLITE_BUSY, and the store reports it as unavailable", async () => {
    const file = join(dir, "held.sqlite");
    const s = store(file, 300);
    await s.set("k", { v: 1 });
    const other = new Database(file);
    closing.push(() => {
      other.close();
    });
    other.exec("BEGIN EXCLUSIVE");
    try {
      await expect(s.set("k", { v: 2 })).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      other.exec("COMMIT");
    }
    expect(await s.get("k")).toEqual({ v: 1 });
    await s.set("k", { v: 3 });
    expect(await s.get("k")).toEqual({ v: 3 });
  });

  it("rejects every operation with the reason when the file cannot be opened, and throws nothing on open", async () => {
    const notAFile = join(dir, "a-folder.sqlite");
    await mkdir(notAFile);
    const s = store(notAFile);
    await expect(s.get("k")).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(s.set("k", 1)).rejects.toThrow(/SQLite store/);
  });

  it("tells a lock from other failures", () => {
    expect(isRetryableSqliteError(Object.assign(new Error("busy"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isRetryableSqliteError(Object.assign(new Error("full"), { code: "SQLITE_FULL" }))).toBe(false);
    expect(isRetryableSqliteError(undefined)).toBe(false);
  });

  it("refuses a table name that could inject SQL", () => {
    expect(() => new SqliteKeyvAdapter({ file: ":memory:", table: "keyv; DROP TABLE x" })).toThrow(
      /table name/,
    );
  });
});
