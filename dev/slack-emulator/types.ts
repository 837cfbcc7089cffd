/** The emulator's public types: its options, the workspace it plays, what it records, and the SlackEmulator handle. */

/** A Slack JSON object: a request body, a view, a response. */
export type Json = Record<string, unknown>;

export interface EmulatorUser {
  id: string;
  name: string;
  realName?: string;
  /** Returned by users.info only when `include_locale` is true, as Slack does. */
  locale?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isBot?: boolean;
  deleted?: boolean;
}

export interface EmulatorChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Member user ids; include the bot user id for channels the app has joined. */
  members: string[];
}

export interface SlackEmulatorOptions {
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  enterpriseId?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  /** Bot tokens accepted; any other token gets `invalid_auth`. The first one is `emulator.botToken`. */
  tokens?: string[];
  users?: EmulatorUser[];
  channels?: EmulatorChannel[];
  /** How long an issued trigger_id stays usable; Slack's is 3 seconds. */
  triggerTtlMs?: number;
  /** Prefix of the emulator's own error messages. Default "Slack emulator". */
  label?: string;
  /** The time message timestamps (`ts`) are taken from; the sandbox passes its clock. Default: the real time. */
  now?: () => Date;
  /** Keep only the newest this many calls in `calls` (a long sandbox session); default: all. */
  maxCalls?: number;
}

/** Answer `{ ok: false, error }` (HTTP 200), an HTTP status (429 gets `Retry-After`), or just wait `delayMs`. */
export type EmulatorFault =
  | { error: string; extra?: Json; delayMs?: number }
  | { status: number; retryAfter?: number; body?: string; delayMs?: number }
  | { delayMs: number };

export interface EmulatorCall {
  /** Web API method (`chat.postMessage`) or `response_url` for posts to a response URL. */
  method: string;
  path: string;
  /** Parsed arguments; JSON-encoded fields (`blocks`, `view`, `attachments`, `metadata`) are decoded. */
  body: Json;
  token: string | undefined;
  time: Date;
  status: number;
  response: unknown;
  /**
   * A response_url call that is really the body of a slash command's acknowledgement, which Slack shows by itself
   * (delivered here by the request builders' sendRequest): the app made no call, so no injected fault applies.
   */
  fromAck?: boolean;
}

export interface EmulatorMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  ephemeralTo?: string;
  /** The person who wrote it (postUserMessage); messages without one are the bot's. */
  user?: string;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
}

/** A file uploaded through files.getUploadURLExternal / completeUploadExternal, or given in a file_input. */
export interface EmulatorFile {
  id: string;
  name: string;
  title: string;
  filetype: string;
  size: number;
  bytes: Buffer;
  /** Where completeUploadExternal shared it; undefined until then (and for file_input files). */
  channel?: string;
  /** Served by the emulator to a request with a valid bot token. */
  urlPrivateDownload: string;
  /** True once uploaded and completed (or given by a person). */
  complete: boolean;
}

/** Where a response_url belongs: posts to it then behave as Slack's do (ephemeral / in_channel / replace / delete). */
export interface ResponseUrlBinding {
  channel: string;
  /** The person who ran the command or pressed the button: ephemeral replies are shown to them. */
  userId: string;
  /** The message the interaction came from (for `replace_original` / `delete_original`). */
  messageTs?: string;
}

/** What Bolt acknowledged a view_submission with (the HTTP response body Slack reads). */
export interface ViewSubmissionAck {
  response_action?: string;
  errors?: Record<string, string>;
  view?: unknown;
}

/** Something Slack would have refused or reported: a failed Web API call, a bad ack, a late answer. */
export interface EmulatorProblem {
  /** Increasing number, for "problems since …". */
  seq: number;
  time: Date;
  /** `chat.postMessage`, `response_url`, `view_submission ack`, `/ismap` … */
  source: string;
  error: string;
  /** Slack's `response_metadata.messages` (the validator's findings for invalid_blocks). */
  messages: string[];
}

export interface IssueTriggerOptions {
  userId?: string;
  /** The view the interaction came from; views.push then pushes onto that view's stack. */
  viewId?: string;
  ttlMs?: number;
}

export interface SlackEmulator {
  /** Web API base, e.g. `http://127.0.0.1:54321/api/`. */
  readonly url: string;
  /** Server origin, e.g. `http://127.0.0.1:54321`. */
  readonly origin: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly enterpriseId: string | undefined;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly botToken: string;
  readonly calls: readonly EmulatorCall[];
  callsTo(method: string): EmulatorCall[];
  /**
   * Resolves with the first call to `method` (already recorded or still to come) that matches `predicate`, once
   * the fake has answered it; rejects after `timeoutMs` listing the calls seen so far.
   */
  waitForCall(
    method: string,
    predicate?: (call: EmulatorCall) => boolean,
    timeoutMs?: number,
  ): Promise<EmulatorCall>;
  /** The next `times` calls to `method` (or `*` for any) get `fault`. */
  failNext(method: string, fault: EmulatorFault, times?: number): void;
  /** Every call to `method` (or `*`) gets `fault` until clearFaults() or reset(). */
  failAlways(method: string, fault: EmulatorFault): void;
  clearFaults(): void;
  /** A trigger_id the fake accepts once, within the trigger TTL. */
  issueTriggerId(options?: IssueTriggerOptions): string;
  /**
   * A fresh response_url on this server; posts to it are recorded as `response_url` calls. With a binding, posts
   * also act as Slack's do: an ephemeral (default) or in-channel message, or a replaced or deleted original.
   */
  responseUrl(binding?: ResponseUrlBinding): string;
  /** Messages posted (and not deleted) so far, optionally in one channel; ephemeral ones included. */
  messages(channel?: string): EmulatorMessage[];
  /** A stored view (as Slack would return it) by id. */
  view(id: string): Json | undefined;
  /** The view ids stacked in the modal whose root is `rootViewId`, bottom first. */
  viewStack(rootViewId: string): string[];
  /** The Home tab view last published for a user. */
  homeView(userId: string): Json | undefined;
  setChannelMembers(channelId: string, members: string[]): void;
  revokeToken(token: string): void;
  /** The workspace's people and channels as they are now. */
  users(): EmulatorUser[];
  channels(): EmulatorChannel[];
  /** Slackbot's ephemeral note to one person ("… is not a valid command"); `user` is `USLACKBOT`. */
  postNote(note: { channel: string; userId: string; text: string }): EmulatorMessage;
  /** A message a person writes (it notifies nobody by itself: the caller sends the matching event). */
  postUserMessage(message: {
    channel: string;
    userId: string;
    text: string;
    threadTs?: string;
  }): EmulatorMessage;
  /** The views of the modal open on a person's screen, bottom first; empty when none is open. */
  modalStack(userId: string): Json[];
  /** The field errors the last submission of a view was answered with (`response_action: "errors"`). */
  viewErrors(viewId: string): Record<string, string>;
  /**
   * Applies Bolt's answer to a view_submission as Slack does: `errors` shows them on the fields, `update` replaces
   * the view, `push` stacks one more, `clear` closes the modal, an empty ack closes the submitted view. A view or
   * error that Slack would refuse leaves the modal as it was and is recorded as a problem.
   */
  applySubmissionAck(
    viewId: string,
    ack: ViewSubmissionAck | undefined,
  ): { ok: true } | { ok: false; error: string };
  /** The person closes the top view (`all`: the whole modal); returns the views closed. */
  closeView(viewId: string, options?: { all?: boolean }): Json[];
  /** Problems Slack would have shown or refused, oldest first, after `sinceSeq`. */
  problems(sinceSeq?: number): EmulatorProblem[];
  recordProblem(problem: Omit<EmulatorProblem, "seq" | "time">): void;
  /** Grows whenever anything a person could see changes (calls, messages, views). */
  readonly revision: number;
  /** Files uploaded by the app or given by people (file_input), oldest first; bytes included. */
  files(): EmulatorFile[];
  /** A file a person picked in a file_input: stored and served like an uploaded one; returns its Slack JSON. */
  addFile(file: { name: string; bytes: Buffer; userId?: string }): Record<string, unknown>;
  /** What the assistant panel shows for a thread (undefined before the app set anything). */
  assistantThread(channel: string, threadTs: string): EmulatorAssistantThread | undefined;
  /** Starts a Workflow Builder step run: its function_execution_id and the workflow token (bot_access_token). */
  issueFunctionExecution(callbackId: string): EmulatorFunctionExecution;
  /** A step run, with its result once the app completed or failed it. */
  functionExecution(id: string): EmulatorFunctionExecution | undefined;
  /** Forgets calls, faults, triggers, messages and views, and restores the configured users, channels, tokens. */
  reset(): void;
  close(): Promise<void>;
}

/** What the assistant panel shows for one thread, as the app last set it. */
export interface EmulatorAssistantThread {
  /** The status line ("is thinking…"); "" once cleared. Slack clears it when the app replies in the thread. */
  status?: string;
  title?: string;
  prompts?: { title: string; message: string }[];
  promptsTitle?: string;
}

/** One run of a Workflow Builder step: its workflow token and how the app finished it. */
export interface EmulatorFunctionExecution {
  id: string;
  token: string;
  callbackId: string;
  result?: { ok: true; outputs: Json } | { ok: false; error: string };
}
