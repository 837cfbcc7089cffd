import type { Middleware, SlackEventMiddlewareArgs } from "@slack/bolt";
import { publishHome } from "../../flows/publish-home.js";
import { logFailure } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";

/** The App Home tab opened: it is published afresh for the person. */
export function appHomeOpened(services: Services): Middleware<SlackEventMiddlewareArgs<"app_home_opened">> {
  return async ({ event, client, context, body }) => {
    if (event.tab !== "home") return;
    try {
      const who = await requester(services, client, context, body, event.user);
      await publishHome(services, client, who);
    } catch (error) {
      logFailure(services, "app_home_opened", error);
    }
  };
}
