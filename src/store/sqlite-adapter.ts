/**
 * keyv's storage adapter for an embedded SQLite file, on better-sqlite3: the same table as @keyv/sqlite (`keyv`,
 * `key VARCHAR(255) PRIMARY KEY, value TEXT`), so a database written by either reads the same.
 *
 * Why not @keyv/sqlite: its driver (sqlite3) runs every statement on a worker thread and comes back through the
 * event loop. For a lookup by primary key that round trip costs several times the read itself, on the main thread
 * and the worker, and a first answer stands behind three of them (installation, language, profile). Here a
 * statement runs on the calling thread: a point read takes microseconds. A write waits for its commit's sync
 * (journal in write-ahead-log mode, synchronous FULL: a confirmed write survives a crash or a power loss).
 *
 * The connection never waits for a lock (busy timeout 0): a statement that finds the database locked by another
 * process fails at once with SQLITE_BUSY and is tried again by the caller, without blocking, until its deadline.
 * One SQLite library in the process: two (better-sqlite3 and sqlite3 each bundle their own) would not see each
 * other's POSIX locks on the same file.
 */
import { EventEmitter } from "node:events";
import Database from "better-sqlite3";

export interface SqliteAdapterOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  file: string;
  table?: string;
  /** How long a statement that finds the database locked is tried again. Default 2000. */
  timeoutMs?: number;
}

type Row = { key: string; value: string };

/** The errors that mean "locked by another connection now": worth trying again. */
export const SQLITE_RETRYABLE: ReadonlySet<string> = new Set([
  "SQLITE_BUSY",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_BUSY_TIMEOUT",
  "SQLITE_LOCKED",
  "SQLITE_LOCKED_SHAREDCACHE",
]);

export function isRetryableSqliteError(error: unknown): boolean {
  return SQLITE_RETRYABLE.has(String((error as { code?: unknown } | undefined)?.code));
}

export class SqliteKeyvAdapter extends EventEmitter {
  readonly opts: { table: string; dialect: "sqlite"; file: string; timeoutMs: number };
  namespace?: string | undefined;
  readonly #statements = new Map<string, Database.Statement>();
  #db: Database.Database | undefined;
  #closed = false;

  constructor(options: SqliteAdapterOptions) {
    super();
    const table = options.table ?? "keyv";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid table name: ${table}`);
    this.opts = { table, dialect: "sqlite", file: options.file, timeoutMs: options.timeoutMs ?? 2000 };
  }

  /**
   * Runs `op` now; while it fails because another connection holds a lock, again after a short wait (5, 10, 20 …
   * 100 ms, jittered), never past the deadline. Nothing waits on this thread.
   */
  async #locked<T>(op: () => T): Promise<T> {
    const deadline = Date.now() + this.opts.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return op();
      } catch (error) {
        const wait = Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random());
        if (!isRetryableSqliteError(error) || Date.now() + wait >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Opens the database now if it can; a failure is left for the first operation to meet (and retry). */
  warmUp(): void {
    try {
      this.#open();
    } catch {
      // An operation opens it again and reports what fails.
    }
  }

  /**
   * Opens the file on first use (and again after a failed attempt): write-ahead log where the file allows it (a
   * read-only one keeps its journal), then the table. Throws what SQLite threw.
   */
  #open(): Database.Database {
    if (this.#closed) throw new Error("the store is closed");
    if (this.#db) return this.#db;
    const db = new Database(this.opts.file, { timeout: 0 });
    try {
      try {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = FULL");
      } catch (error) {
        if (isRetryableSqliteError(error)) throw error;
      }
      db.exec(`CREATE TABLE IF NOT EXISTS ${this.opts.table} (key VARCHAR(255) PRIMARY KEY, value TEXT)`);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#db = db;
    return db;
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#open().prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs one statement now, on this thread: its rows for a query, none for a change. */
  querySync(sql: string, ...parameters: unknown[]): Row[] {
    const statement = this.#statement(sql);
    if (statement.reader) return statement.all(...parameters) as Row[];
    statement.run(...parameters);
    return [];
  }

  query(sql: string, ...parameters: unknown[]): Promise<Row[]> {
    return this.#locked(() => this.querySync(sql, ...parameters));
  }

  get(key: string): Promise<string | undefined> {
    return this.#locked(
      () => this.querySync(`SELECT value FROM ${this.opts.table} WHERE key = ?`, key)[0]?.value,
    );
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const rows = await this.query(
      `SELECT key, value FROM ${this.opts.table} WHERE key IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys),
    );
    const byKey = new Map(rows.map((row) => [row.key, row.value]));
    return keys.map((key) => byKey.get(key));
  }

  async set(key: string, value: string): Promise<void> {
    await this.query(
      `INSERT INTO ${this.opts.table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      key,
      value,
    );
  }

  /** Every entry in one statement: one transaction, one sync. */
  async setMany(entries: { key: string; value: string }[]): Promise<void> {
    await this.query(
      `INSERT INTO ${this.opts.table} (key, value)
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
        ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      JSON.stringify(entries.map(({ key, value }) => [key, value])),
    );
  }

  async delete(key: string): Promise<boolean> {
    const info = await this.#locked(() =>
      this.#statement(`DELETE FROM ${this.opts.table} WHERE key = ?`).run(key),
    );
    return info.changes > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    const info = await this.#locked(() =>
      this.#statement(`DELETE FROM ${this.opts.table} WHERE key IN (SELECT value FROM json_each(?))`).run(
        JSON.stringify(keys),
      ),
    );
    return info.changes > 0;
  }

  async has(key: string): Promise<boolean> {
    return (await this.query(`SELECT key FROM ${this.opts.table} WHERE key = ?`, key)).length > 0;
  }

  /** Deletes the namespace's entries (every entry when there is no namespace). */
  async clear(): Promise<void> {
    await this.query(
      `DELETE FROM ${this.opts.table} WHERE key LIKE ? ESCAPE '\\'`,
      this.namespace ? `${escapeLike(this.namespace)}:%` : "%",
    );
  }

  async *iterator(namespace?: string): AsyncGenerator<[string, string]> {
    const pattern = namespace ? `${escapeLike(namespace)}:%` : "%";
    const rows = await this.query(
      `SELECT key, value FROM ${this.opts.table} WHERE key LIKE ? ESCAPE '\\' ORDER BY key`,
      pattern,
    );
    for (const row of rows) yield [row.key, row.value];
  }

  async disconnect(): Promise<void> {
    this.#closed = true;
    this.#statements.clear();
    this.#db?.close();
    this.#db = undefined;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
