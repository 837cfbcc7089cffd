/**
 * `npm run sandbox`: the app with a Slack emulator and a web page on loopback, for trying it without Slack.
 * Options: see USAGE in options.ts. A bad option (such as a host that is not loopback) exits 1 with one line.
 */
import { parseSandboxOptions, SandboxOptionError, USAGE } from "./options.js";
import { type Sandbox, startSandbox } from "./server.js";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseSandboxOptions>;
  try {
    options = parseSandboxOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof SandboxOptionError) fail(error.message);
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      host: options.host,
      port: options.port,
      dataDir: options.dataDir,
      ...(options.clock ? { clock: options.clock } : {}),
      // The page's "Run reminder sweep" button (POST /sandbox/sweep) runs one sweep of the app as of the sandbox time.
      sweep: (now, { assistant }) => assistant.sweeper.sweepOnce(now),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      fail(`sandbox: port ${options.port} is in use; choose another with --port or SANDBOX_PORT`);
    }
    fail(`sandbox: could not start: ${error instanceof Error ? error.message : String(error)}`);
  }

  console.log(`ISMAP-LIU sandbox: open ${sandbox.url}`);
  console.log(`  app ${sandbox.appUrl} (signed requests), store ${sandbox.storeDescription}`);
  console.log("  Ctrl+C stops it.");

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), 5_000);
    timer.unref();
    await sandbox.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

await main();
