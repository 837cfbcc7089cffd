/** A child process of a test (a CLI, `npm run sandbox`, the app) whose output is collected, and a free port for it. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface Spawned {
  child: ChildProcess;
  /** The exit code (null when killed by a signal); rejects if the command could not be started. */
  exited: Promise<number | null>;
  out(): string;
  err(): string;
}

/** Runs `command` with only `env` (and nothing else from the test's environment), collecting stdout and stderr. */
export function spawnCollecting(command: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => {
    stdout += String(d);
  });
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** A loopback port nothing listens on now, for a process the test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
