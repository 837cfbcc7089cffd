import { createAssistantApp } from "./app.js";
import { ConfigError, loadConfig, NotConfiguredError } from "./config.js";
import { loadEnvFileIfPresent } from "./ops/env-file.js";
import { createLogger } from "./ops/logger.js";
import { RulesError } from "./rules/load.js";

/** One line for the operator, then exit 1: misconfiguration never starts a half-working app. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let assistant: ReturnType<typeof createAssistantApp>;
  let config: ReturnType<typeof loadConfig>;
  try {
    // .env fills in settings the environment lacks; it never overrides one that is set.
    loadEnvFileIfPresent();
  } catch (error) {
    fail(`.env: ${error instanceof Error ? error.message : String(error)}`);
  }
  let logger: ReturnType<typeof createLogger>;
  try {
    config = loadConfig(process.env);
    logger = createLogger({ level: config.logLevel, format: config.logFormat ?? "pretty" });
    assistant = createAssistantApp({ config, logger });
  } catch (error) {
    if (error instanceof NotConfiguredError) fail(error.message);
    if (error instanceof ConfigError) fail(`config error: ${error.message}`);
    if (error instanceof RulesError) fail(error.message);
    throw error;
  }

  try {
    await assistant.start();
  } catch (error) {
    fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const where =
    config.transport.kind === "socket"
      ? "Socket Mode"
      : `http://0.0.0.0:${config.transport.port}/slack/events`;
  logger.info(
    `ismap-liu assistant listening (${where}), rules ${assistant.services.engine.version}, store ${assistant.store.description}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await assistant.stop();
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

await main();
