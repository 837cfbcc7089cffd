/**
 * Routes each request to its one handler by command name, action id, callback id or event type, as a single Bolt
 * global middleware. Bolt runs the matching chain of every registered listener on every request (about 8 µs per
 * listener on a 2-core machine); with a listener per action and view that was a third of the cost of an ack, so
 * handlers register here instead, with the same arguments Bolt gives listeners.
 */
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  Assistant,
  BlockAction,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from "@slack/bolt";
import { tenantOf } from "../runtime/request.js";

type Handler = (args: AnyMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;
type Kind = "command" | "action" | "view" | "options" | "event" | "function";

/** The events Bolt's Assistant answers (a message only when it is in an assistant thread, see isAssistantThreadMessage). */
const ASSISTANT_EVENTS = ["assistant_thread_started", "assistant_thread_context_changed"] as const;

/** What is registered, by kind: for the manifest check and for logs. */
export type Registered = Record<Kind, string[]>;

export class ListenerRouter {
  readonly #handlers: Record<Kind, Map<string, Handler>> = {
    command: new Map(),
    action: new Map(),
    view: new Map(),
    options: new Map(),
    event: new Map(),
    function: new Map(),
  };
  #assistant: Handler | undefined;

  command(name: string, handler: Middleware<SlackCommandMiddlewareArgs>): void {
    this.#add("command", name, handler);
  }

  /** Block actions (buttons, selects) by action id. */
  action<A extends SlackAction = BlockAction>(
    actionId: string,
    handler: Middleware<SlackActionMiddlewareArgs<A>>,
  ): void {
    this.#add("action", actionId, handler);
  }

  /** View submissions by callback id. */
  view<V extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    handler: Middleware<SlackViewMiddlewareArgs<V>>,
  ): void {
    this.#add("view", callbackId, handler);
  }

  /** Options of external selects (block_suggestion) by action id. */
  options(actionId: string, handler: Middleware<SlackOptionsMiddlewareArgs<"block_suggestion">>): void {
    this.#add("options", actionId, handler);
  }

  event<E extends string>(type: E, handler: Middleware<SlackEventMiddlewareArgs<E>>): void {
    this.#add("event", type, handler);
  }

  /** Every message event (Bolt's `app.message()` without patterns). */
  message(handler: Middleware<SlackEventMiddlewareArgs<"message">>): void {
    this.#add("event", "message", handler);
  }

  /**
   * Workflow Builder custom steps (function_executed events) by the function's callback_id. Bolt does not ack
   * these by itself: the handler acks first, like every other listener.
   */
  function(callbackId: string, handler: Middleware<SlackEventMiddlewareArgs<"function_executed">>): void {
    this.#add("function", callbackId, handler);
  }

  /**
   * Bolt's Assistant (the Agents & AI Apps panel): its thread events, and the messages a person writes in an
   * assistant thread, go to it; every other message still goes to the message handler.
   */
  assistant(assistant: Assistant): void {
    if (this.#assistant) throw new Error("an assistant is registered twice");
    const middleware = assistant.getMiddleware();
    this.#assistant = async (args) => {
      await middleware(args as never);
    };
    for (const type of ASSISTANT_EVENTS) this.#add("event", type, this.#assistant);
  }

  registered(): Registered {
    const names = (kind: Kind) => [...this.#handlers[kind].keys()];
    return {
      command: names("command"),
      action: names("action"),
      view: names("view"),
      options: names("options"),
      event: names("event"),
      function: names("function"),
    };
  }

  /**
   * The Bolt global middleware: runs the request's handler, or passes the request on when none is registered.
   * A request whose body names another workspace than Bolt's authorization never reaches a handler: tenantOf
   * throws, and the receiver answers 403 (receiver.ts).
   */
  middleware(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      const handler = this.#handlerFor(args.body as Record<string, unknown>);
      if (!handler) return args.next();
      tenantOf(args.context, args.body);
      await handler(args);
    };
  }

  #add(kind: Kind, id: string, handler: unknown): void {
    if (this.#handlers[kind].has(id)) throw new Error(`a ${kind} handler for ${id} is registered twice`);
    this.#handlers[kind].set(id, handler as Handler);
  }

  #handlerFor(body: Record<string, unknown>): Handler | undefined {
    if (typeof body.command === "string") return this.#handlers.command.get(body.command);
    switch (body.type) {
      case "block_actions":
        return this.#lookup(
          "action",
          (body.actions as { action_id?: unknown }[] | undefined)?.[0]?.action_id,
        );
      case "view_submission":
        return this.#lookup("view", (body.view as { callback_id?: unknown } | undefined)?.callback_id);
      case "block_suggestion":
        return this.#lookup("options", body.action_id);
      case "event_callback": {
        const event = body.event as { type?: unknown; function?: { callback_id?: unknown } } | undefined;
        if (event?.type === "function_executed") return this.#lookup("function", event.function?.callback_id);
        if (this.#assistant && isAssistantThreadMessage(event)) return this.#assistant;
        return this.#lookup("event", event?.type);
      }
      default:
        return undefined;
    }
  }

  #lookup(kind: Kind, id: unknown): Handler | undefined {
    return typeof id === "string" ? this.#handlers[kind].get(id) : undefined;
  }
}

/**
 * A person's message in an assistant thread: a threaded message in the app's direct conversation, as Bolt's
 * Assistant decides (isAssistantMessage in @slack/bolt's Assistant.ts): no subtype or a file share.
 */
export function isAssistantThreadMessage(event: unknown): boolean {
  if (!event || typeof event !== "object") return false;
  const e = event as Record<string, unknown>;
  return (
    e.type === "message" &&
    typeof e.channel === "string" &&
    typeof e.thread_ts === "string" &&
    e.channel_type === "im" &&
    (e.subtype === undefined || e.subtype === "file_share")
  );
}
