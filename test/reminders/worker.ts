/**
 * One reminder sweep in its own process, for the multi-process tests: `node --import tsx test/reminders/worker.ts`.
 * Configured by the environment:
 * - STORE_URL, STORE_NAMESPACE: the shared store (Redis in the tests);
 * - SLACK_API_URL, SLACK_BOT_TOKEN: the fake Slack of the test process;
 * - AT: the sweep instant; CLAIM_TTL_MS (default 2000); CONCURRENCY (default 8);
 * - HANG_AFTER=n: after n successful posts every further chat.postMessage never returns (the process holds its
 *   claims without posting, as a process that crashed between claim and post would; the test then SIGKILLs it).
 * Prints `hanging` once when the first post hangs, and the sweep report as one JSON line (`report {…}`) at the end.
 */

import { createSweeper, reminderWebClient } from "../../src/jobs/sweeper/sweeper.js";
import { ProfileRepository } from "../../src/profile/repository.js";
import { ReminderSettingsRepository } from "../../src/reminders/settings.js";
import { createRulesEngine } from "../../src/rules/engine.js";
import { loadRules } from "../../src/rules/load.js";
import { openStore } from "../../src/store/keyv-factory.js";

const env = process.env;
const need = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`worker: ${name} is required`);
  return value;
};

const store = openStore(need("STORE_URL"), { namespace: need("STORE_NAMESPACE"), timeoutMs: 5_000 });
const client = reminderWebClient(need("SLACK_BOT_TOKEN"), { slackApiUrl: need("SLACK_API_URL") });
const hangAfter = env.HANG_AFTER ? Number(env.HANG_AFTER) : undefined;
if (hangAfter !== undefined) {
  const post = client.chat.postMessage.bind(client.chat);
  let posts = 0;
  let told = false;
  client.chat.postMessage = (async (args: Parameters<typeof post>[0]) => {
    if (posts >= hangAfter) {
      if (!told) {
        told = true;
        process.stdout.write("hanging\n");
      }
      return new Promise<never>(() => undefined);
    }
    const result = await post(args);
    posts++;
    return result;
  }) as typeof client.chat.postMessage;
}

const sweeper = createSweeper({
  store,
  profiles: new ProfileRepository(store),
  settings: new ReminderSettingsRepository(store),
  engine: createRulesEngine(loadRules(env.RULES_DIR ?? "rules")),
  clientFor: () => client,
  logger: {
    debug: () => undefined,
    info: () => undefined,
    warn: (...m) => process.stderr.write(`${m.join(" ")}\n`),
    error: (...m) => process.stderr.write(`${m.join(" ")}\n`),
  },
  claimTtlMs: Number(env.CLAIM_TTL_MS ?? 2_000),
  concurrency: Number(env.CONCURRENCY ?? 8),
});

const report = await sweeper.sweepOnce(new Date(need("AT")));
const { occurrences: _, ...counts } = report;
process.stdout.write(`report ${JSON.stringify(counts)}\n`);
await store.close();
