import { z } from "zod";

/** How the app reaches Slack and which workspaces it serves, derived from the environment. */
export interface Config {
  transport:
    | {
        kind: "http";
        signingSecret: string;
        port: number /** Interface to listen on; all when unset. */;
        host?: string;
      }
    | { kind: "socket"; appToken: string; port: number };
  auth:
    | { kind: "token"; botToken: string }
    | { kind: "oauth"; clientId: string; clientSecret: string; stateSecret: string; signingSecret?: string };
  slackApiUrl?: string;
  storeUrl: string;
  rulesDir: string;
  logLevel: "debug" | "info" | "warn" | "error";
  /** One JSON object per line (production) or readable lines (development); default by NODE_ENV. */
  logFormat?: "json" | "pretty";
  /** How long a built answer may be reused for the same question (answer-cache.ts); 0 turns reuse off. */
  answerCacheSeconds?: number;
}

/** A setting that is missing, malformed or contradicts another; `message` is one line naming it. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    reason: string,
  ) {
    super(`${setting}: ${reason}`);
    this.name = "ConfigError";
  }
}

/** Nothing Slack-related is set: the person has probably not configured the app yet. */
export class NotConfiguredError extends Error {
  constructor() {
    super(
      [
        "Slack is not configured.",
        "To connect a workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode);",
        "see README.md, 'Connect to Slack', and .env.example.",
      ].join(" "),
    );
    this.name = "NotConfiguredError";
  }
}

const nonEmpty = z.string().trim().min(1);
const Env = z.object({
  SLACK_BOT_TOKEN: nonEmpty.regex(/^xoxb-/, "must be a bot token starting with xoxb-").optional(),
  SLACK_SIGNING_SECRET: nonEmpty.optional(),
  SLACK_APP_TOKEN: nonEmpty.regex(/^xapp-/, "must be an app-level token starting with xapp-").optional(),
  SLACK_CLIENT_ID: nonEmpty.optional(),
  SLACK_CLIENT_SECRET: nonEmpty.optional(),
  SLACK_STATE_SECRET: nonEmpty.optional(),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://slack.com/api/" })
    .optional(),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  STORE_URL: z
    .string()
    .regex(
      /^(sqlite:\/\/.+|redis:\/\/.+|rediss:\/\/.+|memory:\/\/)$/,
      "must be sqlite://<path>, redis://… or memory://",
    )
    .default("sqlite://./data/ismap.sqlite"),
  RULES_DIR: nonEmpty.default("rules"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "must be json or pretty" }).optional(),
  ANSWER_CACHE_SECONDS: z.coerce
    .number({ error: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be between 0 (off) and 3600")
    .max(3600, "must be between 0 (off) and 3600")
    .default(60),
});

const OAUTH_SETTINGS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;

/** Reads the configuration; throws ConfigError naming the first bad setting, or NotConfiguredError. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? "environment"), issue?.message ?? "invalid");
  }
  const e = parsed.data;

  const oauthGiven = OAUTH_SETTINGS.filter((name) => e[name] !== undefined);
  if (!e.SLACK_BOT_TOKEN && oauthGiven.length === 0 && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new NotConfiguredError();
  }
  if (e.SLACK_BOT_TOKEN && oauthGiven.length > 0) {
    throw new ConfigError(
      oauthGiven[0] as string,
      "set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET (OAuth), not both",
    );
  }

  let auth: Config["auth"];
  if (e.SLACK_BOT_TOKEN) {
    auth = { kind: "token", botToken: e.SLACK_BOT_TOKEN };
  } else if (oauthGiven.length > 0) {
    const missing = OAUTH_SETTINGS.find((name) => e[name] === undefined);
    if (missing)
      throw new ConfigError(
        missing,
        "required for OAuth (many workspaces) together with the other SLACK_CLIENT_* settings",
      );
    auth = {
      kind: "oauth",
      clientId: e.SLACK_CLIENT_ID as string,
      clientSecret: e.SLACK_CLIENT_SECRET as string,
      stateSecret: e.SLACK_STATE_SECRET as string,
      signingSecret: e.SLACK_SIGNING_SECRET,
    };
  } else {
    throw new ConfigError(
      "SLACK_BOT_TOKEN",
      "required (or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET for OAuth)",
    );
  }

  let transport: Config["transport"];
  if (e.SLACK_APP_TOKEN) {
    transport = { kind: "socket", appToken: e.SLACK_APP_TOKEN, port: e.PORT };
  } else if (e.SLACK_SIGNING_SECRET) {
    transport = { kind: "http", signingSecret: e.SLACK_SIGNING_SECRET, port: e.PORT };
  } else {
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
  }

  return {
    transport,
    auth,
    slackApiUrl: e.SLACK_API_URL,
    storeUrl: e.STORE_URL,
    rulesDir: e.RULES_DIR,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "pretty"),
    answerCacheSeconds: e.ANSWER_CACHE_SECONDS,
  };
}
