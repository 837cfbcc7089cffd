/**
 * Bare Bolt for comparison: the same @slack/bolt, its default HTTP receiver, and one listener that only acks
 * `/ismap`. Tells the parent `{type: "ready", port}`.
 */
import { App, LogLevel } from "@slack/bolt";
import { onParentClose, tellParent } from "../lib/child.js";

const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  token: process.env.SLACK_BOT_TOKEN ?? "",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "" },
  logLevel: LogLevel.INFO,
  deferInitialization: true,
});
app.command("/ismap", async ({ ack }) => {
  await ack();
});
await app.init();
const server = await app.start({ port: 0, host: "127.0.0.1" });
const address = server.address();
onParentClose(async () => {
  await app.stop();
});
tellParent({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
