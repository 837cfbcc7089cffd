import type { App } from "@slack/bolt";
import type { KeyvInstallationStore } from "../../store/installation-store.js";
import type { Services } from "../runtime/services.js";
import * as actions from "./actions/index.js";
import * as assistant from "./assistant/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";
import * as functions from "./functions/index.js";
import * as options from "./options/index.js";
import { ListenerRouter } from "./router.js";
import * as views from "./views/index.js";

/** Every listener on one router; each kind's folder registers its own (its index.ts), one file per listener. */
export function buildRouter(services: Services, installations?: KeyvInstallationStore): ListenerRouter {
  const router = new ListenerRouter();
  commands.register(router, services);
  actions.register(router, services);
  views.register(router, services);
  options.register(router, services);
  events.register(router, services, installations);
  functions.register(router, services);
  assistant.register(router, services);
  return router;
}

/** Registers every listener on the Bolt app, through one router (router.ts says why). */
export function registerListeners(app: App, services: Services, installations?: KeyvInstallationStore): void {
  app.use(buildRouter(services, installations).middleware());
}
