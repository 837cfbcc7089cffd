/**
 * `npm run sandbox` options from the command line and the environment. The sandbox answers anyone who can reach
 * it, with no login: it listens on loopback only, and anything else is refused before a socket is opened.
 */
export interface SandboxCliOptions {
  host: string;
  port: number;
  dataDir: string;
  /** Where the sandbox clock starts (ISO instant); the real time when unset. */
  clock?: Date;
  help: boolean;
}

/** A bad option; `message` is the one line printed before exiting 1. */
export class SandboxOptionError extends Error {
  override readonly name = "SandboxOptionError";
}

export const LOOPBACK_HOSTS = ["127.0.0.1", "::1", "localhost"] as const;
export const DEFAULT_SANDBOX_PORT = 3000;
export const DEFAULT_DATA_DIR = "data/sandbox";

export const USAGE = [
  "usage: npm run sandbox -- [--port N] [--host 127.0.0.1|::1|localhost] [--data-dir DIR] [--clock ISO-INSTANT]",
  "  --port      page port (SANDBOX_PORT, default 3000; 0 picks a free one)",
  "  --host      loopback address to listen on (SANDBOX_HOST, default 127.0.0.1)",
  "  --data-dir  where the sandbox's SQLite store lives (SANDBOX_DATA_DIR, default ./data/sandbox)",
  "  --clock     start the sandbox clock at this instant, e.g. 2025-03-31T10:00:00+09:00 (SANDBOX_CLOCK)",
].join("\n");

/** Whether `host` is a loopback name the sandbox may bind to (`[::1]` is accepted for ::1). */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return (LOOPBACK_HOSTS as readonly string[]).includes(bare);
}

export function assertLoopbackHost(host: string, setting = "host"): string {
  if (!isLoopbackHost(host)) {
    throw new SandboxOptionError(
      `sandbox: refusing ${setting} "${host}": the sandbox has no login and listens on loopback only (127.0.0.1, ::1 or localhost)`,
    );
  }
  return host.trim().replace(/^\[(.*)\]$/, "$1");
}

function parsePort(value: string, setting: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SandboxOptionError(`sandbox: ${setting} "${value}" is not a port number (0-65535)`);
  }
  return port;
}

function parseInstant(value: string, setting: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new SandboxOptionError(
      `sandbox: ${setting} "${value}" is not an ISO instant such as 2025-03-31T10:00:00+09:00`,
    );
  }
  return date;
}

const FLAGS = ["--host", "--port", "--data-dir", "--clock"] as const;
type Flag = (typeof FLAGS)[number];

/** Flags win over the environment; throws SandboxOptionError with one line on anything wrong. */
export function parseSandboxOptions(argv: readonly string[], env: NodeJS.ProcessEnv): SandboxCliOptions {
  const given = new Map<Flag, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const [name, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(name)) {
      throw new SandboxOptionError(`sandbox: unknown option "${arg}" (try --help)`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new SandboxOptionError(`sandbox: ${name} needs a value`);
    given.set(name as Flag, value);
  }
  const pick = (flag: Flag, envName: string): { value: string; setting: string } | undefined => {
    const fromFlag = given.get(flag);
    if (fromFlag !== undefined) return { value: fromFlag, setting: flag };
    const fromEnv = env[envName];
    return fromEnv !== undefined && fromEnv !== "" ? { value: fromEnv, setting: envName } : undefined;
  };

  const host = pick("--host", "SANDBOX_HOST");
  const port = pick("--port", "SANDBOX_PORT");
  const dataDir = pick("--data-dir", "SANDBOX_DATA_DIR");
  const clock = pick("--clock", "SANDBOX_CLOCK");
  return {
    host: host ? assertLoopbackHost(host.value, host.setting) : "127.0.0.1",
    port: port ? parsePort(port.value, port.setting) : DEFAULT_SANDBOX_PORT,
    dataDir: dataDir?.value ?? DEFAULT_DATA_DIR,
    ...(clock ? { clock: parseInstant(clock.value, clock.setting) } : {}),
    help,
  };
}
