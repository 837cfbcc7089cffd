/**
 * The app's keep-alive transport (Bolt's `respond` and Web API clients, the sweeper's clients): answers come back as
 * fetch responses, and a server that never answers fails the request instead of holding it forever.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { keepAliveFetch } from "../../src/lib/keep-alive-fetch.js";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("keepAliveFetch", () => {
  it("posts the body and gives back status, headers and text, over one kept-alive connection", async () => {
    const sockets = new Set<unknown>();
    const origin = await serve((req, res) => {
      sockets.add(req.socket);
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json", "retry-after": "3" });
        res.end(JSON.stringify({ ok: true, got: Buffer.concat(chunks).toString("utf8") }));
      });
    });
    const fetch = keepAliveFetch();
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${origin}/response/x`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: `{"text":"日本語 ${i}"}`,
      });
      expect(response.ok).toBe(true);
      expect(response.headers.get("retry-after")).toBe("3");
      expect(await response.json()).toEqual({ ok: true, got: `{"text":"日本語 ${i}"}` });
    }
    expect(sockets.size).toBe(1);
  });

  it("fails a request the server never answers, naming the host", async () => {
    const origin = await serve(() => undefined);
    const fetch = keepAliveFetch({ silentRequestMs: 100 });
    await expect(fetch(`${origin}/response/silent`, { method: "POST", body: "{}" })).rejects.toThrow(
      /no answer from 127\.0\.0\.1:\d+ within 100 ms/,
    );
  });

  it("fails a request whose answer stops half-way", async () => {
    const origin = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"ok":');
    });
    const fetch = keepAliveFetch({ silentRequestMs: 100 });
    await expect(fetch(`${origin}/api/users.info`, { method: "POST", body: "a=b" })).rejects.toThrow();
  });
});
