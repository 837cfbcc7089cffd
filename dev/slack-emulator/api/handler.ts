/** A Web API method: answers the body's arguments (the router adds `ok: true`) or throws a SlackError. */
import type { EmulatorContext } from "../state.js";
import type { Json } from "../types.js";

export type Handler = (ctx: EmulatorContext, body: Json) => Json;
export type Methods = Record<string, Handler>;
