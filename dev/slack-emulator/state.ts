/**
 * The emulator's state and what every handler shares: the resolved options, the state that reset() replaces, the
 * revision counter, the server's origin and the waiters of waitForCall. Handlers get this context explicitly.
 */
import { randomBytes } from "node:crypto";
import { EMULATOR_DEFAULTS } from "./defaults.js";
import type {
  EmulatorAssistantThread,
  EmulatorCall,
  EmulatorChannel,
  EmulatorFault,
  EmulatorFile,
  EmulatorFunctionExecution,
  EmulatorMessage,
  EmulatorProblem,
  EmulatorUser,
  Json,
  ResponseUrlBinding,
  SlackEmulatorOptions,
} from "./types.js";

export interface EmulatorConfig {
  teamId: string;
  teamName: string;
  teamDomain: string;
  enterpriseId: string | undefined;
  appId: string;
  botUserId: string;
  botId: string;
  botName: string;
  tokens: readonly string[];
  users: readonly EmulatorUser[];
  channels: readonly EmulatorChannel[];
  triggerTtlMs: number;
  label: string;
  now: () => Date;
  maxCalls: number;
}

export function resolveConfig(options: SlackEmulatorOptions): EmulatorConfig {
  return {
    teamId: options.teamId ?? EMULATOR_DEFAULTS.teamId,
    teamName: options.teamName ?? EMULATOR_DEFAULTS.teamName,
    teamDomain: options.teamDomain ?? EMULATOR_DEFAULTS.teamDomain,
    enterpriseId: options.enterpriseId,
    appId: options.appId ?? EMULATOR_DEFAULTS.appId,
    botUserId: options.botUserId ?? EMULATOR_DEFAULTS.botUserId,
    botId: options.botId ?? EMULATOR_DEFAULTS.botId,
    botName: options.botName ?? EMULATOR_DEFAULTS.botName,
    tokens: options.tokens ?? [EMULATOR_DEFAULTS.botToken],
    users: options.users ?? EMULATOR_DEFAULTS.users,
    channels: options.channels ?? EMULATOR_DEFAULTS.channels,
    triggerTtlMs: options.triggerTtlMs ?? EMULATOR_DEFAULTS.triggerTtlMs,
    label: options.label ?? "Slack emulator",
    now: options.now ?? (() => new Date()),
    maxCalls: options.maxCalls ?? Number.POSITIVE_INFINITY,
  };
}

export interface Fault {
  fault: EmulatorFault;
  remaining: number;
}

export interface Trigger {
  userId: string | undefined;
  viewId: string | undefined;
  expiresAt: number;
}

export interface State {
  tokens: Set<string>;
  users: Map<string, EmulatorUser>;
  channels: Map<string, EmulatorChannel>;
  calls: EmulatorCall[];
  faults: Map<string, Fault[]>;
  triggers: Map<string, Trigger>;
  messages: EmulatorMessage[];
  views: Map<string, Json>;
  stacks: Map<string, string[]>;
  homes: Map<string, string>;
  lastStackByUser: Map<string, string>;
  counter: number;
  /** response_url path → where it belongs (only bound URLs act on messages). */
  responseBindings: Map<string, ResponseUrlBinding>;
  /** Views of modals the person closed: views.update of one fails with not_found, as in Slack. */
  closed: Set<string>;
  errors: Map<string, Record<string, string>>;
  problems: EmulatorProblem[];
  problemSeq: number;
  files: Map<string, EmulatorFile>;
  /** Assistant threads by `<channel>:<thread_ts>`: what the panel shows (status, title, prompts). */
  assistantThreads: Map<string, EmulatorAssistantThread>;
  /** Workflow step runs by function_execution_id. */
  executions: Map<string, EmulatorFunctionExecution>;
}

export function freshState(config: EmulatorConfig): State {
  return {
    tokens: new Set(config.tokens),
    users: new Map(config.users.map((u) => [u.id, { ...u }])),
    channels: new Map(config.channels.map((c) => [c.id, { ...c, members: [...c.members] }])),
    calls: [],
    faults: new Map(),
    triggers: new Map(),
    messages: [],
    views: new Map(),
    stacks: new Map(),
    homes: new Map(),
    lastStackByUser: new Map(),
    counter: 0,
    responseBindings: new Map(),
    closed: new Set(),
    errors: new Map(),
    problems: [],
    problemSeq: 0,
    files: new Map(),
    assistantThreads: new Map(),
    executions: new Map(),
  };
}

export interface EmulatorContext {
  readonly config: EmulatorConfig;
  /** Replaced as a whole by reset(). */
  state: State;
  /** Grows whenever anything a person could see changes (calls, messages, views). */
  revision: number;
  /** `http://127.0.0.1:<port>`, set once the server listens. */
  origin: string;
  /** Called after every answered call (waitForCall's checks). */
  readonly waiters: Set<() => void>;
}

export function createContext(config: EmulatorConfig): EmulatorContext {
  return { config, state: freshState(config), revision: 0, origin: "", waiters: new Set() };
}

export function changed(ctx: EmulatorContext): void {
  ctx.revision += 1;
}

export function nextId(ctx: EmulatorContext, prefix: string): string {
  ctx.state.counter += 1;
  return `${prefix}${String(ctx.state.counter).padStart(8, "0")}`;
}

/** A message timestamp from the configured clock, unique within the state. */
export function nextTs(ctx: EmulatorContext): string {
  ctx.state.counter += 1;
  return `${Math.floor(ctx.config.now().getTime() / 1000)}.${String(ctx.state.counter).padStart(6, "0")}`;
}

export const nextHash = (): string => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;
