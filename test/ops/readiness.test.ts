/**
 * /healthz and /readyz of the real app over HTTP: readiness follows the store (a private redis-server that the
 * test stops and starts again), liveness does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";

async function probe(
  harness: Harness,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${harness.baseUrl}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("health endpoints over a Redis store", () => {
  let redis: RedisServer;
  let harness: Harness;

  beforeAll(async () => {
    redis = await startRedisServer();
    harness = await startHarness({ storeUrl: redis.url });
  }, 30_000);

  afterAll(async () => {
    await harness?.close();
    await redis?.dispose();
  });

  it("are ready while the store answers, and name the rules version", async () => {
    const ready = await probe(harness, "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "ok", checks: { rules: "ok", store: "ok" } });
    expect(ready.body.rulesVersion).toBe(harness.assistant.services.engine.version);
    expect((await probe(harness, "/healthz")).status).toBe(200);
  });

  it("report not ready while Redis is down (the process stays alive), and ready again once it is back", async () => {
    await redis.stop();
    const down = await eventually(
      () => probe(harness, "/readyz"),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: "unavailable", checks: { store: "unavailable", rules: "ok" } });
    // Nothing about the store's address or error leaks to the caller.
    expect(JSON.stringify(down.body)).not.toContain(String(redis.port));
    expect((await probe(harness, "/healthz")).status).toBe(200);

    await redis.start();
    const up = await eventually(
      () => probe(harness, "/readyz"),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ checks: { store: "ok" } });
  }, 40_000);
});

describe("health endpoints in Socket Mode", () => {
  it("are routes of the HTTP server Bolt starts on PORT beside the socket", async () => {
    const { createAssistantApp } = await import("../../src/app.js");
    const { openStore } = await import("../../src/store/keyv-factory.js");
    const assistant = createAssistantApp({
      config: {
        transport: { kind: "socket", appToken: "xapp-1-test", port: 3999 },
        auth: { kind: "token", botToken: "xoxb-test" },
        storeUrl: "memory://",
        rulesDir: "rules",
        logLevel: "error",
      },
      store: openStore("memory://"),
      sweepIntervalMs: 0,
    });
    const receiver = (
      assistant.app as unknown as { receiver: { routes: Record<string, unknown>; httpServerPort?: number } }
    ).receiver;
    expect(Object.keys(receiver.routes).sort()).toEqual(["/healthz", "/readyz"]);
    expect(receiver.httpServerPort).toBe(3999);
    await assistant.store.close();
  });
});
