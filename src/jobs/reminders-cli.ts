/**
 * `npm run reminders -- --at <ISO instant> [--dry-run] [--team <id>]`: one reminder sweep as of that instant, against
 * STORE_URL (default sqlite://./data/ismap.sqlite), RULES_DIR (default rules/), SLACK_BOT_TOKEN (or, without it, the
 * bot tokens of the installations in the store) and SLACK_API_URL. Prints one line per occurrence it sent or would
 * send, or otherwise decided on, then a summary line. With --dry-run it needs no Slack token and writes nothing.
 * Exit status: 0 done, 1 some posts failed or some team could not be swept, 2 usage or configuration error.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadEnvFileIfPresent } from "../ops/env-file.js";
import { ProfileRepository } from "../profile/repository.js";
import { ReminderSettingsRepository } from "../reminders/settings.js";
import { createRulesEngine } from "../rules/engine.js";
import { loadRules } from "../rules/load.js";
import { KeyvInstallationStore } from "../store/installation-store.js";
import { DEFAULT_STORE_URL, openStore } from "../store/keyv-factory.js";
import {
  type ClientFor,
  clientsFromInstallations,
  createSweeper,
  type ReminderLogger,
  reminderWebClient,
  type SweepOccurrence,
  type SweepReport,
} from "./sweeper/sweeper.js";

export interface CliOutput {
  code: 0 | 1 | 2;
  stdout: string[];
  stderr: string[];
}

const USAGE =
  "usage: npm run reminders -- --at <ISO datetime with offset, e.g. 2026-12-01T10:00:00+09:00> [--dry-run] [--team <team id>]";

interface Args {
  at: Date;
  dryRun: boolean;
  team?: string;
}

function parseArgs(args: readonly string[]): Args | string {
  let at: string | undefined;
  let team: string | undefined;
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.includes("=")
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (name === "--dry-run") dryRun = true;
    else if (name === "--at") at = value();
    else if (name === "--team") team = value();
    else return `unknown argument ${arg}`;
  }
  if (at === undefined) return "--at is required";
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at)) {
    return `--at ${at}: give an ISO datetime with its offset, e.g. 2026-12-01T10:00:00+09:00`;
  }
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return `--at ${at}: not a valid instant`;
  if (team !== undefined && !/^([A-Za-z0-9_]+:|-:)?[A-Za-z0-9_]+$/.test(team))
    return `--team ${team}: not a team id`;
  return { at: instant, dryRun, ...(team === undefined ? {} : { team }) };
}

const VERB: Record<SweepOccurrence["status"], [string, string]> = {
  sent: ["sent", "would send"],
  would_send: ["would send", "would send"],
  superseded: ["superseded", "would supersede"],
  dropped: ["dropped", "would drop"],
  failed: ["failed", "failed"],
  deferred: ["deferred", "deferred"],
  claimed_elsewhere: ["claimed elsewhere", "claimed elsewhere"],
  paused: ["paused", "paused"],
  no_client: ["no client", "no client"],
};

/** One occurrence: what happened, team, kind, subject, due day (JST), lead, late or on time. */
export function formatOccurrence(o: SweepOccurrence, dryRun: boolean): string {
  const verb = VERB[o.status][dryRun ? 1 : 0];
  const cols = [
    verb.padEnd(17),
    o.team,
    o.kind.padEnd(8),
    o.subject,
    `due ${o.dueDate} JST`,
    `lead ${o.lead}d`,
    o.late ? "late" : "on time",
  ];
  if (o.error) cols.push(`(${o.error})`);
  return cols.join("  ");
}

/** An instant as JST ISO 8601: 2026-12-01T10:00:00+09:00. */
export function jstIso(at: Date): string {
  return `${new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;
}

export function formatSummary(report: SweepReport): string {
  const verb = report.dryRun ? "would send" : "sent";
  return (
    `summary: at ${jstIso(new Date(report.at))}${report.dryRun ? " (dry run)" : ""}: ${report.teams} team(s), ` +
    `${report.sent} ${verb} (${report.late} late), ${report.superseded} superseded, ` +
    `${report.droppedPastDue} dropped past due, ${report.failed} failed, ${report.paused} paused, ` +
    `${report.deferred} deferred, ${report.claimedElsewhere} claimed elsewhere, ${report.errors} errors, ${report.durationMs} ms`
  );
}

/** The whole CLI as a function of its arguments and environment. */
export async function runRemindersCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliOutput> {
  if (args.includes("-h") || args.includes("--help")) return { code: 0, stdout: [USAGE], stderr: [] };
  const parsed = parseArgs(args);
  if (typeof parsed === "string") return { code: 2, stdout: [], stderr: [parsed, USAGE] };
  const token = env.SLACK_BOT_TOKEN?.trim() || undefined;
  const slackApiUrl = env.SLACK_API_URL?.trim() || undefined;
  const stderr: string[] = [];
  const logger: ReminderLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (...m) => stderr.push(m.map(String).join(" ")),
    error: (...m) => stderr.push(m.map(String).join(" ")),
  };

  const rules = loadRules(env.RULES_DIR?.trim() || "rules");
  const store = openStore(env.STORE_URL?.trim() || DEFAULT_STORE_URL);
  try {
    let clientFor: ClientFor;
    if (parsed.dryRun) {
      clientFor = () => undefined;
    } else if (token) {
      const client = reminderWebClient(token, { slackApiUrl });
      clientFor = () => client;
    } else if (env.SLACK_CLIENT_ID?.trim()) {
      clientFor = clientsFromInstallations(new KeyvInstallationStore(store), { slackApiUrl });
    } else {
      return {
        code: 2,
        stdout: [],
        stderr: ["SLACK_BOT_TOKEN is required to send reminders (or use --dry-run)", USAGE],
      };
    }
    const sweeper = createSweeper({
      store,
      profiles: new ProfileRepository(store),
      settings: new ReminderSettingsRepository(store),
      engine: createRulesEngine(rules),
      clientFor,
      logger,
    });
    const report = await sweeper.sweepOnce(parsed.at, {
      dryRun: parsed.dryRun,
      ...(parsed.team === undefined ? {} : { teamId: parsed.team }),
    });
    const stdout = [
      ...report.occurrences.map((o) => formatOccurrence(o, report.dryRun)),
      formatSummary(report),
    ];
    return { code: report.failed > 0 || report.errors > 0 ? 1 : 0, stdout, stderr };
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  let out: CliOutput;
  try {
    // The same settings as the app: .env fills in what the environment lacks.
    loadEnvFileIfPresent();
    out = await runRemindersCli(process.argv.slice(2), process.env);
  } catch (error) {
    out = {
      code: 2,
      stdout: [],
      stderr: [`reminders: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  for (const line of out.stdout) process.stdout.write(`${line}\n`);
  for (const line of out.stderr) process.stderr.write(`${line}\n`);
  process.exitCode = out.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
