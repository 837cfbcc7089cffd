import { ACTION } from "../../contract/ids.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { searchObjectives } from "./objectives.js";

export function register(router: ListenerRouter, services: Services): void {
  router.options(ACTION.objectiveSelect, searchObjectives(services));
}
