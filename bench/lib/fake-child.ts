/** Starts bench/servers/fake-slack.ts and describes it as the request builders' context. */
import { randomBytes } from "node:crypto";
import type { SlackRequestContext } from "../../dev/slack-requests/index.js";
import { type BenchChild, forkTs } from "./child.js";

export interface FakeChild extends SlackRequestContext {
  child: BenchChild;
  url: string;
  origin: string;
  botToken: string;
  /** Calls answered so far by method, and the ones that failed (HTTP status ≠ 200 or `ok: false`). */
  counts(): Promise<{ byMethod: Record<string, number>; failed: Record<string, number> }>;
}

interface Ready {
  type: "ready";
  url: string;
  origin: string;
  botToken: string;
  teamId: string;
  teamDomain: string;
  appId: string;
  botUserId: string;
}

export async function startFakeChild(): Promise<FakeChild> {
  const child = forkTs("bench/servers/fake-slack.ts", { name: "fake-slack" });
  const ready = await child.next<Ready>("ready", 60_000);
  return {
    child,
    url: ready.url,
    origin: ready.origin,
    botToken: ready.botToken,
    teamId: ready.teamId,
    teamDomain: ready.teamDomain,
    appId: ready.appId,
    botUserId: ready.botUserId,
    // The fake in the child accepts any response_url under /response/ and, for commands that open no modal,
    // never sees the trigger.
    issueTriggerId: () => `${Date.now()}.${randomBytes(8).toString("hex")}`,
    responseUrl: () => `${ready.origin}/response/${randomBytes(8).toString("hex")}`,
    async counts() {
      child.send({ type: "counts" });
      const reply = await child.next<{
        type: "counts";
        byMethod: Record<string, number>;
        failed: Record<string, number>;
      }>("counts", 10_000);
      return { byMethod: reply.byMethod, failed: reply.failed };
    },
  };
}
