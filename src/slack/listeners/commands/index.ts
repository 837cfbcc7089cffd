import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { ismapCommand } from "./ismap.js";

export function register(router: ListenerRouter, services: Services): void {
  router.command("/ismap", ismapCommand(services));
}
