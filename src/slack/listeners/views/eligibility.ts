import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { refreshHome } from "../../flows/publish-home.js";
import { saveVerdict } from "../../flows/save-verdict.js";
import { parseEligibilityStep } from "../../forms/eligibility.js";
import type { Services } from "../../runtime/services.js";
import { eligibilityResultModal, eligibilityStepModal } from "../../views/modals/index.js";
import { section } from "../../views/parts.js";
import { onSubmission } from "./submission.js";

/**
 * The eligibility questionnaire: each step's submission is validated in the ack (errors shown on the fields), the
 * next step replaces the current one (`update`, so the stack never grows), and the last step shows the verdict
 * and then saves answers and verdict to the profile (flows/save-verdict.ts). If someone else saved the eligibility result meanwhile, the
 * last step comes back with the person's answers kept and a note, instead of overwriting.
 */
export function submitEligibility(services: Services): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "eligibility", async ({ sub, ack, client }) => {
    const parsed = parseEligibilityStep(sub.view.state.values, sub.view.private_metadata, sub.ctx);
    if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));
    if (parsed.nextStep !== null || !parsed.result) {
      const view = eligibilityStepModal(
        {
          answers: parsed.answers,
          step: parsed.nextStep ?? 1,
          baseRevision: parsed.baseRevision,
          channelId: parsed.channelId,
        },
        sub.ctx,
      );
      return void (await ack({ response_action: "update", view }));
    }
    const result = parsed.result;
    await ack({ response_action: "update", view: eligibilityResultModal(result, sub.ctx, parsed.answers) });

    const saved = await saveVerdict(services, client, sub.who, {
      answers: parsed.answers,
      result,
      baseRevision: parsed.baseRevision,
      at: sub.ctx.asOf,
    });
    if (saved.outcome === "notAllowed") {
      const view = eligibilityResultModal(result, sub.ctx, parsed.answers);
      view.blocks = [section(`:information_source: ${sub.who.t("app.verdictNotSaved")}`), ...view.blocks];
      await client.views.update({ view_id: sub.view.id, view });
      return;
    }
    if (saved.outcome === "stale") {
      const retry = eligibilityStepModal(
        {
          answers: parsed.answers,
          step: lastStepOf(parsed.answers, services),
          baseRevision: saved.revision,
          channelId: parsed.channelId,
        },
        sub.ctx,
      );
      retry.blocks = [
        section(`:warning: ${sub.who.t("app.staleEligibility", { revision: saved.revision })}`),
        ...retry.blocks,
      ];
      await client.views.update({ view_id: sub.view.id, view: retry });
      return;
    }
    await refreshHome(services, client, sub.who);
  });
}

/** The step holding the last applicable question, where "Get verdict" is pressed. */
function lastStepOf(answers: Record<string, string | string[]>, services: Services): number {
  const steps = services.engine.questionsFor(answers).map((q) => q.step);
  return steps.length > 0 ? Math.max(...steps) : 1;
}
