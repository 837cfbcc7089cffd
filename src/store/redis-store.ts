import { createRequire } from "node:module";
import type { RedisClientType } from "@keyv/redis";
import { Keyv } from "keyv";
import { RedisChangeFeed } from "./change-feed.js";
import { RedisClaimStore } from "./claims.js";
import { deserialize } from "./deserialize.js";
import type { OpenStoreOptions, Store } from "./store.js";
import { asError, makeRunner, storeOps, throttledWarn } from "./store-runner.js";
import { redactUrl } from "./store-url.js";

/**
 * The Redis client library, loaded when a Redis store is first opened: it takes about a tenth of a second to load,
 * and a SQLite deployment never needs it (the process starts that much sooner).
 */
function redisLibrary(): typeof import("@keyv/redis") {
  return createRequire(import.meta.url)("@keyv/redis");
}
export function openRedis(
  url: string,
  namespace: string,
  options: OpenStoreOptions,
  timeoutMs: number,
): Store {
  const { default: KeyvRedis, createClient } = redisLibrary();
  const description = `Redis store ${redactUrl(url)}`;
  const onError = options.onError ?? throttledWarn(description);
  const client = createClient({
    url,
    // Commands fail at once while disconnected instead of queueing and running late, after we gave up on them.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries: number) =>
        Math.min(100 * 2 ** retries, 2_000) + Math.floor(Math.random() * 100),
    },
  }) as RedisClientType;
  // Without a listener an 'error' event would crash the process.
  client.on("error", (error: unknown) => onError(asError(error)));
  // Connects in the background (retrying with back-off); operations wait for it within their deadline.
  client.connect().catch(() => undefined);

  let readyWait: Promise<void> | undefined;
  const whenReady = (): Promise<void> => {
    if (client.isReady) return Promise.resolve();
    readyWait ??= new Promise<void>((resolve) => {
      client.once("ready", () => {
        readyWait = undefined;
        resolve();
      });
    });
    return readyWait;
  };

  const adapter = new KeyvRedis(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
  const keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, throwOnErrors: true, deserialize });
  // The adapter re-emits the client's errors through keyv; the client listener above already reports them.
  keyv.on("error", () => undefined);
  const state = { closed: false };
  const run = makeRunner(description, timeoutMs, state, whenReady);
  const ops = storeOps(keyv, run);
  const changes = new RedisChangeFeed(client, `${namespace}${adapter.keyPrefixSeparator}changes`, onError);
  return {
    kind: "redis",
    namespace,
    description,
    keyv,
    claims: new RedisClaimStore(client, { prefix: `${namespace}${adapter.keyPrefixSeparator}`, run }),
    changes,
    ...ops,
    run,
    async close() {
      if (state.closed) return;
      state.closed = true;
      await changes.close();
      if (!client.isOpen) return;
      if (client.isReady) {
        let timer: NodeJS.Timeout | undefined;
        const closed = await Promise.race([
          client.close().then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          }),
        ]).catch(() => false);
        clearTimeout(timer);
        if (closed || !client.isOpen) return;
      }
      // A reconnect attempt that is waiting out its back-off ends by itself once it sees the client closed.
      client.destroy();
    },
  };
}
