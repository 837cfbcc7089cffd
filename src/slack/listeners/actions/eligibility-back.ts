import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from "@slack/bolt";
import { parseEligibilityBack } from "../../forms/eligibility.js";
import { logFailure } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { eligibilityStepModal } from "../../views/modals/index.js";

/** The questionnaire's "Back": the previous step replaces the current one, with the answers given so far. */
export function eligibilityBack(services: Services): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const view = body.view;
    if (!view) return;
    try {
      const who = await requester(services, client, context, body, body.user.id);
      const ctx = { rules: services.engine.rules, t: who.t, asOf: services.clock() };
      const back = parseEligibilityBack(view.state.values, view.private_metadata, ctx);
      if (!back) return;
      await client.views.update({ view_id: view.id, hash: view.hash, view: eligibilityStepModal(back, ctx) });
    } catch (error) {
      logFailure(services, "eligibility back", error);
    }
  };
}
