/**
 * Modal open time: from the instant a `/ismap check` command is sent to the instant the fake Slack Web API has
 * received (and answered) the app's `views.open`, at `rate` commands per second (open loop, Poisson arrivals) for
 * `durationS`. The app runs in a child process; the fake Slack runs in this process (it only answers) so that both
 * instants are read from the same clock.
 */
import { DEFAULT_IDS, startSlackEmulator } from "../dev/slack-emulator/index.js";
import { computeSignature, slashCommand } from "../dev/slack-requests/index.js";
import { SIGNING_SECRET } from "./ack.js";
import { forkTs } from "./lib/child.js";
import { paced } from "./lib/paced.js";
import { nowMs, round, roundSummary, type Summary, summarize } from "./lib/stats.js";

export interface ModalResult {
  rate: number;
  durationS: number;
  sent: number;
  opened: number;
  /** Commands whose views.open never came (within 10 s). */
  missing: number;
  /** views.open calls the fake refused (expired trigger …). */
  failedOpens: number;
  openMs: Summary;
}

const USERS = [DEFAULT_IDS.admin, DEFAULT_IDS.owner, DEFAULT_IDS.member, DEFAULT_IDS.guest];

export async function runModalBench(options: {
  storeUrl: string;
  rate?: number;
  durationS?: number;
}): Promise<ModalResult> {
  const rate = options.rate ?? 50;
  const durationS = options.durationS ?? 10;
  // Triggers are issued ahead with the pool: a long life, so a trigger's age never makes it expire in the run.
  const fake = await startSlackEmulator({ triggerTtlMs: 10 * 60_000 });
  const child = forkTs("bench/servers/app.ts", {
    name: "app",
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_API_URL: fake.url,
      STORE_URL: options.storeUrl,
      LOG_LEVEL: "info",
    },
  });
  try {
    const { port } = await child.next<{ type: "ready"; port: number }>("ready", 60_000);
    const count = Math.ceil(rate * durationS * 1.5);
    const pool = Array.from({ length: count }, (_, i) =>
      slashCommand(fake, { text: "check", user_id: USERS[i % USERS.length] as string }),
    );
    const durations: number[] = [];
    const waits: Promise<void>[] = [];
    const sign = (body: string) => {
      const ts = Math.floor(Date.now() / 1000);
      return {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(ts),
        "x-slack-signature": computeSignature(SIGNING_SECRET, ts, body),
      };
    };
    // Warm-up: a few commands (first users.info lookups, first rules evaluations), not measured.
    for (const request of pool.splice(0, 8)) {
      const wait = fake.waitForCall(
        "views.open",
        (c) => c.body.trigger_id === request.payload.trigger_id,
        10_000,
      );
      await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: "POST",
        headers: sign(request.body),
        body: request.body,
      });
      await wait;
    }
    const result = await paced({
      port,
      rate,
      durationS,
      next: (i) => {
        const request = pool[i % pool.length] as (typeof pool)[number];
        return {
          body: request.body,
          headers: sign(request.body),
          onSend: (plannedAt) => {
            waits.push(
              fake
                .waitForCall("views.open", (c) => c.body.trigger_id === request.payload.trigger_id, 10_000)
                .then(() => {
                  durations.push(nowMs() - plannedAt);
                })
                .catch(() => undefined),
            );
          },
        };
      },
    });
    await Promise.all(waits);
    // Let the app fill in the modals it opened before it is stopped.
    for (let i = 0; i < 100 && fake.callsTo("views.update").length < durations.length + 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const failedOpens = fake
      .callsTo("views.open")
      .filter((c) => (c.response as { ok?: boolean } | undefined)?.ok !== true).length;
    return {
      rate,
      durationS: round(result.durationS),
      sent: result.sent,
      opened: durations.length,
      missing: result.sent - durations.length,
      failedOpens,
      openMs: roundSummary(summarize(durations)),
    };
  } finally {
    await child.close();
    await fake.close();
  }
}
