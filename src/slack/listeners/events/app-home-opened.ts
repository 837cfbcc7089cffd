import { logFailure } from "../../failures.js";
import { publishHome } from "../../home.js";
import { requester } from "../../request.js";
import type { Services } from "../../services.js";
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
