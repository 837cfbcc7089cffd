/**
 * The list behind the button under an answer that counts its unconfirmed points: the answer rebuilt afresh (as
 * "share" does) from what the button carries, and its caveats in full with every source. For a verdict, the list
 * comes with the reasons, next steps and estimate in full.
 */
import { z } from "zod";
import { digestOf, reminderItemsOf } from "../../reminders/due.js";
import { EligibilityAnswers } from "../../rules/service-profile.js";
import { matchTeamIntent } from "../assistant/team-intent.js";
import { SHARE_COMMANDS } from "../contract/ids.js";
import type { Requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { homeCaveats } from "../views/home.js";
import { caveatListMessage, uniqueCaveats } from "../views/messages/caveats.js";
import type { SlackMessage } from "../views/messages/index.js";
import { digestCaveats } from "../views/messages/reminder.js";
import { teamStateMessage } from "../views/messages/team-state.js";
import { verdictDetailMessage } from "../views/messages/verdict.js";
import { section } from "../views/parts.js";
import { buildAnswer } from "./answers.js";

const CaveatValue = z.object({
  cmd: z.enum([...SHARE_COMMANDS, "verdict", "home", "obligation", "digest", "team"]),
  args: z.string().max(2000),
});
/** What the verdict's button carries: the answers it was given and the instant it was checked at. */
export const VerdictArgs = z.object({ answers: EligibilityAnswers, asOf: z.string().datetime() });

function parseJson(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? "null");
  } catch {
    return undefined;
  }
}

/** The full list of unconfirmed points behind a caveats button's value; a stale or tampered value gets a note. */
export async function caveatList(
  services: Services,
  who: Requester,
  value: string | undefined,
): Promise<SlackMessage> {
  const parsed = CaveatValue.safeParse(parseJson(value));
  if (!parsed.success)
    return { text: who.t("errors.staleView"), blocks: [section(who.t("errors.staleView"))] };
  const ctx = { rules: services.engine.rules, t: who.t, asOf: services.clock() };
  if (parsed.data.cmd === "verdict") {
    const args = VerdictArgs.safeParse(parseJson(parsed.data.args));
    if (!args.success)
      return { text: who.t("errors.staleView"), blocks: [section(who.t("errors.staleView"))] };
    const result = services.engine.assessEligibility(args.data.answers, new Date(args.data.asOf));
    return verdictDetailMessage(result, ctx);
  }
  const cmd = parsed.data.cmd;
  if (cmd === "team") {
    // The assistant's answer about the team's own dates, rebuilt from its question as the timeline stands now.
    const intent = matchTeamIntent(parsed.data.args, ctx.asOf);
    if (!intent) return { text: who.t("errors.staleView"), blocks: [section(who.t("errors.staleView"))] };
    const { profile } = await services.profiles.get(who.team);
    const answer = teamStateMessage(
      intent,
      services.engine.obligations(profile, ctx.asOf),
      parsed.data.args,
      ctx,
    );
    return caveatListMessage(answer.caveats ?? [], ctx);
  }
  if (cmd === "home" || cmd === "obligation" || cmd === "digest") {
    const { profile } = await services.profiles.get(who.team);
    const timeline = services.engine.obligations(profile, ctx.asOf);
    if (cmd === "home") return caveatListMessage(homeCaveats(timeline), ctx);
    if (cmd === "digest") {
      const digest = digestOf(reminderItemsOf(timeline), ctx.asOf);
      return caveatListMessage(digestCaveats([...digest.upcoming, ...digest.overdue]), ctx);
    }
    // A reminder's obligation, as the timeline has it now; gone (done, or moved on) means the reminder is stale.
    const obligation = timeline.obligations.find((o) => o.id === parsed.data.args);
    if (!obligation) return { text: who.t("errors.staleView"), blocks: [section(who.t("errors.staleView"))] };
    return caveatListMessage(uniqueCaveats(obligation.caveats), ctx);
  }
  const answer = await buildAnswer(services, who, cmd, parsed.data.args);
  return caveatListMessage(answer.caveats ?? [], ctx, answer.sources ?? [], answer.details ?? []);
}
