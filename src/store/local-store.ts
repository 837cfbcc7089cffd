import type { Keyv } from "keyv";
import { LocalChangeFeed } from "./change-feed.js";
import { LocalClaimStore } from "./claims.js";
import { DEFAULT_NAMESPACE, type OpenStoreOptions, type Store } from "./store.js";
import { asError, makeRunner, storeOps, throttledWarn } from "./store-runner.js";

/** A store in this process (memory or SQLite): in-process claims and change feed. */
export function localStore(
  kind: "memory" | "sqlite",
  description: string,
  keyv: Keyv,
  options: OpenStoreOptions,
  timeoutMs: number,
  disconnect: () => Promise<void> = async () => undefined,
): Store {
  const onError = options.onError ?? throttledWarn(description);
  keyv.on("error", (error: unknown) => onError(asError(error)));
  const state = { closed: false };
  const run = makeRunner(description, timeoutMs, state);
  const ops = storeOps(keyv, run);
  return {
    kind,
    namespace: keyv.namespace ?? DEFAULT_NAMESPACE,
    description,
    keyv,
    claims: new LocalClaimStore({ doneMarks: ops }),
    changes: new LocalChangeFeed(),
    ...ops,
    run,
    async close() {
      if (state.closed) return;
      state.closed = true;
      await disconnect().catch((error: unknown) => onError(asError(error)));
    },
  };
}
