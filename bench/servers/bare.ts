/**
 * Bare Bolt for comparison: the same @slack/bolt, its default HTTP receiver, one `/ismap` listener and nothing else
 * (token mode, no store, no rules, no users.info). It answers with the app's own answer to the same question,
 * byte for byte, handed over by the bench (`{type: "answers", answers: {[answerKey]: message}}`, see
 * bench/lib/teams.ts), and in the way the bench says (`{type: "mode", mode}`, acknowledged with `{type: "mode-set"}`):
 * - `post` (a first question, as the app answers one): ack with an empty body, then POST the message to the
 *   command's response_url with Bolt's `respond`, as the app does;
 * - `ack` (a repeated question, as the app answers one from its answer cache): the message in the ack itself.
 * A question it has no answer for is acked empty. Tells the parent `{type: "ready", port}`.
 */
import { App, LogLevel } from "@slack/bolt";
import { onParentClose, tellParent } from "../lib/child.js";
import { answerKey } from "../lib/teams.js";

type Message = Record<string, unknown>;
let answers = new Map<string, Message>();
let mode: "post" | "ack" = "post";

process.on(
  "message",
  (message: { type?: string; answers?: Record<string, Message>; mode?: "post" | "ack" }) => {
    if (message?.type === "answers" && message.answers) {
      answers = new Map(Object.entries(message.answers));
      tellParent({ type: "answers-set", count: answers.size });
    }
    if (message?.type === "mode" && message.mode) {
      mode = message.mode;
      tellParent({ type: "mode-set", mode });
    }
  },
);

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  token: process.env.SLACK_BOT_TOKEN ?? "",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "" },
  logLevel: LogLevel.INFO,
  deferInitialization: true,
});
app.command("/ismap", async ({ ack, command, respond }) => {
  const answer = answers.get(answerKey(command.team_id, command.user_id, command.text));
  if (!answer) return void (await ack());
  if (mode === "ack") return void (await ack(answer));
  await ack();
  await respond(answer);
});
await app.init();
const server = await app.start({ port: 0, host: "127.0.0.1" });
const address = server.address();
onParentClose(async () => {
  await app.stop();
});
tellParent({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
