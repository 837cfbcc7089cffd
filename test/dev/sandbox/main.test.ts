/**
 * `npm run sandbox` as a person runs it: `dev/sandbox/main.ts` in its own process. A host that is not loopback
 * exits 1 with one line; otherwise it prints the page's URL, serves it, and stops cleanly on SIGTERM.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { spawnCollecting } from "../../support/process.js";

function run(args: string[], env: Record<string, string> = {}) {
  return spawnCollecting(process.execPath, ["--import", "tsx", "dev/sandbox/main.ts", ...args], {
    PATH: process.env.PATH ?? "",
    ...env,
  });
}

describe("npm run sandbox", () => {
  it.each([
    [["--host", "0.0.0.0"], {}],
    [[], { SANDBOX_HOST: "0.0.0.0" }],
    [["--host", "192.168.0.5"], {}],
  ])("refuses to listen beyond loopback (%j %j): exit 1, one line", async (args, env) => {
    const r = run(args, env);
    expect(await r.exited).toBe(1);
    const lines = r.err().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sandbox: refusing .*loopback only/);
    expect(r.out()).toBe("");
  });

  it("prints the page's URL, serves it, and stops on SIGTERM", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "ismap-sandbox-main-"));
    const r = run(["--port", "0", "--data-dir", dataDir]);
    try {
      const deadline = Date.now() + 20_000;
      while (!/open (http:\/\/127\.0\.0\.1:\d+\/)/.test(r.out()) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(r.out())?.[1];
      expect(url, r.out() + r.err()).toBeDefined();
      const page = await fetch(url as string);
      expect(page.status).toBe(200);
      expect(r.out()).toContain(join(dataDir, "ismap.sqlite"));
      r.child.kill("SIGTERM");
      expect(await r.exited).toBe(0);
    } finally {
      r.child.kill("SIGKILL");
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
