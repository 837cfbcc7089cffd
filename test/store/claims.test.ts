import { describe, expect, it } from "vitest";
import { LocalClaimStore, withClaim } from "../../src/store/claims.js";
import { forEachStoreBackend } from "../support/redis.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

forEachStoreBackend((backend) => {
  it("lets exactly one of 100 concurrent claimers win", async () => {
    const { claims } = backend.open();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => claims.claim("reminder:T1:r1", 5_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lets a later claim win once the claim expired", async () => {
    const { claims } = backend.open();
    expect(await claims.claim("k", 80)).toBe(true);
    expect(await claims.claim("k", 80)).toBe(false);
    await sleep(150);
    expect(await claims.claim("k", 80)).toBe(true);
  });

  it("frees a claim on release", async () => {
    const { claims } = backend.open();
    expect(await claims.claim("k", 5_000)).toBe(true);
    await claims.release("k");
    expect(await claims.claim("k", 5_000)).toBe(true);
    await claims.release("never-claimed"); // harmless
  });

  it("records done marks, forever or for a while", async () => {
    const { claims } = backend.open();
    expect(await claims.isDone("sent:r1")).toBe(false);
    await claims.markDone("sent:r1");
    await claims.markDone("sent:r2", 60);
    expect(await claims.isDone("sent:r1")).toBe(true);
    expect(await claims.isDone("sent:r2")).toBe(true);
    await sleep(130);
    expect(await claims.isDone("sent:r1")).toBe(true);
    expect(await claims.isDone("sent:r2")).toBe(false);
  });

  it("refuses a ttl that is not a positive whole number of milliseconds", async () => {
    const { claims } = backend.open();
    await expect(claims.claim("k", 0)).rejects.toThrow(RangeError);
    await expect(claims.claim("k", 1.5)).rejects.toThrow(RangeError);
  });

  if (backend.kind === "sqlite") {
    it("keeps done marks in the SQLite file across restarts", async () => {
      const first = backend.open();
      await first.claims.markDone("sent:r1");
      await first.close();
      expect(await backend.open().claims.isDone("sent:r1")).toBe(true);
    });
  }

  if (backend.kind === "redis") {
    it("holds across processes: 100 claimers on two connections, one winner", async () => {
      const a = backend.open();
      const b = backend.open();
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).claims.claim("shared", 5_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.claims.isDone("x")).toBe(false);
      await a.claims.markDone("x");
      expect(await b.claims.isDone("x")).toBe(true);
    });

    it("never releases a claim that lapsed and was taken over", async () => {
      const a = backend.open();
      const b = backend.open();
      expect(await a.claims.claim("k", 60)).toBe(true);
      await sleep(120);
      expect(await b.claims.claim("k", 5_000)).toBe(true);
      await a.claims.release("k"); // a's claim is gone; b's must survive
      expect(await a.claims.claim("k", 5_000)).toBe(false);
    });
  }
});

describe("LocalClaimStore", () => {
  it("expires claims and done marks by its clock", async () => {
    let now = 1_000;
    const claims = new LocalClaimStore({ now: () => now });
    expect(await claims.claim("k", 100)).toBe(true);
    now += 99;
    expect(await claims.claim("k", 100)).toBe(false);
    now += 1;
    expect(await claims.claim("k", 100)).toBe(true);
    await claims.markDone("d", 10);
    expect(await claims.isDone("d")).toBe(true);
    now += 10;
    expect(await claims.isDone("d")).toBe(false);
  });

  it("lets expired claims be taken again after many claims (and sweeps)", async () => {
    let now = 0;
    const claims = new LocalClaimStore({ now: () => now });
    for (let i = 0; i < 1_000; i++) {
      await claims.claim(`k${i}`, 1);
      now += 2;
    }
    // Every claim above has expired, swept or not; each can be taken again.
    expect(await claims.claim("k0", 1)).toBe(true);
    expect(await claims.claim("k999", 1)).toBe(true);
  });
});

describe("withClaim", () => {
  it("runs work under the claim and releases it afterwards, even when the work throws", async () => {
    const claims = new LocalClaimStore();
    const result = await withClaim(claims, "job", { ttlMs: 1_000, waitMs: 100 }, async () => {
      expect(await claims.claim("job", 1_000)).toBe(false);
      return 42;
    });
    expect(result).toEqual({ value: 42 });
    await expect(
      withClaim(claims, "job", { ttlMs: 1_000, waitMs: 100 }, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await claims.claim("job", 1_000)).toBe(true);
  });

  it("gives up after waiting and returns undefined", async () => {
    const claims = new LocalClaimStore();
    await claims.claim("job", 10_000);
    const started = Date.now();
    expect(await withClaim(claims, "job", { ttlMs: 1_000, waitMs: 60 }, async () => 1)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });
});
