/**
 * ListenerRouter's global middleware called directly with hand-built Bolt-like arguments: each request reaches its
 * one handler with the very arguments Bolt gave, and anything not registered (or not understood) is passed on to
 * `next()` untouched. Routing through a real Bolt App is covered by test/integration.
 *
 * Long because: one middleware's contract (routing, passing on, failures, registration) on the same hand-built
 * Bolt arguments.
 */

import { Assistant } from "@slack/bolt";
import { describe, expect, it, vi } from "vitest";
import { isAssistantThreadMessage, ListenerRouter } from "../../../src/slack/listeners/router.js";

type MiddlewareArgs = Parameters<ReturnType<ListenerRouter["middleware"]>>[0];

/** A handler that records the arguments of every call. */
function recorder() {
  const calls: unknown[] = [];
  const handler = async (args: unknown): Promise<void> => {
    calls.push(args);
  };
  return { handler, calls };
}

/** Arguments as Bolt hands them to a global middleware, with a `next` that records its calls. */
function boltArgs(body: unknown) {
  const next = vi.fn(async () => undefined);
  const args = {
    body,
    payload: body,
    context: { teamId: "T1", isEnterpriseInstall: false },
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    client: {},
    ack: vi.fn(async () => undefined),
    next,
  } as unknown as MiddlewareArgs;
  return { args, next };
}

async function route(router: ListenerRouter, body: unknown) {
  const { args, next } = boltArgs(body);
  await router.middleware()(args);
  return { args, next };
}

const commandBody = (command: string) => ({
  token: "verification",
  team_id: "T1",
  team_domain: "example",
  channel_id: "C1",
  user_id: "U1",
  user_name: "someone",
  command,
  text: "status",
  api_app_id: "A1",
  response_url: "https://hooks.slack.com/commands/T1/1/x",
  trigger_id: "1.2.3",
});

const blockActions = (actions: unknown) => ({
  type: "block_actions",
  team: { id: "T1" },
  user: { id: "U1" },
  trigger_id: "1.2.3",
  actions,
});

const viewSubmission = (view: unknown) => ({
  type: "view_submission",
  team: { id: "T1" },
  user: { id: "U1" },
  view,
});

const blockSuggestion = (actionId: unknown) => ({
  type: "block_suggestion",
  team: { id: "T1" },
  user: { id: "U1" },
  action_id: actionId,
  block_id: "b",
  value: "ab",
});

const eventCallback = (event: unknown) => ({ type: "event_callback", team_id: "T1", event_id: "Ev1", event });

/** One router with a handler of every kind, and the recorders behind them. */
function fullRouter() {
  const router = new ListenerRouter();
  const handlers = {
    command: recorder(),
    otherCommand: recorder(),
    action: recorder(),
    otherAction: recorder(),
    view: recorder(),
    options: recorder(),
    event: recorder(),
    message: recorder(),
  };
  router.command("/ismap", handlers.command.handler);
  router.command("/ismap-dev", handlers.otherCommand.handler);
  router.action("share_answer", handlers.action.handler);
  router.action("open_profile", handlers.otherAction.handler);
  router.view("profile_modal", handlers.view.handler);
  router.options("objectives", handlers.options.handler);
  router.event("app_home_opened", handlers.event.handler);
  router.message(handlers.message.handler);
  const callCounts = () =>
    Object.fromEntries(Object.entries(handlers).map(([name, r]) => [name, r.calls.length]));
  return { router, handlers, callCounts };
}

const NONE_CALLED = {
  command: 0,
  otherCommand: 0,
  action: 0,
  otherAction: 0,
  view: 0,
  options: 0,
  event: 0,
  message: 0,
};

describe("routing", () => {
  const cases: { name: string; body: unknown; handler: keyof typeof NONE_CALLED }[] = [
    { name: "a slash command by its name", body: commandBody("/ismap"), handler: "command" },
    { name: "another slash command by its name", body: commandBody("/ismap-dev"), handler: "otherCommand" },
    {
      name: "a block action by its action id",
      body: blockActions([{ type: "button", action_id: "share_answer", block_id: "b", value: "v" }]),
      handler: "action",
    },
    {
      name: "a block action by the action id of its first action",
      body: blockActions([{ action_id: "open_profile" }, { action_id: "share_answer" }]),
      handler: "otherAction",
    },
    {
      name: "a view submission by its callback id",
      body: viewSubmission({ id: "V1", callback_id: "profile_modal", state: { values: {} } }),
      handler: "view",
    },
    { name: "a block suggestion by its action id", body: blockSuggestion("objectives"), handler: "options" },
    {
      name: "an event by its type",
      body: eventCallback({ type: "app_home_opened", user: "U1", tab: "home" }),
      handler: "event",
    },
    {
      name: "a message event to the message handler",
      body: eventCallback({ type: "message", channel_type: "im", user: "U1", text: "hi" }),
      handler: "message",
    },
    {
      name: "a message event of any subtype to the message handler",
      body: eventCallback({ type: "message", subtype: "message_changed", channel_type: "im" }),
      handler: "message",
    },
  ];

  for (const { name, body, handler } of cases) {
    it(`runs the one handler for ${name}, with Bolt's own arguments, and does not call next()`, async () => {
      const { router, handlers, callCounts } = fullRouter();
      const { args, next } = await route(router, body);
      expect(callCounts()).toEqual({ ...NONE_CALLED, [handler]: 1 });
      expect(handlers[handler].calls[0]).toBe(args);
      expect(next).not.toHaveBeenCalled();
    });
  }

  it("tells kinds apart: the same id as an action, a view and an options request reaches three handlers", async () => {
    const router = new ListenerRouter();
    const action = recorder();
    const view = recorder();
    const options = recorder();
    router.action("same", action.handler);
    router.view("same", view.handler);
    router.options("same", options.handler);

    await route(router, viewSubmission({ callback_id: "same" }));
    expect([action.calls.length, view.calls.length, options.calls.length]).toEqual([0, 1, 0]);
    await route(router, blockSuggestion("same"));
    expect([action.calls.length, view.calls.length, options.calls.length]).toEqual([0, 1, 1]);
    await route(router, blockActions([{ action_id: "same" }]));
    expect([action.calls.length, view.calls.length, options.calls.length]).toEqual([1, 1, 1]);
  });

  it("does not route a block action by its block id or a view by its id", async () => {
    const { router, callCounts } = fullRouter();
    const action = await route(router, blockActions([{ action_id: "x", block_id: "share_answer" }]));
    const view = await route(router, viewSubmission({ id: "profile_modal", callback_id: "x" }));
    expect(callCounts()).toEqual(NONE_CALLED);
    expect(action.next).toHaveBeenCalledOnce();
    expect(view.next).toHaveBeenCalledOnce();
  });

  it("lets a handler pass the request on with Bolt's next()", async () => {
    const router = new ListenerRouter();
    router.command("/ismap", async ({ next }) => {
      await next();
    });
    const { next } = await route(router, commandBody("/ismap"));
    expect(next).toHaveBeenCalledOnce();
  });

  it("waits for the handler before resolving", async () => {
    const router = new ListenerRouter();
    let finished = false;
    router.action("share_answer", async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
    });
    await route(router, blockActions([{ action_id: "share_answer" }]));
    expect(finished).toBe(true);
  });
});

describe("passing on", () => {
  const cases: { name: string; body: unknown }[] = [
    { name: "an unregistered command", body: commandBody("/other") },
    { name: "a command name that is not a string", body: { ...commandBody("/ismap"), command: 42 } },
    { name: "an unregistered action id", body: blockActions([{ action_id: "nope" }]) },
    { name: "block actions without actions", body: { type: "block_actions", team: { id: "T1" } } },
    { name: "block actions with an empty list", body: blockActions([]) },
    { name: "block actions with a null action", body: blockActions([null]) },
    { name: "block actions with actions that is not a list", body: blockActions("share_answer") },
    { name: "an action without an action id", body: blockActions([{ type: "button" }]) },
    { name: "an action id that is not a string", body: blockActions([{ action_id: 42 }]) },
    { name: "an action id that is an object", body: blockActions([{ action_id: { id: "share_answer" } }]) },
    { name: "an unregistered callback id", body: viewSubmission({ callback_id: "nope" }) },
    { name: "a view submission without a view", body: { type: "view_submission", team: { id: "T1" } } },
    { name: "a view submission with a null view", body: viewSubmission(null) },
    { name: "a callback id that is not a string", body: viewSubmission({ callback_id: ["profile_modal"] }) },
    {
      name: "a view closed (not a submission)",
      body: { type: "view_closed", view: { callback_id: "profile_modal" } },
    },
    { name: "an unregistered suggestion", body: blockSuggestion("nope") },
    { name: "a suggestion without an action id", body: blockSuggestion(undefined) },
    { name: "a suggestion action id that is not a string", body: blockSuggestion(7) },
    { name: "an unregistered event type", body: eventCallback({ type: "reaction_added" }) },
    { name: "an event callback without an event", body: { type: "event_callback", team_id: "T1" } },
    { name: "an event type that is not a string", body: eventCallback({ type: 1 }) },
    { name: "an event without a type", body: eventCallback({ user: "U1" }) },
    { name: "a shortcut", body: { type: "shortcut", callback_id: "profile_modal" } },
    { name: "a message action", body: { type: "message_action", callback_id: "share_answer" } },
    {
      name: "a legacy interactive message",
      body: { type: "interactive_message", callback_id: "share_answer" },
    },
    { name: "an unknown body type", body: { type: "something_new", action_id: "objectives" } },
    { name: "a bare event (no event_callback envelope)", body: { type: "app_home_opened" } },
    { name: "an empty body", body: {} },
  ];

  for (const { name, body } of cases) {
    it(`calls next() once and no handler for ${name}`, async () => {
      const { router, callCounts } = fullRouter();
      const { next } = await route(router, body);
      expect(next).toHaveBeenCalledOnce();
      expect(callCounts()).toEqual(NONE_CALLED);
    });
  }

  it("passes everything on when nothing is registered", async () => {
    const router = new ListenerRouter();
    const { next } = await route(router, commandBody("/ismap"));
    expect(next).toHaveBeenCalledOnce();
  });

  it("passes on next()'s rejection", async () => {
    const { router } = fullRouter();
    const { args, next } = boltArgs(commandBody("/other"));
    const failure = new Error("later middleware failed");
    next.mockRejectedValueOnce(failure);
    await expect(router.middleware()(args)).rejects.toBe(failure);
  });
});

describe("failures", () => {
  it("rejects with the handler's own error, and does not call next()", async () => {
    const router = new ListenerRouter();
    const failure = new Error("handler failed");
    router.view("profile_modal", async () => {
      throw failure;
    });
    const { args, next } = boltArgs(viewSubmission({ callback_id: "profile_modal" }));
    await expect(router.middleware()(args)).rejects.toBe(failure);
    expect(next).not.toHaveBeenCalled();
  });

  it("propagates a rejection of every kind of handler", async () => {
    const router = new ListenerRouter();
    const fail = (what: string) => async () => {
      throw new Error(`${what} failed`);
    };
    router.command("/ismap", fail("command"));
    router.action("a", fail("action"));
    router.options("o", fail("options"));
    router.event("app_home_opened", fail("event"));
    router.message(fail("message"));
    const mw = router.middleware();
    await expect(mw(boltArgs(commandBody("/ismap")).args)).rejects.toThrow("command failed");
    await expect(mw(boltArgs(blockActions([{ action_id: "a" }])).args)).rejects.toThrow("action failed");
    await expect(mw(boltArgs(blockSuggestion("o")).args)).rejects.toThrow("options failed");
    await expect(mw(boltArgs(eventCallback({ type: "app_home_opened" })).args)).rejects.toThrow(
      "event failed",
    );
    await expect(mw(boltArgs(eventCallback({ type: "message" })).args)).rejects.toThrow("message failed");
  });
});

describe("registration", () => {
  it("refuses the same id twice for the same kind, naming it, and keeps the first handler", async () => {
    const router = new ListenerRouter();
    const first = recorder();
    const second = recorder();
    router.command("/ismap", first.handler);
    router.action("share_answer", first.handler);
    router.view("profile_modal", first.handler);
    router.options("objectives", first.handler);
    router.event("app_home_opened", first.handler);
    router.message(first.handler);

    expect(() => router.command("/ismap", second.handler)).toThrow(/\/ismap/);
    expect(() => router.action("share_answer", second.handler)).toThrow(/share_answer/);
    expect(() => router.view("profile_modal", second.handler)).toThrow(/profile_modal/);
    expect(() => router.options("objectives", second.handler)).toThrow(/objectives/);
    expect(() => router.event("app_home_opened", second.handler)).toThrow(/app_home_opened/);
    expect(() => router.message(second.handler)).toThrow(/message/);
    expect(() => router.event("message", second.handler)).toThrow(/message/);

    await route(router, commandBody("/ismap"));
    await route(router, blockActions([{ action_id: "share_answer" }]));
    await route(router, eventCallback({ type: "message" }));
    expect(first.calls).toHaveLength(3);
    expect(second.calls).toHaveLength(0);
  });

  it("lists what is registered, by kind, in the order registered", () => {
    const { router } = fullRouter();
    expect(router.registered()).toEqual({
      command: ["/ismap", "/ismap-dev"],
      action: ["share_answer", "open_profile"],
      view: ["profile_modal"],
      options: ["objectives"],
      event: ["app_home_opened", "message"],
      function: [],
    });
  });

  it("lists nothing for an empty router, and a copy that callers cannot use to register", () => {
    const router = new ListenerRouter();
    const listed = router.registered();
    expect(listed).toEqual({ command: [], action: [], view: [], options: [], event: [], function: [] });
    listed.action.push("injected");
    expect(router.registered().action).toEqual([]);
  });
});

describe("Workflow Builder steps and the assistant panel", () => {
  /** An event as Bolt hands it to a global middleware: the payload is the event itself. */
  async function routeEvent(router: ListenerRouter, event: Record<string, unknown>) {
    const { args, next } = boltArgs(eventCallback(event));
    (args as unknown as { payload: unknown }).payload = event;
    await router.middleware()(args);
    return { next };
  }

  it("routes function_executed by the function's callback_id; an unknown step passes on", async () => {
    const router = new ListenerRouter();
    const due = recorder();
    const record = recorder();
    router.function("ismap_what_is_due", due.handler);
    router.function("ismap_record_audit", record.handler);
    expect(() => router.function("ismap_what_is_due", due.handler)).toThrow(/twice/);
    await routeEvent(router, { type: "function_executed", function: { callback_id: "ismap_record_audit" } });
    expect(record.calls).toHaveLength(1);
    expect(due.calls).toHaveLength(0);
    const { next } = await routeEvent(router, {
      type: "function_executed",
      function: { callback_id: "other" },
    });
    expect(next).toHaveBeenCalledOnce();
    expect(router.registered().function).toEqual(["ismap_what_is_due", "ismap_record_audit"]);
  });

  it("hands thread events and messages in assistant threads to the Assistant, other messages to the message handler", async () => {
    const router = new ListenerRouter();
    const started = recorder();
    const inThread = recorder();
    const plain = recorder();
    router.message(plain.handler);
    router.assistant(new Assistant({ threadStarted: started.handler, userMessage: inThread.handler }));
    expect(() =>
      router.assistant(new Assistant({ threadStarted: started.handler, userMessage: inThread.handler })),
    ).toThrow(/twice/);
    expect(router.registered().event).toEqual([
      "message",
      "assistant_thread_started",
      "assistant_thread_context_changed",
    ]);

    await routeEvent(router, {
      type: "assistant_thread_started",
      assistant_thread: { user_id: "U1", context: {}, channel_id: "D1", thread_ts: "1.1" },
    });
    await routeEvent(router, {
      type: "message",
      channel_type: "im",
      channel: "D1",
      user: "U1",
      ts: "1.3",
      thread_ts: "1.1",
      text: "q",
    });
    await routeEvent(router, {
      type: "message",
      channel_type: "im",
      channel: "D1",
      user: "U1",
      ts: "1.4",
      text: "q",
    });
    await routeEvent(router, {
      type: "message",
      channel_type: "channel",
      channel: "C1",
      user: "U1",
      ts: "1.5",
      thread_ts: "1.1",
    });
    expect(started.calls).toHaveLength(1);
    expect(inThread.calls).toHaveLength(1);
    expect(plain.calls).toHaveLength(2);
  });

  it("reads an assistant thread message as Bolt's Assistant does", () => {
    const base = { type: "message", channel_type: "im", channel: "D1", thread_ts: "1.1" };
    expect(isAssistantThreadMessage(base)).toBe(true);
    expect(isAssistantThreadMessage({ ...base, subtype: "file_share" })).toBe(true);
    expect(isAssistantThreadMessage({ ...base, subtype: "message_changed" })).toBe(false);
    expect(isAssistantThreadMessage({ ...base, thread_ts: undefined })).toBe(false);
    expect(isAssistantThreadMessage({ ...base, channel_type: "channel" })).toBe(false);
    expect(isAssistantThreadMessage(null)).toBe(false);
  });
});
