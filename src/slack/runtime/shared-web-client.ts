/**
 * One Web API client for every workspace, the workspace's token given with each call.
 *
 * Bolt builds a `WebClient` for each workspace a request comes from (its `clients` pool, keyed by team) and keeps it
 * for the life of the process: about 26 KiB and 150–190 µs of CPU each, since a client binds several hundred API
 * methods when it is made. With thousands of installations that is memory that only grows, and on a workspace's
 * first question it is a tenth of the app's CPU. Here Bolt's pool hands out views of one shared client instead:
 * each view answers `token` and `teamId` with the request's own and adds them to every call's arguments, where
 * `WebClient.apiCall` takes a call's `token` over its own (Authorization header) and sends `team_id` as a client
 * made for the team would.
 *
 * Rate limits stay per workspace, as Slack counts them. A `WebClient` told to wait out a 429 pauses its whole request
 * queue for Retry-After, which on a shared client would stall every other workspace; so the shared client rejects a
 * rate-limited call at once, and the view waits it out instead (RateLimitGate): that workspace's calls hold back
 * until Retry-After has passed, the limited call is tried again, and the other workspaces go on.
 */
import { ErrorCode, WebClient, type WebClientOptions } from "@slack/web-api";

type Options = Record<string, unknown> | undefined;
type AnyFunction = (...args: unknown[]) => unknown;

/** Tries of a rate-limited call after the first, as the app's clients retry other failures (app.ts). */
export const RATE_LIMIT_RETRIES = 2;

/** Past waits are forgotten when a token is next used; past this many held, all that are over are dropped. */
const MAX_WAITING_TOKENS = 1_000;

/** Unreferenced: a wait for Slack must not keep a stopping process alive. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** The seconds Slack asked to wait, when `error` is a rejected rate-limited call; undefined for any other error. */
export function retryAfterOf(error: unknown): number | undefined {
  const { code, retryAfter } = (error ?? {}) as { code?: unknown; retryAfter?: unknown };
  return code === ErrorCode.RateLimitedError && typeof retryAfter === "number" ? retryAfter : undefined;
}

/** When each workspace (by token) may call again after a 429, and the waiting that follows from it. */
export class RateLimitGate {
  readonly #until = new Map<string, number>();
  readonly #retries: number;

  constructor(retries = RATE_LIMIT_RETRIES) {
    this.#retries = retries;
  }

  /** Runs `call` once the token's wait is over; a 429 sets a new wait and tries again, at most `retries` times. */
  async run<T>(token: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.#waitFor(token);
      try {
        return await call();
      } catch (error) {
        const retryAfter = retryAfterOf(error);
        if (retryAfter === undefined || attempt >= this.#retries) throw error;
        const now = Date.now();
        if (this.#until.size >= MAX_WAITING_TOKENS) {
          for (const [held, until] of this.#until) if (until <= now) this.#until.delete(held);
        }
        this.#until.set(token, Math.max(now + retryAfter * 1000, this.#until.get(token) ?? 0));
      }
    }
  }

  async #waitFor(token: string): Promise<void> {
    const until = this.#until.get(token);
    if (until === undefined) return;
    const wait = until - Date.now();
    if (wait > 0) return void (await sleep(wait));
    this.#until.delete(token);
  }
}

interface Credentials {
  token: string;
  teamId: string | undefined;
  /** Without a gate a rate-limited call fails at once (views.open, whose trigger would expire). */
  gate: RateLimitGate | undefined;
}

function withCredentials(options: Options, { token, teamId }: Credentials): Record<string, unknown> {
  const given = options ?? {};
  return {
    ...(teamId !== undefined && given.team_id === undefined ? { team_id: teamId } : {}),
    ...given,
    token: given.token ?? token,
  };
}

function gated(credentials: Credentials, call: () => unknown): unknown {
  const { gate, token } = credentials;
  return gate ? gate.run(token, call as () => Promise<unknown>) : call();
}

/** API families (`chat`, `admin.apps`) are plain objects; the logger and the request queue are class instances. */
function isPlainObject(value: unknown): value is object {
  return value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;
}

/** A namespace such as `client.chat`: every method gets the credentials in its (only) options argument. */
function namespaceView(namespace: object, credentials: Credentials): object {
  return new Proxy(namespace, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value === "function") {
        return (options?: Options) =>
          gated(credentials, () => (value as AnyFunction)(withCredentials(options, credentials)));
      }
      if (isPlainObject(value)) return namespaceView(value, credentials);
      return value;
    },
  });
}

/**
 * `shared` as a client of the workspace that `token` belongs to. With a `gate`, rate-limited calls are waited out
 * per workspace (give `shared` `rejectRateLimitedCalls: true`, or its own waiting pauses everyone's calls).
 */
export function clientFor(
  shared: WebClient,
  token: string,
  teamId?: string,
  gate?: RateLimitGate,
): WebClient {
  const credentials: Credentials = { token, teamId, gate };
  const views = new Map<PropertyKey, unknown>();
  return new Proxy(shared, {
    get(target, property) {
      if (property === "token") return token;
      if (property === "teamId") return teamId;
      const found = views.get(property);
      if (found !== undefined) return found;
      const value = Reflect.get(target, property);
      let view: unknown = value;
      if (property === "apiCall") {
        view = (method: string, options?: Options) =>
          gated(credentials, () =>
            (value as AnyFunction).call(target, method, withCredentials(options, credentials)),
          );
      } else if (property === "paginate") {
        // An iterator of pages: the credentials go with every page's call; a rate limit ends it with an error.
        view = (method: string, options?: Options, ...rest: unknown[]) =>
          (value as AnyFunction).call(target, method, withCredentials(options, credentials), ...rest);
      } else if (property === "filesUploadV2" || property === "chatStream") {
        view = (options?: Options) =>
          gated(credentials, () =>
            (value as AnyFunction).call(target, withCredentials(options, credentials)),
          );
      } else if (typeof value === "function") {
        view = (value as AnyFunction).bind(target);
      } else if (isPlainObject(value)) {
        view = namespaceView(value, credentials);
      }
      views.set(property, view);
      return view;
    },
  });
}

/** What Bolt's `App` reads its per-workspace clients from (a private field, `clients[teamOrEnterpriseId]`). */
interface BoltClientPools {
  clients: Record<string, { getOrCreate(token: string, options: WebClientOptions): WebClient }>;
}

/**
 * Replaces Bolt's per-workspace client pools with views of one client, made on the first request with the options
 * Bolt would have given a workspace's client (its logger, API address, retries), the team left out and rate limits
 * rejected at once (each view waits them out for its own workspace). Fails at once if the Bolt in use no longer
 * keeps its pools where this expects them.
 */
export function shareOneWebClient(app: object): void {
  const bolt = app as Partial<BoltClientPools>;
  if (bolt.clients === null || typeof bolt.clients !== "object") {
    throw new Error("shareOneWebClient: this version of @slack/bolt keeps no `clients` pool on App");
  }
  let shared: WebClient | undefined;
  const gate = new RateLimitGate();
  const pool = {
    getOrCreate(token: string, { teamId, ...options }: WebClientOptions): WebClient {
      shared ??= new WebClient(undefined, { ...options, rejectRateLimitedCalls: true });
      return clientFor(shared, token, teamId, gate);
    },
  };
  bolt.clients = new Proxy({} as BoltClientPools["clients"], { get: () => pool });
}
