import { describe, expect, it } from "vitest";
import { isLoopbackHost, parseSandboxOptions, SandboxOptionError } from "../../../dev/sandbox/options.js";

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseSandboxOptions(argv, env);

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxOptionError);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("sandbox options", () => {
  it("defaults to 127.0.0.1:3000 and ./data/sandbox", () => {
    expect(parse([])).toEqual({ host: "127.0.0.1", port: 3000, dataDir: "data/sandbox", help: false });
  });

  it("takes flags (both spellings) over the environment", () => {
    const env = { SANDBOX_PORT: "4000", SANDBOX_HOST: "localhost", SANDBOX_DATA_DIR: "/tmp/x" };
    expect(parse([], env)).toMatchObject({ host: "localhost", port: 4000, dataDir: "/tmp/x" });
    expect(parse(["--port", "5000", "--host=::1", "--data-dir", "d"], env)).toMatchObject({
      host: "::1",
      port: 5000,
      dataDir: "d",
    });
    expect(parse(["--port=0"]).port).toBe(0);
    expect(parse(["--clock", "2025-03-31T10:00:00+09:00"]).clock?.toISOString()).toBe(
      "2025-03-31T01:00:00.000Z",
    );
    expect(parse(["--help"]).help).toBe(true);
  });

  it("accepts only loopback hosts", () => {
    for (const host of ["127.0.0.1", "::1", "[::1]", "localhost", "LOCALHOST"])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com", "127.0.0.2", ""]) {
      expect(isLoopbackHost(host)).toBe(false);
    }
    expect(parse(["--host", "[::1]"]).host).toBe("::1");
  });

  it("refuses anything else with one line naming the setting", () => {
    const lines = [
      refusal(["--host", "0.0.0.0"]),
      refusal([], { SANDBOX_HOST: "192.168.1.10" }),
      refusal(["--port", "http"]),
      refusal([], { SANDBOX_PORT: "70000" }),
      refusal(["--clock", "tomorrow"]),
      refusal(["--verbose"]),
      refusal(["--port"]),
    ];
    expect(lines[0]).toBe(
      'sandbox: refusing --host "0.0.0.0": the sandbox has no login and listens on loopback only (127.0.0.1, ::1 or localhost)',
    );
    expect(lines[1]).toContain('SANDBOX_HOST "192.168.1.10"');
    expect(lines[2]).toContain('--port "http"');
    expect(lines[3]).toContain("SANDBOX_PORT");
    expect(lines[4]).toContain("--clock");
    expect(lines[5]).toContain("--verbose");
    expect(lines[6]).toBe("sandbox: --port needs a value");
    for (const line of lines) expect(line).not.toContain("\n");
  });
});
