/**
 * The fake Slack Web API in a process of its own, so the benchmarks' targets do not pay for it. It tells the parent
 * its address, then keeps only counts of the calls it answered (by method, and failures) and forgets the calls
 * themselves, so a long run does not grow its memory. Messages: `{type: "counts"}` → `{type: "counts", …}`.
 */
import { type EmulatorCall, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { onParentClose, tellParent } from "../lib/child.js";

const fake = await startSlackEmulator({ triggerTtlMs: 10 * 60_000 });
const byMethod: Record<string, number> = {};
const failed: Record<string, number> = {};

function drain(): void {
  const calls = fake.calls as EmulatorCall[];
  // Calls still being answered stay for the next round.
  let answered = 0;
  while (answered < calls.length && (calls[answered] as EmulatorCall).status !== 0) answered++;
  for (const call of calls.splice(0, answered)) {
    byMethod[call.method] = (byMethod[call.method] ?? 0) + 1;
    const ok = (call.response as { ok?: unknown } | undefined)?.ok;
    if (call.status !== 200 || ok !== true) failed[call.method] = (failed[call.method] ?? 0) + 1;
  }
}
const timer = setInterval(drain, 100);

process.on("message", (message: { type?: string }) => {
  if (message?.type === "counts") {
    drain();
    tellParent({ type: "counts", byMethod: { ...byMethod }, failed: { ...failed } });
  }
});
onParentClose(async () => {
  clearInterval(timer);
  await fake.close();
});
tellParent({
  type: "ready",
  url: fake.url,
  origin: fake.origin,
  botToken: fake.botToken,
  teamId: fake.teamId,
  teamDomain: fake.teamDomain,
  appId: fake.appId,
  botUserId: fake.botUserId,
});
