/**
 * The button under an answer that counts its unconfirmed points: rebuilds the answer afresh (as "share" does) and
 * shows the full list (with every source) in a modal, pushed onto the answer's modal when it was shown in one.
 * For a verdict, the list comes with the reasons, next steps and estimate in full.
 */
import type { BlockAction, BlockButtonAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { createTranslator } from "../../../i18n/translator.js";
import { digestOf, reminderItemsOf } from "../../../reminders/due.js";
import { EligibilityAnswers } from "../../../rules/service-profile.js";
import { matchTeamIntent } from "../../assistant/team-intent.js";
import { SHARE_COMMANDS } from "../../contract/ids.js";
import { buildAnswer } from "../../flows/answers.js";
import { triggerClient } from "../../flows/open-modal.js";
import { failureText, logFailure, slackErrorCode } from "../../runtime/failures.js";
import { type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { homeCaveats } from "../../views/home.js";
import { caveatListMessage, uniqueCaveats } from "../../views/messages/caveats.js";
import type { SlackMessage } from "../../views/messages/index.js";
import { digestCaveats } from "../../views/messages/reminder.js";
import { teamStateMessage } from "../../views/messages/team-state.js";
import { verdictDetailMessage } from "../../views/messages/verdict.js";
import { loadingModal } from "../../views/modals/loading.js";
import { answerModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";

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

async function listOf(services: Services, who: Requester, value: string | undefined): Promise<SlackMessage> {
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

/** The unconfirmed points under an answer, in a modal (see the top of this file). */
export function showCaveats(services: Services): Middleware<SlackActionMiddlewareArgs<BlockButtonAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const slack = triggerClient(client);
    // Pushed over a modal the answer is in; opened from a message or the App Home tab (a home view takes no push).
    const fromModal = (body as BlockAction).view?.type === "modal";
    // The modal opens first (the trigger expires in 3 s); the list is filled in once computed.
    let viewId: string | undefined;
    try {
      const opened = fromModal
        ? await slack.views.push({ trigger_id: body.trigger_id, view: loadingModal() })
        : await slack.views.open({ trigger_id: body.trigger_id, view: loadingModal() });
      viewId = opened.view?.id;
    } catch (error) {
      if (slackErrorCode(error) === "expired_trigger_id") {
        const who = await requester(services, client, context, body, body.user.id);
        await client.chat
          .postMessage({ channel: body.user.id, text: who.t("app.triggerExpired") })
          .catch(() => undefined);
      } else {
        logFailure(services, "caveats: views.open", error);
      }
      return;
    }
    let view: ModalView;
    let who: Requester | undefined;
    try {
      who = await requester(services, client, context, body, body.user.id);
      const list = await listOf(services, who, body.actions[0]?.value);
      view = answerModal(list.text, list.blocks, { t: who.t });
    } catch (error) {
      logFailure(services, "caveats", error);
      const t = who?.t ?? createTranslator("ja");
      view = answerModal(t("app.errorTitle"), [section(failureText(error, t))], { t });
    }
    if (viewId)
      await client.views
        .update({ view_id: viewId, view })
        .catch((error) => logFailure(services, "caveats: views.update", error));
  };
}
