/**
 * One Web API client for every workspace, the workspace's token given with each call.
 *
 * Bolt builds a `WebClient` for each workspace a request comes from (its `clients` pool, keyed by team) and keeps it
 * for the life of the process: about 26 KiB and 150–190 µs of CPU each, since a client binds several hundred API
 * methods when it is made. With thousands of installations that is memory that only grows, and on a workspace's
 * first question it is a tenth of the app's CPU. Here Bolt's pool hands out views of one shared client instead:
 * each view answers `token` and `teamId` with the request's own and adds them to every call's arguments, where
 * `WebClient.apiCall` takes a call's `token` over its own (Authorization header) and sends `team_id` as a client
 * made for the team would. Nothing of the shared client is changed.
 */
import { WebClient, type WebClientOptions } from "@slack/web-api";

type Options = Record<string, unknown> | undefined;
type AnyFunction = (...args: unknown[]) => unknown;

interface Credentials {
  token: string;
  teamId: string | undefined;
}

function withCredentials(options: Options, { token, teamId }: Credentials): Record<string, unknown> {
  const given = options ?? {};
  return {
    ...(teamId !== undefined && given.team_id === undefined ? { team_id: teamId } : {}),
    ...given,
    token: given.token ?? token,
  };
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
        return (options?: Options) => (value as AnyFunction)(withCredentials(options, credentials));
      }
      if (isPlainObject(value)) return namespaceView(value, credentials);
      return value;
    },
  });
}

/** `shared` as a client of the workspace that `token` belongs to. */
export function clientFor(shared: WebClient, token: string, teamId?: string): WebClient {
  const credentials: Credentials = { token, teamId };
  const views = new Map<PropertyKey, unknown>();
  return new Proxy(shared, {
    get(target, property) {
      if (property === "token") return token;
      if (property === "teamId") return teamId;
      const found = views.get(property);
      if (found !== undefined) return found;
      const value = Reflect.get(target, property);
      let view: unknown = value;
      if (property === "apiCall" || property === "paginate") {
        view = (method: string, options?: Options, ...rest: unknown[]) =>
          (value as AnyFunction).call(target, method, withCredentials(options, credentials), ...rest);
      } else if (property === "filesUploadV2" || property === "chatStream") {
        view = (options?: Options) =>
          (value as AnyFunction).call(target, withCredentials(options, credentials));
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
 * Bolt would have given a workspace's client (its logger, API address, retries), the team left out. Fails at once
 * if the Bolt in use no longer keeps its pools where this expects them.
 */
export function shareOneWebClient(app: object): void {
  const bolt = app as Partial<BoltClientPools>;
  if (bolt.clients === null || typeof bolt.clients !== "object") {
    throw new Error("shareOneWebClient: this version of @slack/bolt keeps no `clients` pool on App");
  }
  let shared: WebClient | undefined;
  const pool = {
    getOrCreate(token: string, { teamId, ...options }: WebClientOptions): WebClient {
      shared ??= new WebClient(undefined, options);
      return clientFor(shared, token, teamId);
    },
  };
  bolt.clients = new Proxy({} as BoltClientPools["clients"], { get: () => pool });
}
