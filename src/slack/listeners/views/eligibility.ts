import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { jsonEqual } from "../../../profile/diff.js";
import type { EligibilityResult } from "../../../rules/eligibility.js";
import type { EligibilityAnswers, ServiceProfile } from "../../../rules/service-profile.js";
import { refreshHome } from "../../flows/publish-home.js";
import { parseEligibilityStep } from "../../forms/eligibility.js";
import { canEdit } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { eligibilityResultModal, eligibilityStepModal } from "../../views/modals/index.js";
import { section } from "../../views/parts.js";
import { onSubmission } from "./submission.js";

/**
 * The eligibility questionnaire: each step's submission is validated in the ack (errors shown on the fields), the
 * next step replaces the current one (`update`, so the stack never grows), and the last step shows the verdict
 * and then saves answers and verdict to the profile. If someone else saved the eligibility result meanwhile, the
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

    // Anyone may run the check; only admins, owners and editors change the team's saved verdict.
    const { profile } = await services.profiles.get(sub.who.team);
    if (!(await canEdit(services, client, sub.who, profile))) {
      const view = eligibilityResultModal(result, sub.ctx, parsed.answers);
      view.blocks = [section(`:information_source: ${sub.who.t("app.verdictNotSaved")}`), ...view.blocks];
      await client.views.update({ view_id: sub.view.id, view });
      return;
    }
    const saved = await services.profiles.save(sub.who.team, {
      baseRevision: parsed.baseRevision,
      actor: sub.who.userId,
      at: sub.ctx.asOf,
      summary: "eligibility",
      update: (profile) =>
        // The same answers giving the same verdict under the same rules change nothing: no new revision.
        sameVerdict(profile.eligibility, parsed.answers, result)
          ? profile
          : {
              ...profile,
              eligibility: {
                answers: parsed.answers,
                result: { verdict: result.verdict, rulesVersion: result.rulesVersion, asOf: result.asOf },
              },
            },
    });
    if (!saved.ok) {
      const retry = eligibilityStepModal(
        {
          answers: parsed.answers,
          step: lastStepOf(parsed.answers, services),
          baseRevision: saved.current.revision,
          channelId: parsed.channelId,
        },
        sub.ctx,
      );
      retry.blocks = [
        section(`:warning: ${sub.who.t("app.staleEligibility", { revision: saved.current.revision })}`),
        ...retry.blocks,
      ];
      await client.views.update({ view_id: sub.view.id, view: retry });
      return;
    }
    await refreshHome(services, client, sub.who);
  });
}

/** Whether the saved answers and verdict are these (so saving them again would change nothing but the day). */
function sameVerdict(
  saved: ServiceProfile["eligibility"],
  answers: EligibilityAnswers,
  result: EligibilityResult,
): boolean {
  return (
    saved?.result !== undefined &&
    jsonEqual(saved.answers, answers) &&
    saved.result.verdict === result.verdict &&
    saved.result.rulesVersion === result.rulesVersion
  );
}

/** The step holding the last applicable question, where "Get verdict" is pressed. */
function lastStepOf(answers: Record<string, string | string[]>, services: Services): number {
  const steps = services.engine.questionsFor(answers).map((q) => q.step);
  return steps.length > 0 ? Math.max(...steps) : 1;
}
