import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import { Keyv } from "keyv";
import sqlite3 from "sqlite3";
import { deserialize } from "./deserialize.js";
import { StoreUnavailableError } from "./errors.js";
import { localStore } from "./local-store.js";
import type { OpenStoreOptions, Store } from "./store.js";
import { asError } from "./store-runner.js";

/**
 * keyv's setMany for the SQLite adapter, which has none (keyv would then write each entry in a commit of its
 * own): one upsert statement, so one transaction and one sync for the whole batch.
 */
function sqliteSetMany(adapter: KeyvSqlite): (entries: { key: string; value: unknown }[]) => Promise<void> {
  const upsert = `INSERT INTO ${adapter.opts.table} (key, value)
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
  return async (entries) => {
    await adapter.query(upsert, JSON.stringify(entries.map(({ key, value }) => [key, value])));
  };
}
export function openSqlite(
  path: string,
  namespace: string,
  options: OpenStoreOptions,
  timeoutMs: number,
): Store {
  const inMemory = path === ":memory:";
  const file = inMemory ? path : resolve(path);
  const description = `SQLite store ${file}`;
  if (!inMemory) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreUnavailableError(`${description}: cannot create its folder: ${asError(error).message}`, {
        cause: error,
      });
    }
  }
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: timeoutMs });
  // The adapter opens the database eagerly and rejects a promise nobody awaits yet if that fails; touching it
  // here marks that promise handled (the failure still reaches 'error' and every later operation).
  adapter.query("SELECT 1").catch(() => undefined);
  // Write-ahead log with a sync on every commit: as durable as the default rollback journal (a confirmed write
  // survives a crash or power loss), several times faster per write, and reads go on while a write waits for a
  // lock. A database that cannot switch (read-only) keeps its journal.
  // Then no busy timeout: while another process holds the database locked, a statement waiting inside the driver
  // holds the connection, and the driver then blocks the event loop (the whole app) for every statement behind
  // it. Instead a locked statement fails at once and is tried again here, without blocking, until its deadline; a
  // statement whose deadline has passed is never started (its caller was told that nothing was changed).
  const query = adapter.query;
  const ready = inMemory
    ? Promise.resolve()
    : query("PRAGMA journal_mode=WAL")
        .then(() => query("PRAGMA synchronous=FULL"))
        .then(() => query("PRAGMA busy_timeout=0"))
        .catch(() => undefined);
  adapter.query = async (sql, ...parameters) => {
    const deadline = Date.now() + timeoutMs;
    await ready;
    for (let attempt = 0; ; attempt++) {
      try {
        return await query(sql, ...parameters);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        const wait = Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random());
        if ((code !== "SQLITE_BUSY" && code !== "SQLITE_LOCKED") || Date.now() + wait >= deadline)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  };
  Object.assign(adapter, { setMany: sqliteSetMany(adapter) });
  const reader = inMemory ? undefined : sqliteReader(file, String(adapter.opts.table), ready, timeoutMs);
  if (reader) adapter.get = reader.get as KeyvSqlite["get"];
  const keyv = new Keyv({ store: adapter, namespace, throwOnErrors: true, deserialize });
  return localStore("sqlite", description, keyv, options, timeoutMs, async () => {
    await reader?.close();
    await adapter.disconnect();
  });
}

/**
 * Single-key reads over a second connection to the same file, with one prepared statement. The adapter compiles
 * and finalizes a statement for every read, and finalizing takes the connection's lock on the event loop's thread,
 * waiting for any statement of another request the worker threads are running: most of a read's cost under load.
 * In WAL mode a read on another connection sees every committed write, so it reads what the adapter would.
 */
function sqliteReader(
  file: string,
  table: string,
  ready: Promise<void>,
  timeoutMs: number,
): { get(key: string): Promise<string | undefined>; close(): Promise<void> } {
  type Reader = { db: sqlite3.Database; select: sqlite3.Statement };
  let opened: Promise<Reader> | undefined;
  let closed = false;
  const connect = () =>
    new Promise<Reader>((resolve, reject) => {
      const db = new sqlite3.Database(file, (error) => {
        if (error) return reject(error);
        const select = db.prepare(`SELECT value FROM ${table} WHERE key = ?`, (prepareError) =>
          prepareError ? reject(prepareError) : resolve({ db, select }),
        );
      });
    });
  const open = (): Promise<Reader> => {
    if (closed) return Promise.reject(new Error("the store is closed"));
    if (!opened) {
      // A connection that failed to open is tried again by the next read.
      opened = ready.then(connect).catch((error: unknown) => {
        opened = undefined;
        throw error;
      });
    }
    return opened;
  };
  const readOnce = async (key: string): Promise<string | undefined> => {
    const { select } = await open();
    // `all`, not `get`: a statement stepped to its end closes its read transaction, where one left on its row
    // would hold an old snapshot until the next read (and keep the WAL from being reset meanwhile).
    return new Promise((resolve, reject) => {
      select.all(key, (error: Error | null, rows: { value: string }[]) =>
        error ? reject(error) : resolve(rows[0]?.value),
      );
    });
  };
  // Opened with the store, like the adapter's own connection, so that the first read does not wait for it; one
  // that fails now is opened again by the first read.
  open().catch(() => undefined);
  return {
    async get(key) {
      const deadline = Date.now() + timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await readOnce(key);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          const wait = Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random());
          if ((code !== "SQLITE_BUSY" && code !== "SQLITE_LOCKED") || Date.now() + wait >= deadline)
            throw error;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    },
    async close() {
      closed = true;
      const current = opened;
      opened = undefined;
      if (!current) return;
      const { db, select } = await current.catch(() => ({ db: undefined, select: undefined }));
      if (!db || !select) return;
      await new Promise<void>((resolve) => select.finalize(() => resolve()));
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
