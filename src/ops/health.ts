/**
 * Health endpoints on the app's own HTTP port, for load balancers and container runtimes: `GET /healthz` answers
 * 200 while the process serves requests; `GET /readyz` answers 200 only when the rules are loaded and the store
 * answers a read within READY_DEADLINE_MS, else 503 naming what is not ready. Neither touches Slack, and neither
 * says more than "ok" or "unavailable" about the store (its address and errors go to the log only).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import { withinDeadline } from "../slack/runtime/deadline.js";
import type { Store } from "../store/store.js";

/** How long /readyz waits for the store: well under the usual 5 s probe timeout of Kubernetes and Docker. */
export const READY_DEADLINE_MS = 1_000;
/** The key /readyz reads; it is never written, so the read is the cheapest round trip the store has. */
export const READY_PROBE_KEY = "ops:readyz";

export interface ReadinessDeps {
  store: Pick<Store, "get">;
  /** The loaded rules' version; empty means no rules. */
  rulesVersion: string;
  deadlineMs?: number;
  onStoreFailure?: (error: Error) => void;
}

export interface Readiness {
  ready: boolean;
  checks: { rules: "ok" | "missing"; store: "ok" | "unavailable" };
  rulesVersion?: string;
}

/** Checks the rules and one store read within the deadline. Never throws. */
export async function readiness(deps: ReadinessDeps): Promise<Readiness> {
  const deadline = deps.deadlineMs ?? READY_DEADLINE_MS;
  let store: Readiness["checks"]["store"] = "ok";
  try {
    await withinDeadline(
      deps.store.get(READY_PROBE_KEY),
      deadline,
      () => new Error(`the store did not answer within ${deadline} ms`),
    );
  } catch (error) {
    store = "unavailable";
    deps.onStoreFailure?.(error instanceof Error ? error : new Error(String(error)));
  }
  const rules = deps.rulesVersion ? "ok" : "missing";
  return {
    ready: store === "ok" && rules === "ok",
    checks: { rules, store },
    ...(deps.rulesVersion ? { rulesVersion: deps.rulesVersion } : {}),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Bolt custom routes (HTTP and Socket Mode receivers alike) for /healthz and /readyz. */
export function healthRoutes(deps: ReadinessDeps): CustomRoute[] {
  return [
    {
      path: "/healthz",
      method: ["GET", "HEAD"],
      handler: (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, { status: "ok" }),
    },
    {
      path: "/readyz",
      method: ["GET", "HEAD"],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void readiness(deps).then((result) =>
          sendJson(res, result.ready ? 200 : 503, { status: result.ready ? "ok" : "unavailable", ...result }),
        );
      },
    },
  ];
}
