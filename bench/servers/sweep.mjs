/**
 * One reminder sweep in a process of its own, so that its peak memory (process.resourceUsage().maxRSS) is the
 * sweep's. Plain JavaScript on the built app (`dist/`, as `npm start` runs it): the TypeScript loader alone would
 * add some 40 MB. Opens STORE_URL (already seeded), sweeps at SWEEP_AT posting to the fake Slack at SLACK_API_URL,
 * sweeps again at the same instant (posting nothing), and tells the parent `{type: "result", …}`.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dist = resolve(process.env.DIST_DIR ?? "dist");
const load = (path) => import(pathToFileURL(resolve(dist, path)).href);

const { openStore } = await load("store/keyv-factory.js");
const { ProfileRepository } = await load("profile/repository.js");
const { ReminderSettingsRepository } = await load("reminders/settings.js");
const { createSweeper, reminderWebClient } = await load("jobs/sweeper/sweeper.js");
const { createRulesEngine } = await load("rules/engine.js");
const { loadRules } = await load("rules/load.js");

const store = openStore(process.env.STORE_URL, {
  namespace: process.env.STORE_NAMESPACE ?? "ismap",
  timeoutMs: 10_000,
});
const engine = createRulesEngine(loadRules(process.env.RULES_DIR ?? "rules"));
const client = reminderWebClient(process.env.SLACK_BOT_TOKEN ?? "", {
  slackApiUrl: process.env.SLACK_API_URL,
});
const quiet = { debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error };
const sweeper = createSweeper({
  store,
  profiles: new ProfileRepository(store),
  settings: new ReminderSettingsRepository(store),
  engine,
  clientFor: () => client,
  logger: quiet,
});
const at = new Date(process.env.SWEEP_AT ?? "2026-11-20T10:00:00+09:00");
const mb = (kb) => Math.round((kb / 1024) * 10) / 10;
const rssBefore = process.resourceUsage().maxRSS;
const cpuBefore = process.cpuUsage();
const report = await sweeper.sweepOnce(at);
const cpu = process.cpuUsage(cpuBefore);
const again = await sweeper.sweepOnce(at);
await store.close();
process.send?.({
  type: "result",
  durationMs: report.durationMs,
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  sent: report.sent,
  errors: report.errors + report.failed,
  teams: report.teams,
  secondSweepMs: again.durationMs,
  secondSweepSent: again.sent,
  maxRssMb: mb(process.resourceUsage().maxRSS),
  rssBeforeSweepMb: mb(rssBefore),
});
process.exit(0);
