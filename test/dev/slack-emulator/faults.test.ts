import { describe, expect, it } from "vitest";
import { failAlways, failNext, faultAnswer, takeFault } from "../../../dev/slack-emulator/faults.js";
import type { Fault } from "../../../dev/slack-emulator/state.js";

const queues = () => new Map<string, Fault[]>();

describe("emulator faults: queues", () => {
  it("gives a queued fault to the next calls of its method only, as many times as asked", () => {
    const faults = queues();
    failNext(faults, "chat.postMessage", { error: "ratelimited" }, 2);
    expect(takeFault(faults, "views.open")).toBeUndefined();
    expect(takeFault(faults, "chat.postMessage")).toEqual({ error: "ratelimited" });
    expect(takeFault(faults, "chat.postMessage")).toEqual({ error: "ratelimited" });
    expect(takeFault(faults, "chat.postMessage")).toBeUndefined();
  });

  it("uses faults of one method in the order they were queued", () => {
    const faults = queues();
    failNext(faults, "views.open", { error: "first" });
    failNext(faults, "views.open", { error: "second" });
    expect(takeFault(faults, "views.open")).toEqual({ error: "first" });
    expect(takeFault(faults, "views.open")).toEqual({ error: "second" });
  });

  it("prefers the method's own fault to one for every method (`*`)", () => {
    const faults = queues();
    failNext(faults, "*", { error: "any" });
    failNext(faults, "users.info", { error: "own" });
    expect(takeFault(faults, "users.info")).toEqual({ error: "own" });
    expect(takeFault(faults, "users.info")).toEqual({ error: "any" });
    expect(takeFault(faults, "auth.test")).toBeUndefined();
  });

  it("keeps a failAlways fault, replacing what was queued for the method", () => {
    const faults = queues();
    failNext(faults, "auth.test", { error: "once" });
    failAlways(faults, "auth.test", { status: 503 });
    for (let i = 0; i < 5; i += 1) expect(takeFault(faults, "auth.test")).toEqual({ status: 503 });
  });
});

describe("emulator faults: answers", () => {
  it("answers an error fault with HTTP 200 and Slack's ok: false body, extra fields included", () => {
    expect(faultAnswer({ error: "invalid_blocks", extra: { warning: "w" } }, "Fake")).toEqual({
      status: 200,
      body: { ok: false, error: "invalid_blocks", warning: "w" },
    });
  });

  it("answers 429 with ratelimited and a Retry-After header (1 second unless given)", () => {
    expect(faultAnswer({ status: 429 }, "Fake")).toEqual({
      status: 429,
      body: { ok: false, error: "ratelimited" },
      headers: { "retry-after": "1" },
    });
    expect(faultAnswer({ status: 429, retryAfter: 7 }, "Fake")?.headers).toEqual({ "retry-after": "7" });
  });

  it("answers another status with the given body or a labelled text", () => {
    expect(faultAnswer({ status: 500 }, "Fake")).toEqual({ status: 500, body: "Fake: injected HTTP 500" });
    expect(faultAnswer({ status: 502, body: "bad gateway" }, "Fake")).toEqual({
      status: 502,
      body: "bad gateway",
    });
  });

  it("has no answer for a fault that only delays (the method answers after the delay)", () => {
    expect(faultAnswer({ delayMs: 50 }, "Fake")).toBeUndefined();
  });
});
