import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { assistantPanel } from "./assistant.js";

export function register(router: ListenerRouter, services: Services): void {
  router.assistant(assistantPanel(services));
}
