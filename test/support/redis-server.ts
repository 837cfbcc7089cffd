/**
 * Private redis-server processes on loopback ports for fault tests and benchmarks: start one (optionally with AOF,
 * `appendfsync always`), stop it (SIGTERM) or kill it (SIGKILL), start it again on the same port and data folder.
 * The shared Redis on 6379 is never touched: ports come from 6390–6399 (or whatever the caller passes). A port is
 * reserved with a lock file in the temporary folder for as long as its server object lives, stopped or not, so
 * that no other test file or run starts a server there while this one is down (its app would reconnect to the
 * wrong data).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";

export interface RedisServerOptions {
  /** Loopback port; default: a free one in 6390–6399. Never 6379. */
  port?: number;
  /** Append-only file with `appendfsync always`: every acknowledged write is on disk. Default false (no persistence). */
  aof?: boolean;
  /** Data folder; default a new temporary folder (removed by `dispose`). */
  dir?: string;
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly running: boolean;
  /** Starts the server (again) on the same port and folder; resolves once it answers PING. */
  start(): Promise<void>;
  /** SIGTERM and wait for the exit (an AOF server flushes first). */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** Stops the server and removes a folder it created. */
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one inline command and resolves with the first reply line, or undefined when nothing answers. */
function ask(port: number, command: string, timeoutMs = 500): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let reply = "";
    const done = (value: string | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on("connect", () => socket.write(`${command}\r\n`));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) done(reply.split("\r\n")[0]);
    });
    socket.on("error", () => done(undefined));
  });
}

async function portFree(port: number): Promise<boolean> {
  return (await ask(port, "PING", 300)) === undefined;
}

let nextPort = 6390 + (process.pid % 10);
const ownPorts = new Set<number>();

const lockFile = (port: number) => join(tmpdir(), `ismap-redis-port-${port}.lock`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Reserves `port` for this process; false when another live process (or this one) holds it. */
function reservePort(port: number): boolean {
  if (ownPorts.has(port)) return false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile(port), `${process.pid}:${threadId}`, { flag: "wx" });
      ownPorts.add(port);
      return true;
    } catch {
      let holder = "";
      try {
        holder = readFileSync(lockFile(port), "utf8");
      } catch {
        // Released meanwhile: try again.
      }
      const [pid, thread] = holder.split(":").map(Number);
      const mine = pid === process.pid && thread === threadId;
      if (Number.isInteger(pid) && !mine && alive(pid as number)) return false;
      rmSync(lockFile(port), { force: true });
    }
  }
  return false;
}

function releasePort(port: number): void {
  if (!ownPorts.delete(port)) return;
  rmSync(lockFile(port), { force: true });
}

async function pickPort(): Promise<number> {
  for (let i = 0; i < 10; i++) {
    const port = nextPort;
    nextPort = nextPort >= 6399 ? 6390 : nextPort + 1;
    if (!reservePort(port)) continue;
    if (await portFree(port)) return port;
    releasePort(port);
  }
  throw new Error("no free port in 6390–6399 for a private redis-server");
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (options.port !== undefined) {
    if (!reservePort(options.port)) throw new Error(`port ${options.port} is reserved by another run`);
    return startOn(options.port, options).catch((error: unknown) => {
      releasePort(options.port as number);
      throw error;
    });
  }
  // A server not started through this helper may still take a free port at the same moment: try the next one.
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await pickPort();
    try {
      return await startOn(port, options);
    } catch (error) {
      releasePort(port);
      lastError = error;
    }
  }
  throw lastError;
}

async function startOn(port: number, options: RedisServerOptions): Promise<RedisServer> {
  if (port === 6379) throw new Error("6379 is the shared Redis: private servers use other ports");
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), `ismap-redis-${port}-`)));
  let child: ChildProcess | undefined;
  let exited: Promise<void> | undefined;

  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--daemonize",
    "no",
    "--loglevel",
    "warning",
    ...(options.aof
      ? ["--appendonly", "yes", "--appendfsync", "always", "--appendfilename", "ismap.aof"]
      : ["--appendonly", "no"]),
  ];

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (server.running) return;
      if (!(await portFree(port))) throw new Error(`port ${port} is already taken`);
      const proc = spawn(REDIS_SERVER_BIN, args, { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      proc.stderr?.on("data", (chunk) => {
        stderr += chunk.toString();
      });
      child = proc;
      exited = new Promise((resolve) => proc.once("exit", () => resolve()));
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null) throw new Error(`redis-server on ${port} exited: ${stderr.trim()}`);
        const reply = await ask(port, "PING", 300);
        if (reply === "+PONG") return;
        await sleep(25);
      }
      proc.kill("SIGKILL");
      throw new Error(`redis-server on ${port} did not answer PING within 10 s`);
    },
    async stop() {
      if (!server.running) return;
      child?.kill("SIGTERM");
      await exited;
    },
    async kill() {
      if (!server.running) return;
      child?.kill("SIGKILL");
      await exited;
    },
    async dispose() {
      await server.kill();
      releasePort(port);
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    if (ownDir) await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return server;
}
