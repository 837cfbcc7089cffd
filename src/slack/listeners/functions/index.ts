import { STEP } from "../../contract/ids.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { recordAuditStep, whatIsDueStep } from "./steps.js";

export function register(router: ListenerRouter, services: Services): void {
  router.function(STEP.whatIsDue, whatIsDueStep(services));
  router.function(STEP.recordAudit, recordAuditStep(services));
}
