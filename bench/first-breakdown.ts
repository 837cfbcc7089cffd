/**
 * Where the time of a first answer goes: `npx tsx bench/first-breakdown.ts [teams]` seeds the bench's workspaces
 * (bench/lib/teams.ts) in a SQLite store, starts the fake Slack Web API in a child process and a response_url
 * receiver here, builds the app's services (src/app.ts, OAuth mode, not listening) and then, one team at a time,
 * times each step the `/ismap` listener takes for a first question, in the order it takes them:
 * the installation read (Bolt's authorize), the saved language, users.info, the profile read, the rules
 * (obligations, verdict), the Block Kit message, the response_url POST. Prints p50 / p99 / mean per step.
 * Information for working on the app, not part of `npm run bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { createAssistantApp } from "../src/app.js";
import { createTranslator, localeFromSlack } from "../src/i18n/translator.js";
import { keepAliveFetch } from "../src/lib/keep-alive-fetch.js";
import { buildAnswer, currentVerdict } from "../src/slack/flows/answers.js";
import { type Requester, resolveLocale } from "../src/slack/runtime/request.js";
import { withShareButton } from "../src/slack/views/messages/index.js";
import { KeyvInstallationStore } from "../src/store/installation-store.js";
import { openStore } from "../src/store/keyv-factory.js";
import { startResponseSink } from "./lib/answers.js";
import { startFakeChild } from "./lib/fake-child.js";
import { nowMs, round, summarize } from "./lib/stats.js";
import { benchTeam, seedTeams } from "./lib/teams.js";

const TEAMS = Number(process.argv[2] ?? 1500);
const work = await mkdtemp(join(tmpdir(), "ismap-breakdown-"));
const fake = await startFakeChild();
const sink = await startResponseSink();
const storeUrl = `sqlite://${join(work, "teams.sqlite")}`;
const seeding = openStore(storeUrl);
await seedTeams(seeding, TEAMS, fake);
await seeding.close();

const assistant = createAssistantApp({
  config: {
    transport: { kind: "http", signingSecret: "s", port: 0, host: "127.0.0.1" },
    auth: { kind: "oauth", clientId: "c", clientSecret: "s", stateSecret: "st" },
    slackApiUrl: fake.url,
    storeUrl,
    rulesDir: "rules",
    logLevel: "error",
  },
  sweepIntervalMs: 0,
});
const { services, store } = assistant;
const installations = new KeyvInstallationStore(store);
// The app's transport (src/app.ts): its Web API clients and Bolt's `respond` share one keep-alive fetch.
const transport = keepAliveFetch();
const client = new WebClient(fake.botToken, {
  slackApiUrl: fake.url,
  retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
  fetch: transport,
});

const steps = [
  "installation read",
  "saved language read",
  "users.info",
  "profile read",
  "rules (obligations, verdict)",
  "answer built (rules + Block Kit, buildAnswer minus the profile read)",
  "share button",
  "response_url POST",
  "total",
  "language lookup (resolveLocale), teams with no saved language",
  "language lookup with the saved-language read and users.info side by side, teams with no saved language",
] as const;
const times = new Map<string, number[]>(steps.map((s) => [s, []]));
const time = async <T>(step: (typeof steps)[number], run: () => Promise<T> | T): Promise<T> => {
  const started = nowMs();
  const value = await run();
  times.get(step)?.push(nowMs() - started);
  return value;
};

const WARMUP = Math.min(300, Math.floor(TEAMS / 3));
for (let i = 0; i < TEAMS; i++) {
  if (i === WARMUP) for (const list of times.values()) list.length = 0;
  const t = benchTeam(i);
  const started = nowMs();
  await time("installation read", () =>
    installations.fetchInstallation({
      teamId: t.team.teamId,
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    }),
  );
  const prefs = await time("saved language read", () => services.preferences.get(t.team, t.userId));
  const facts = await time("users.info", () => services.users.lookup(client, t.team, t.userId));
  const locale = prefs.locale ?? localeFromSlack(facts.locale);
  const who: Requester = { team: t.team, userId: t.userId, locale, t: createTranslator(locale) };
  const asOf = services.clock();
  const stored = await time("profile read", () => services.profiles.get(t.team));
  await time("rules (obligations, verdict)", () => {
    services.engine.obligations(stored.profile, asOf);
    currentVerdict(services, stored.profile, asOf);
  });
  // buildAnswer reads the profile again: its own read is subtracted below.
  const beforeBuild = nowMs();
  const answer = await buildAnswer(services, who, t.text as "status", "");
  const buildMs = nowMs() - beforeBuild;
  const readMs = times.get("profile read")?.at(-1) ?? 0;
  times.get("answer built (rules + Block Kit, buildAnswer minus the profile read)")?.push(buildMs - readMs);
  const message = await time("share button", () =>
    withShareButton(answer, { cmd: t.text as "status", args: "" }, who.t),
  );
  const url = sink.url();
  await time("response_url POST", async () => {
    const arrival = sink.arrival(url, 5_000);
    const response = await transport(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ response_type: "ephemeral", replace_original: false, ...message }),
    });
    await response.arrayBuffer();
    await arrival;
  });
  times.get("total")?.push(nowMs() - started);
  // The language lookup as resolveLocale does it (saved choice, then users.info) against both started at once,
  // alternating team by team, each with an empty user directory entry: what running them side by side would gain.
  if (!t.saved) {
    services.users.forget(t.team, t.userId);
    if (i % 2 === 0) {
      await time("language lookup (resolveLocale), teams with no saved language", () =>
        resolveLocale(services, client, t.team, t.userId),
      );
    } else {
      await time(
        "language lookup with the saved-language read and users.info side by side, teams with no saved language",
        async () => {
          const [saved, facts] = await Promise.all([
            services.preferences.get(t.team, t.userId),
            services.users.lookup(client, t.team, t.userId),
          ]);
          return saved.locale ?? localeFromSlack(facts.locale);
        },
      );
    }
  }
}

console.log(`first answers of ${TEAMS - WARMUP} teams, one at a time (after ${WARMUP} warm-up teams):`);
console.log("step | p50 ms | p99 ms | mean ms");
for (const [step, list] of times) {
  const s = summarize(list);
  console.log(`${step} | ${round(s.p50)} | ${round(s.p99)} | ${round(s.mean)}`);
}
services.answers.close();
await store.close();
await sink.close();
await fake.child.close();
await rm(work, { recursive: true, force: true });
process.exit(0);
