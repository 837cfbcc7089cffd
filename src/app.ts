import { randomUUID } from "node:crypto";
import { App, type Authorize, type Logger, LogLevel } from "@slack/bolt";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Config } from "./config.js";
import { FeedbackRepository } from "./feedback/repository.js";
import {
  clientsFromInstallations,
  createSweeper,
  reminderWebClient,
  type Sweeper,
} from "./jobs/sweeper/sweeper.js";
import { keepAliveFetch } from "./lib/keep-alive-fetch.js";
import { healthRoutes } from "./ops/health.js";
import { PreferencesRepository } from "./profile/preferences.js";
import { ProfileRepository } from "./profile/repository.js";
import { PendingImports } from "./records/pending.js";
import { ReminderSettingsRepository } from "./reminders/settings.js";
import { createRulesEngine } from "./rules/engine.js";
import { loadRules } from "./rules/load.js";
import type { RuleSet } from "./rules/schema.js";
import { AssistantThreadRepository } from "./slack/assistant/thread-store.js";
import { registerListeners } from "./slack/listeners/index.js";
import { AnswerCache, DEFAULT_ANSWER_CACHE_SECONDS } from "./slack/runtime/answer-cache.js";
import { guardedReceiver, MAX_CONNECTIONS, SERVER_OPTIONS } from "./slack/runtime/receiver.js";
import { BOT_SCOPES } from "./slack/runtime/scopes.js";
import type { Services } from "./slack/runtime/services.js";
import { shareOneWebClient } from "./slack/runtime/shared-web-client.js";
import { UserDirectory } from "./slack/runtime/user-directory.js";
import { KeyvInstallationStore } from "./store/installation-store.js";
import { openStore } from "./store/keyv-factory.js";
import type { Store } from "./store/store.js";

export interface AppDependencies {
  config: Config;
  /** Defaults to loading `config.rulesDir` (which throws RulesError on bad rules, before anything starts). */
  rules?: RuleSet;
  /** Defaults to opening `config.storeUrl`. */
  store?: Store;
  clock?: () => Date;
  logger?: Logger;
  /** How often the reminder sweeper runs (default every minute); 0 turns it off (tests drive it by hand). */
  sweepIntervalMs?: number;
}

export interface AssistantApp {
  app: App;
  services: Services;
  store: Store;
  sweeper: Sweeper;
  /** Starts receiving; in HTTP mode resolves with the port actually listened on (useful with port 0). */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

const LOG_LEVELS = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
} as const;

/** Builds the Bolt app from configuration: rules, store, services and every listener. Starts nothing. */
export function createAssistantApp(deps: AppDependencies): AssistantApp {
  const { config } = deps;
  const rules = deps.rules ?? loadRules(config.rulesDir);
  const store = deps.store ?? openStore(config.storeUrl);
  const installations = config.auth.kind === "oauth" ? new KeyvInstallationStore(store) : undefined;
  // /healthz and /readyz on the app's port (in Socket Mode, on the small HTTP server Bolt then starts on PORT).
  // Store failures are logged once the logger exists (below).
  let logStoreFailure: (error: Error) => void = () => undefined;
  const customRoutes = healthRoutes({
    store,
    rulesVersion: rules.meta.version,
    onStoreFailure: (error) => logStoreFailure(error),
  });

  // A few quick retries: the client's default keeps retrying a failing call for about half an hour, far longer
  // than any person or reminder sweep should wait. Rate limits (429) still wait for Retry-After.
  // Bolt uses the same `fetch` for `respond` (the response_url POST of every first answer) as its clients do for
  // Web API calls: the lean keep-alive transport costs a fraction of undici's WHATWG fetch per call.
  const clientOptions = {
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
    fetch: keepAliveFetch(),
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
  };
  const oauth =
    config.auth.kind === "oauth"
      ? {
          clientId: config.auth.clientId,
          clientSecret: config.auth.clientSecret,
          stateSecret: config.auth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: installations,
          installerOptions: { directInstall: true, port: config.transport.port },
        }
      : undefined;
  // HTTP mode: Bolt's receiver behind the checks of receiver.ts (body size, content type, payload shape); in OAuth
  // mode the receiver also runs the installation pages and authorizes requests from the installation store.
  const transport =
    config.transport.kind === "socket"
      ? {
          socketMode: true,
          appToken: config.transport.appToken,
          customRoutes,
          installerOptions: { port: config.transport.port },
        }
      : {
          receiver: guardedReceiver({
            signingSecret: config.transport.signingSecret,
            port: config.transport.port,
            customRoutes,
            logLevel: LOG_LEVELS[config.logLevel],
            ...(deps.logger ? { logger: deps.logger } : {}),
            ...(oauth ? { ...oauth, installerOptions: { ...oauth.installerOptions, clientOptions } } : {}),
          }),
        };
  // Token mode: the authorization names the bot token's own workspace (auth.test), so the tenant of every request
  // is decided by it and never by the body (request.ts, tenantOf). Bolt's own token authorization leaves the team
  // out and fills it in from the body.
  const tokenAuth =
    config.auth.kind === "token" ? tokenAuthorization(config.auth.botToken, clientOptions) : undefined;
  const auth = tokenAuth
    ? { authorize: tokenAuth.authorize }
    : config.transport.kind === "socket"
      ? oauth
      : {};

  const app = new App({
    ...transport,
    ...auth,
    clientOptions,
    logLevel: LOG_LEVELS[config.logLevel],
    ...(deps.logger ? { logger: deps.logger } : {}),
    // start() runs init, so a token Slack refuses fails the start with a clear error instead of a stray rejection.
    deferInitialization: true,
    // No listener reads context.conversation; Bolt's default in-memory conversation store would be looked up on
    // every request.
    convoStore: false,
  });

  shareOneWebClient(app);

  logStoreFailure = (error) => app.logger.warn(`/readyz: store unavailable: ${error.message}`);

  const clock = deps.clock ?? (() => new Date());
  const services: Services = {
    engine: createRulesEngine(rules),
    profiles: new ProfileRepository(store),
    preferences: new PreferencesRepository(store),
    reminders: new ReminderSettingsRepository(store),
    users: new UserDirectory(),
    answers: new AnswerCache({
      clock,
      changes: store.changes,
      maxAgeMs: (config.answerCacheSeconds ?? DEFAULT_ANSWER_CACHE_SECONDS) * 1000,
    }),
    pendingImports: new PendingImports(store),
    threads: new AssistantThreadRepository(store),
    feedback: new FeedbackRepository(store),
    clock,
    newId: () => randomUUID(),
    logger: app.logger,
  };
  registerListeners(app, services, installations);

  // Reminders are posted with clients of their own: a few quick tries, never the half-hour retries of Bolt's.
  const clientFor =
    config.auth.kind === "token"
      ? (
          (client) => () =>
            client
        )(reminderWebClient(config.auth.botToken, { slackApiUrl: config.slackApiUrl }))
      : clientsFromInstallations(installations as KeyvInstallationStore, { slackApiUrl: config.slackApiUrl });
  const sweeper = createSweeper({
    store,
    profiles: services.profiles,
    settings: services.reminders,
    engine: services.engine,
    clientFor,
    clock: services.clock,
    logger: app.logger,
  });
  const sweepIntervalMs = deps.sweepIntervalMs ?? 60_000;

  return {
    app,
    services,
    store,
    sweeper,
    async start() {
      // A token Slack refuses fails the start with a clear error instead of failing every request.
      await tokenAuth?.check();
      await app.init();
      if (config.transport.kind !== "http") {
        await app.start();
        if (sweepIntervalMs > 0) sweeper.start(sweepIntervalMs);
        return {};
      }
      const { port, host } = config.transport;
      const server = await app.start({ port, ...(host ? { host } : {}) }, SERVER_OPTIONS);
      server.maxConnections = MAX_CONNECTIONS;
      if (sweepIntervalMs > 0) sweeper.start(sweepIntervalMs);
      const address = server.address();
      return typeof address === "object" && address ? { port: address.port } : { port };
    },
    async stop() {
      await sweeper.stop();
      await app.stop();
      services.answers.close();
      await store.close();
    },
  };
}

/**
 * Bolt's authorize for one bot token: the bot's ids and its workspace (team and enterprise) from one auth.test,
 * kept for the life of the process (retried on the next request if it failed). For an org-wide token auth.test
 * names the enterprise; the team is then left to Bolt (the workspace the person acts in).
 */
export function tokenAuthorization(
  botToken: string,
  clientOptions: WebClientOptions,
): { authorize: Authorize<boolean>; check(): Promise<void> } {
  const client = new WebClient(botToken, clientOptions);
  let facts: ReturnType<typeof lookup> | undefined;
  const lookup = async () => {
    const result = await client.auth.test();
    const enterpriseInstall = result.is_enterprise_install === true;
    return {
      botToken,
      botId: result.bot_id,
      botUserId: result.user_id,
      ...(enterpriseInstall || !result.team_id ? {} : { teamId: result.team_id }),
      ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}),
    };
  };
  const get = () => {
    facts ??= lookup().catch((error: unknown) => {
      facts = undefined;
      throw error;
    });
    return facts;
  };
  return {
    authorize: async ({ isEnterpriseInstall }) => ({ ...(await get()), isEnterpriseInstall }),
    async check() {
      await get();
    },
  };
}
