/**
 * Tells every instance of the app that something in the store changed, so in-process caches of store data can
 * drop what went stale. Within one process the news is delivered at once; between processes it goes through Redis
 * pub/sub. Delivery between processes is best effort: callers must bound how long they trust a cached value.
 */
import { randomUUID } from "node:crypto";
import type { RedisClientType } from "@keyv/redis";

/** A topic every listener receives when changes may have been missed: drop everything. */
export const EVERYTHING = "*";

export type ChangeListener = (topic: string) => void;

export interface ChangeFeed {
  /** Announces that `topic` changed: to this process's listeners at once, to other instances through the backend. */
  publish(topic: string): void;
  /** Receives every topic published by any instance; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void;
  /**
   * False while changes made by other instances could go unnoticed (the Redis subscription is down). When it comes
   * back, listeners receive EVERYTHING.
   */
  readonly reliable: boolean;
  close(): Promise<void>;
}

class Listeners {
  readonly #listeners = new Set<ChangeListener>();

  add(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#listeners.size;
  }

  deliver(topic: string): void {
    for (const listener of this.#listeners) listener(topic);
  }
}

/** One process owns the data (SQLite, memory): every change is published here, so nothing is ever missed. */
export class LocalChangeFeed implements ChangeFeed {
  readonly #listeners = new Listeners();
  readonly reliable = true;

  publish(topic: string): void {
    this.#listeners.deliver(topic);
  }

  subscribe(listener: ChangeListener): () => void {
    return this.#listeners.add(listener);
  }

  async close(): Promise<void> {}
}

/**
 * Redis: PUBLISH on `channel` through the store's client, and a second connection (opened on the first subscribe)
 * that listens. A message carries the publishing instance's id so it does not deliver its own changes twice.
 */
export class RedisChangeFeed implements ChangeFeed {
  readonly #instance = randomUUID();
  readonly #listeners = new Listeners();
  #subscriber: RedisClientType | undefined;
  #subscribed = false;
  #closed = false;

  constructor(
    private readonly client: RedisClientType,
    private readonly channel: string,
    private readonly onError: (error: Error) => void,
  ) {}

  get reliable(): boolean {
    return this.#subscribed && this.#subscriber?.isReady === true;
  }

  publish(topic: string): void {
    this.#listeners.deliver(topic);
    if (!this.client.isReady) return;
    this.client.publish(this.channel, `${this.#instance} ${topic}`).catch((error: unknown) => {
      this.onError(new Error(`change notice for ${topic} not sent: ${(error as Error).message}`));
    });
  }

  subscribe(listener: ChangeListener): () => void {
    const unsubscribe = this.#listeners.add(listener);
    if (!this.#subscriber && !this.#closed) this.#listen();
    return unsubscribe;
  }

  #listen(): void {
    const subscriber = this.client.duplicate() as RedisClientType;
    this.#subscriber = subscriber;
    subscriber.on("error", (error: unknown) => this.onError(error as Error));
    // Anything published while the connection was down is lost: listeners start afresh whenever it is back (the
    // client subscribes again by itself on reconnecting).
    subscriber.on("ready", () => {
      this.#listeners.deliver(EVERYTHING);
    });
    subscriber
      .connect()
      .then(() =>
        subscriber.subscribe(this.channel, (message) => {
          const space = message.indexOf(" ");
          if (space < 0 || message.slice(0, space) === this.#instance) return;
          this.#listeners.deliver(message.slice(space + 1));
        }),
      )
      .then(() => {
        this.#subscribed = true;
        this.#listeners.deliver(EVERYTHING);
      })
      .catch((error: unknown) => this.onError(error as Error));
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#subscribed = false;
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    if (!subscriber?.isOpen) return;
    if (subscriber.isReady) await subscriber.close().catch(() => subscriber.destroy());
    else subscriber.destroy();
  }
}
