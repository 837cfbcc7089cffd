import type { App } from "@slack/bolt";
import type { KeyvInstallationStore } from "../../store/installation-store.js";
import type { Services } from "../runtime/services.js";
import * as caveats from "./actions/caveats.js";
import * as exportRecords from "./actions/export-records.js";
import * as feedback from "./actions/feedback.js";
import * as homeButtons from "./actions/home-buttons.js";
import * as share from "./actions/share.js";
import * as assistant from "./assistant.js";
import * as ismap from "./commands/ismap.js";
import * as appHomeOpened from "./events/app-home-opened.js";
import * as questions from "./events/questions.js";
import * as uninstall from "./events/uninstall.js";
import * as steps from "./functions/steps.js";
import * as objectives from "./options/objectives.js";
import { ListenerRouter } from "./router.js";
import * as eligibility from "./views/eligibility.js";
import * as importRecords from "./views/import.js";
import * as profile from "./views/profile.js";
import * as record from "./views/record.js";
import * as remind from "./views/remind.js";

/** Every handler on one router; each folder holds one file per listener. */
export function buildRouter(services: Services, installations?: KeyvInstallationStore): ListenerRouter {
  const router = new ListenerRouter();
  ismap.register(router, services);
  for (const listener of [
    eligibility,
    profile,
    record,
    remind,
    share,
    caveats,
    homeButtons,
    objectives,
    appHomeOpened,
    questions,
    exportRecords,
    importRecords,
    feedback,
    assistant,
    steps,
  ]) {
    listener.register(router, services);
  }
  uninstall.register(router, services, installations);
  return router;
}

/** Registers every listener on the Bolt app, through one router (router.ts says why). */
export function registerListeners(app: App, services: Services, installations?: KeyvInstallationStore): void {
  app.use(buildRouter(services, installations).middleware());
}
