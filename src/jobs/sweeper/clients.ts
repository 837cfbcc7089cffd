/** The Web API clients the sweeper posts with: one lean client per bot token, over one keep-alive transport. */
import type { InstallationQuery, InstallationStore } from "@slack/bolt";
import { LogLevel, WebClient } from "@slack/web-api";
import { keepAliveFetch } from "../../lib/keep-alive-fetch.js";
import type { ClientFor } from "./types.js";

/** One pool of keep-alive sockets for every client of the process (the sockets are made on demand). */
const sharedFetch = keepAliveFetch();

/**
 * A Web API client suited to the sweeper: no retries of its own, rate limits rejected, 10 s timeout, and a lean
 * keep-alive HTTP transport (keep-alive-fetch.ts).
 */
export function reminderWebClient(
  token: string,
  options: { slackApiUrl?: string | undefined; timeoutMs?: number } = {},
): WebClient {
  return new WebClient(token, {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 10_000,
    logLevel: LogLevel.ERROR,
    fetch: sharedFetch,
  });
}

/** clientFor over an installation store (OAuth): the bot token of each team's installation, one client per token. */
export function clientsFromInstallations(
  installations: Pick<InstallationStore, "fetchInstallation">,
  options: { slackApiUrl?: string | undefined } = {},
): ClientFor {
  const clients = new Map<string, WebClient>();
  const botToken = (query: InstallationQuery<boolean>) =>
    installations
      .fetchInstallation(query)
      .then((installation) => installation.bot?.token)
      .catch(() => undefined);
  return async (team) => {
    // The workspace's own installation, else an org-wide one of its Enterprise Grid organisation.
    const token =
      (await botToken({
        teamId: team.teamId,
        enterpriseId: team.enterpriseId,
        isEnterpriseInstall: false,
      })) ??
      (team.enterpriseId
        ? await botToken({ teamId: undefined, enterpriseId: team.enterpriseId, isEnterpriseInstall: true })
        : undefined);
    if (!token) return undefined;
    let client = clients.get(token);
    if (!client) {
      client = reminderWebClient(token, options);
      clients.set(token, client);
    }
    return client;
  };
}
