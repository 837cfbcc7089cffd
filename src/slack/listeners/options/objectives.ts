import type { Middleware, SlackOptionsMiddlewareArgs } from "@slack/bolt";
import { logFailure } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { objectiveOptions } from "../../views/modals/index.js";

/** Searches the 121 control objectives by id or label for the record-audit modal's external select. */
export function searchObjectives(
  services: Services,
): Middleware<SlackOptionsMiddlewareArgs<"block_suggestion">> {
  return async ({ ack, body, client, context, payload }) => {
    // Slack always sends the typed text as a string; anything else is answered with no options, not a TypeError.
    const query: unknown = payload.value;
    if (typeof query !== "string") return void (await ack({ options: [] }));
    try {
      const who = await requester(services, client, context, body, body.user.id);
      const options = objectiveOptions(query, {
        rules: services.engine.rules,
        t: who.t,
        asOf: services.clock(),
      });
      await ack({ options });
    } catch (error) {
      logFailure(services, "objective options", error);
      await ack({ options: [] });
    }
  };
}
