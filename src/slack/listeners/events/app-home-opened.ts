import { publishHome } from "../../flows/publish-home.js";
import { logFailure } from "../../runtime/failures.js";
import { requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";

export function register(app: ListenerRouter, services: Services): void {
  app.event("app_home_opened", async ({ event, client, context, body }) => {
    if (event.tab !== "home") return;
    try {
      const who = await requester(services, client, context, body, event.user);
      await publishHome(services, client, who);
    } catch (error) {
      logFailure(services, "app_home_opened", error);
    }
  });
}
