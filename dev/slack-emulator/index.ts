/**
 * A Slack Web API emulator on 127.0.0.1, used by the tests (as their fake Slack) and by the sandbox:
 * answers the methods the app calls with Slack-shaped JSON, keeps just enough state to reproduce Slack's errors
 * (single-use triggers, view hashes, the view stack, channel membership), checks every surface with the app's own
 * Block Kit validator, records every call and can inject faults.
 *
 * Besides the Web API it plays the Slack client's side for the sandbox: response_urls bound to a channel and a
 * person (ephemeral or in-channel replies, replace/delete original), messages people type, the answer Slack gives a
 * view_submission ack (errors, update, push, clear, close), closing modals, and a list of the problems Slack would
 * have refused (invalid_blocks …) so the sandbox page can show them.
 *
 * Point a client at it with `new WebClient(token, { slackApiUrl: emulator.url })` or Bolt's
 * `clientOptions: { slackApiUrl: emulator.url }`; `emulator.url` ends with `/api/` because @slack/web-api posts to
 * `${slackApiUrl}${method}` (form-encoded, objects JSON-encoded in their field; JSON bodies are accepted too).
 *
 * This file assembles the handle; the server is in server.ts, the Web API families in api/, the client's side in
 * modals.ts, people.ts and response-urls.ts.
 */
import { addFile } from "./api/files.js";
import { issueFunctionExecution } from "./api/functions.js";
import { issueTriggerId } from "./api/views.js";
import { failAlways, failNext } from "./faults.js";
import { applySubmissionAck, closeView, modalStack } from "./modals.js";
import { postNote, postUserMessage } from "./people.js";
import { recordProblem } from "./problems.js";
import { responseUrl } from "./response-urls.js";
import { startServer } from "./server.js";
import { changed, createContext, type EmulatorContext, freshState, resolveConfig } from "./state.js";
import type { EmulatorCall, SlackEmulator, SlackEmulatorOptions } from "./types.js";

export { DEFAULT_IDS, EMULATOR_DEFAULTS, SLACKBOT_ID } from "./defaults.js";
export { ACK_BODY_HEADER } from "./http.js";
export type {
  EmulatorAssistantThread,
  EmulatorCall,
  EmulatorChannel,
  EmulatorFault,
  EmulatorFile,
  EmulatorFunctionExecution,
  EmulatorMessage,
  EmulatorProblem,
  EmulatorUser,
  IssueTriggerOptions,
  ResponseUrlBinding,
  SlackEmulator,
  SlackEmulatorOptions,
  ViewSubmissionAck,
} from "./types.js";

/**
 * Resolves with the first call to `method` (already recorded or still to come) that matches `predicate`, once
 * the emulator has answered it; rejects after `timeoutMs` listing the calls seen so far.
 */
function waitForCall(
  ctx: EmulatorContext,
  method: string,
  predicate: (call: EmulatorCall) => boolean,
  timeoutMs: number,
): Promise<EmulatorCall> {
  const describeCalls = (): string =>
    ctx.state.calls.length === 0
      ? "none"
      : ctx.state.calls.map((c) => `${c.method} (${c.status})`).join(", ");
  return new Promise<EmulatorCall>((resolve, reject) => {
    const find = (): EmulatorCall | undefined =>
      ctx.state.calls.find((c) => c.method === method && c.status !== 0 && predicate(c));
    const done = (): void => {
      clearTimeout(timer);
      ctx.waiters.delete(check);
    };
    const check = (): void => {
      const call = find();
      if (!call) return;
      done();
      resolve(call);
    };
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `${ctx.config.label}: no matching call to ${method} within ${timeoutMs} ms; calls so far: ${describeCalls()}`,
        ),
      );
    }, timeoutMs);
    ctx.waiters.add(check);
    check();
  });
}

export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const config = resolveConfig(options);
  const botToken = config.tokens[0];
  if (botToken === undefined) throw new Error("startSlackEmulator: at least one token is needed");
  const ctx = createContext(config);
  const server = await startServer(ctx);

  return {
    url: `${ctx.origin}/api/`,
    origin: ctx.origin,
    teamId: config.teamId,
    teamDomain: config.teamDomain,
    enterpriseId: config.enterpriseId,
    appId: config.appId,
    botUserId: config.botUserId,
    botId: config.botId,
    botName: config.botName,
    botToken,
    get calls() {
      return ctx.state.calls;
    },
    callsTo: (method) => ctx.state.calls.filter((c) => c.method === method),
    waitForCall: (method, predicate = () => true, timeoutMs = 2000) =>
      waitForCall(ctx, method, predicate, timeoutMs),
    failNext: (method, fault, times = 1) => failNext(ctx.state.faults, method, fault, times),
    failAlways: (method, fault) => failAlways(ctx.state.faults, method, fault),
    clearFaults() {
      ctx.state.faults.clear();
    },
    issueTriggerId: (opts = {}) => issueTriggerId(ctx, opts),
    responseUrl: (binding) => responseUrl(ctx, binding),
    messages: (channel) => ctx.state.messages.filter((m) => channel === undefined || m.channel === channel),
    view: (id) => ctx.state.views.get(id),
    viewStack: (rootViewId) => [...(ctx.state.stacks.get(rootViewId) ?? [])],
    homeView(userId) {
      const id = ctx.state.homes.get(userId);
      return id ? ctx.state.views.get(id) : undefined;
    },
    setChannelMembers(channelId, members) {
      const channel = ctx.state.channels.get(channelId);
      if (!channel) throw new Error(`${config.label}: no channel ${channelId}`);
      channel.members = [...members];
    },
    revokeToken(token) {
      ctx.state.tokens.delete(token);
    },
    users: () => [...ctx.state.users.values()].map((u) => ({ ...u })),
    channels: () => [...ctx.state.channels.values()].map((c) => ({ ...c, members: [...c.members] })),
    postUserMessage: (message) => postUserMessage(ctx, message),
    postNote: (note) => postNote(ctx, note),
    modalStack: (userId) => modalStack(ctx, userId),
    viewErrors: (viewId) => ({ ...(ctx.state.errors.get(viewId) ?? {}) }),
    applySubmissionAck: (viewId, ack) => applySubmissionAck(ctx, viewId, ack),
    closeView: (viewId, opts = {}) => closeView(ctx, viewId, opts),
    problems: (sinceSeq = 0) => ctx.state.problems.filter((p) => p.seq > sinceSeq),
    recordProblem: (problem) => recordProblem(ctx, problem),
    get revision() {
      return ctx.revision;
    },
    files: () => [...ctx.state.files.values()],
    addFile: (file) => addFile(ctx, file),
    assistantThread: (channel, threadTs) => ctx.state.assistantThreads.get(`${channel}:${threadTs}`),
    issueFunctionExecution: (callbackId) => issueFunctionExecution(ctx, callbackId),
    functionExecution: (id) => ctx.state.executions.get(id),
    reset() {
      ctx.state = freshState(config);
      changed(ctx);
    },
    close() {
      ctx.waiters.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
