/**
 * Child processes of the benchmarks: a TypeScript module run with `node --import tsx`, talking over IPC. Every wait
 * has a deadline, and every child is killed (by its own pid) when the bench ends, whatever happened.
 */
import { type ChildProcess, fork } from "node:child_process";

export interface BenchChild {
  readonly proc: ChildProcess;
  readonly name: string;
  /** Resolves with the next IPC message matching `type`, rejects after `timeoutMs` or if the child exits first. */
  next<T extends { type: string }>(type: string, timeoutMs?: number): Promise<T>;
  send(message: { type: string; [key: string]: unknown }): void;
  /** Asks the child to close (`{type: "close"}`), then SIGKILLs it if it has not exited after `graceMs`. */
  close(graceMs?: number): Promise<void>;
  /** Exit code / signal once exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children = new Set<ChildProcess>();
let hooked = false;

function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
}

export function forkTs(
  file: string,
  options: {
    name?: string;
    env?: Record<string, string>;
    args?: string[];
    execArgv?: string[];
    silent?: boolean;
  } = {},
): BenchChild {
  killAllOnExit();
  const proc = fork(file, options.args ?? [], {
    execArgv: options.execArgv ?? ["--import", "tsx"],
    env: { ...process.env, ...options.env },
    stdio: ["ignore", options.silent ? "ignore" : "inherit", "pipe", "ipc"],
  });
  children.add(proc);
  const name = options.name ?? file;
  let stderr = "";
  proc.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    if (!options.silent) process.stderr.write(`[${name}] ${chunk.toString("utf8")}`);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once("exit", (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
    });
  });
  const queue: { type: string }[] = [];
  const waiters: { type: string; resolve: (m: never) => void }[] = [];
  proc.on("message", (message: { type: string }) => {
    const index = waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) {
      const [waiter] = waiters.splice(index, 1);
      waiter?.resolve(message as never);
    } else {
      queue.push(message);
    }
  });
  return {
    proc,
    name,
    exited,
    next<T extends { type: string }>(type: string, timeoutMs = 60_000): Promise<T> {
      const queued = queue.findIndex((m) => m.type === type);
      if (queued >= 0) return Promise.resolve(queue.splice(queued, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const waiter = {
          type,
          resolve: (m: never) => {
            clearTimeout(timer);
            resolve(m as T);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`${name}: no "${type}" message within ${timeoutMs} ms; stderr: ${stderr.trim()}`));
        }, timeoutMs);
        waiters.push(waiter);
        void exited.then(({ code, signal }) => {
          if (!waiters.includes(waiter)) return;
          waiters.splice(waiters.indexOf(waiter), 1);
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code ?? signal}) before "${type}"; stderr: ${stderr.trim()}`));
        });
      });
    },
    send(message) {
      if (proc.connected) proc.send(message);
    },
    async close(graceMs = 5_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      if (proc.connected) proc.send({ type: "close" });
      const timer = setTimeout(() => proc.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: sends a message to the parent (no-op when run standalone). */
export function tellParent(message: { type: string; [key: string]: unknown }): void {
  process.send?.(message);
}

/** In a child: runs `onClose` when the parent asks, then exits; also exits if the parent goes away. */
export function onParentClose(onClose: () => Promise<void>): void {
  const close = () => {
    onClose()
      .catch((error: unknown) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.on("message", (message: { type?: string }) => {
    if (message?.type === "close") close();
  });
  process.on("disconnect", close);
}
