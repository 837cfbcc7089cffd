/**
 * manifest.yml must match the code exactly: the command, events and interactivity the listeners register, and the
 * scopes that those events and the Web API methods the code calls need (no more, no fewer).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildRouter } from "../src/slack/listeners/index.js";
import { BOT_EVENTS, BOT_SCOPES } from "../src/slack/runtime/scopes.js";
import type { Services } from "../src/slack/runtime/services.js";

interface Registered {
  commands: string[];
  events: string[];
  messages: number;
  actions: number;
  views: number;
  options: number;
  functions: string[];
}

/** What the app's router has a handler for (the message handler counts as the `message.im` subscription). */
function registeredListeners(): Registered {
  const installations = { deleteTeamTokens: async () => undefined };
  const router = buildRouter({} as Services, installations as never).registered();
  return {
    commands: router.command,
    events: [
      ...router.event.filter((type) => type !== "message"),
      ...(router.function.length > 0 ? ["function_executed"] : []),
    ],
    messages: router.event.includes("message") ? 1 : 0,
    actions: router.action.length,
    views: router.view.length,
    options: router.options.length,
    functions: router.function,
  };
}

/** Web API methods called anywhere in src/ as `client.<family>.<method>(`. */
function methodsCalled(dir = "src"): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const m of methodsCalled(path)) found.add(m);
    } else if (name.endsWith(".ts")) {
      for (const m of readFileSync(path, "utf8").matchAll(/client\.([a-zA-Z]+)\.([a-zA-Z0-9]+)\(/g)) {
        found.add(`${m[1]}.${m[2]}`);
      }
    }
  }
  return found;
}

/**
 * Methods Bolt calls for the app through the helpers its listeners use (the Assistant's setStatus, setTitle,
 * setSuggestedPrompts and say; a custom step's complete and fail), which the source never spells as
 * `client.x.y(`: counted when the app registers the listener that uses them.
 */
function methodsCalledThroughBolt(registered: Registered): Set<string> {
  const found = new Set<string>();
  if (registered.events.includes("assistant_thread_started")) {
    for (const m of ["setStatus", "setSuggestedPrompts", "setTitle"]) found.add(`assistant.threads.${m}`);
    found.add("chat.postMessage");
  }
  if (registered.functions.length > 0) {
    found.add("functions.completeSuccess");
    found.add("functions.completeError");
  }
  return found;
}

/** The bot scope each method and event needs (https://docs.slack.dev/reference/methods, .../events). */
const METHOD_SCOPES: Record<string, string | null> = {
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "chat.update": "chat:write",
  "users.info": "users:read",
  // Public channels need channels:read, private ones groups:read.
  "conversations.info": "channels:read groups:read",
  "views.open": null,
  "views.update": null,
  "views.push": null,
  "views.publish": null,
  // Token mode authorizes its own workspace with one auth.test at start: no scope needed.
  "auth.test": null,
  // The export: the person's DM with the app, then the files (files.uploadV2 calls getUploadURLExternal and
  // completeUploadExternal, both files:write).
  "conversations.open": "im:write",
  "files.uploadV2": "files:write",
  // The import: files.info for the file's download address; the download itself needs files:read too.
  "files.info": "files:read",
  "assistant.threads.setStatus": "assistant:write",
  "assistant.threads.setSuggestedPrompts": "assistant:write",
  "assistant.threads.setTitle": "assistant:write",
  // Called with the workflow's own token (function_executed's bot_access_token): no bot scope.
  "functions.completeSuccess": null,
  "functions.completeError": null,
};
const EVENT_SCOPES: Record<string, string | null> = {
  app_home_opened: null,
  app_mention: "app_mentions:read",
  app_uninstalled: null,
  tokens_revoked: null,
  "message.im": "im:history",
  assistant_thread_started: "assistant:write",
  assistant_thread_context_changed: "assistant:write",
  function_executed: null,
};

const manifest = parse(readFileSync("manifest.yml", "utf8"));

describe("manifest.yml", () => {
  const registered = registeredListeners();
  const events = [...registered.events, ...(registered.messages > 0 ? ["message.im"] : [])].sort();

  it("declares exactly the slash commands the app listens to", () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(
      registered.commands,
    );
  });

  it("subscribes to exactly the events the app listens to", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(events);
    expect([...BOT_EVENTS].sort()).toEqual(events);
  });

  it("asks for exactly the scopes the events and the called Web API methods need", () => {
    const needed = new Set<string>(["commands"]);
    for (const method of [...methodsCalled(), ...methodsCalledThroughBolt(registered)]) {
      expect(method in METHOD_SCOPES, `scope of ${method} is not known to this test`).toBe(true);
      const scope = METHOD_SCOPES[method];
      for (const one of scope?.split(" ") ?? []) needed.add(one);
    }
    for (const event of events) {
      expect(event in EVENT_SCOPES, `scope of event ${event} is not known to this test`).toBe(true);
      const scope = EVENT_SCOPES[event];
      if (scope) needed.add(scope);
    }
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect([...BOT_SCOPES].sort()).toEqual([...needed].sort());
  });

  it("enables interactivity and the options URL the listeners need", () => {
    expect(registered.actions + registered.views).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(registered.options).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.message_menu_options_url).toMatch(/\/slack\/events$/);
  });

  it("enables App Home and its messages tab, org-wide deploy, and states the Socket Mode setting", () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(events.includes("app_home_opened"));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(events.includes("message.im"));
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(typeof manifest.settings.socket_mode_enabled).toBe("boolean");
  });

  it("offers the assistant panel exactly when the app answers its threads", () => {
    const answersThreads = events.includes("assistant_thread_started");
    expect(answersThreads).toBe(true);
    const view = manifest.features.assistant_view;
    expect(typeof view?.assistant_description).toBe("string");
    expect(view.assistant_description.length).toBeLessThanOrEqual(200);
    expect(view.suggested_prompts.length).toBeGreaterThan(0);
    expect(view.suggested_prompts.length).toBeLessThanOrEqual(4);
    for (const prompt of view.suggested_prompts) {
      expect(typeof prompt.title).toBe("string");
      expect(typeof prompt.message).toBe("string");
    }
    // The panel's messages arrive as message.im events.
    expect(events).toContain("message.im");
  });

  it("declares exactly the Workflow Builder steps the app handles, run by this app", () => {
    expect(Object.keys(manifest.functions ?? {}).sort()).toEqual([...registered.functions].sort());
    expect(manifest.settings.function_runtime).toBe("remote");
    // Custom steps need an org-ready app.
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    for (const [id, fn] of Object.entries(manifest.functions as Record<string, Record<string, unknown>>)) {
      expect(typeof fn.title, id).toBe("string");
      const inputs = fn.input_parameters as { properties: Record<string, unknown>; required: string[] };
      const outputs = fn.output_parameters as { properties: Record<string, unknown>; required: string[] };
      for (const name of inputs.required) expect(Object.keys(inputs.properties), id).toContain(name);
      for (const name of outputs.required) expect(Object.keys(outputs.properties), id).toContain(name);
    }
  });

  it("points every request URL at Bolt's /slack/events", () => {
    expect(manifest.features.slash_commands[0].url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(manifest.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
  });
});
