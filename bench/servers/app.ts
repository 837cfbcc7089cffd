/**
 * The app under load, in a process of its own: HTTP mode on a loopback port, the fake Slack Web API at
 * SLACK_API_URL, the store at STORE_URL, no sweeper timer. With BENCH_AUTH=oauth it serves many workspaces as in
 * production (OAuth: every request authorized from the installation stored for its team, bench/lib/teams.ts seeds
 * them); otherwise one workspace with SLACK_BOT_TOKEN. Tells the parent `{type: "ready", port}`.
 */
import { createAssistantApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { onParentClose, tellParent } from "../lib/child.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const config: Config = {
  transport: { kind: "http", signingSecret: env("SLACK_SIGNING_SECRET"), port: 0, host: "127.0.0.1" },
  auth:
    process.env.BENCH_AUTH === "oauth"
      ? {
          kind: "oauth",
          clientId: "bench.client",
          clientSecret: "bench-client-secret",
          stateSecret: "bench-state",
        }
      : { kind: "token", botToken: env("SLACK_BOT_TOKEN") },
  slackApiUrl: env("SLACK_API_URL"),
  storeUrl: env("STORE_URL"),
  rulesDir: process.env.RULES_DIR ?? "rules",
  logLevel: (process.env.LOG_LEVEL as Config["logLevel"] | undefined) ?? "info",
  ...(process.env.ANSWER_CACHE_SECONDS
    ? { answerCacheSeconds: Number(process.env.ANSWER_CACHE_SECONDS) }
    : {}),
};
const assistant = createAssistantApp({ config, sweepIntervalMs: 0 });
const { port } = await assistant.start();
onParentClose(() => assistant.stop());
tellParent({ type: "ready", port });
