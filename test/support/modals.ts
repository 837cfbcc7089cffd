/**
 * Shared steps of the modal and App Home integration tests: open a modal the way a person does (a slash command or
 * a button), submit the view on screen with some answers (the `state.values` Slack would send, built from the
 * view's own input blocks and their initial values), press a button inside it, and read what Bolt answered on the
 * HTTP response (`response_action` errors / update).
 *
 * The fake Slack Web API does not see `response_action: "update"` acks (they go back to Slack on the HTTP response),
 * so a Modal keeps the view on screen itself: the ack's view replaces it (with the hash the fake holds for the view
 * id, as Slack would hand the next payload), and a views.update by the app replaces it again.
 */
import { expect } from "vitest";
import { formatProblems, validateSurface } from "../../dev/blockkit/validate.js";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import {
  appHomeOpened,
  blockActions,
  type RequestUser,
  type SignedResponse,
  slashCommand,
  type ViewStateValues,
  viewSubmission,
} from "../../dev/slack-requests/index.js";
import { createTranslator, type Translator } from "../../src/i18n/translator.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import type { Harness } from "./harness.js";
import { type Entry, valuesFor } from "./view-state.js";

type Json = Record<string, unknown>;

/** The fake workspace's people, as request builders take them. */
export const PEOPLE = {
  /** Workspace admin, Japanese. */
  admin: { id: DEFAULT_IDS.admin, name: "aiko" },
  /** Primary owner, English. */
  owner: { id: DEFAULT_IDS.owner, name: "oscar" },
  /** Ordinary member, Japanese: neither admin nor editor unless named. */
  member: { id: DEFAULT_IDS.member, name: "mei" },
  /** Guest, English. */
  guest: { id: DEFAULT_IDS.guest, name: "gabe" },
} as const satisfies Record<string, RequestUser>;

export const ja: Translator = createTranslator("ja");
export const en: Translator = createTranslator("en");

/** What Bolt answered a view_submission with on the HTTP response. */
export interface Ack {
  response_action?: "errors" | "update" | "push" | "clear";
  errors?: Record<string, string>;
  view?: Json;
}

const WAIT_MS = 5000;

// ------------------------------------------------------------------ reading views

/** Every text a person can read in a view or message (labels, hints, options, sections), private_metadata aside. */
export function textOf(node: unknown): string {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object") {
      const record = value as Json;
      if ((record.type === "plain_text" || record.type === "mrkdwn") && typeof record.text === "string") {
        out.push(record.text);
      }
      for (const [key, inner] of Object.entries(record)) if (key !== "private_metadata") visit(inner);
    }
  };
  visit(node);
  return out.join("\n");
}

export function blocksOf(view: Json | undefined): Json[] {
  return Array.isArray(view?.blocks) ? (view.blocks as Json[]) : [];
}

/** The input blocks of a view: block_id and element. */
export function inputsOf(view: Json | undefined): { blockId: string; element: Json }[] {
  return blocksOf(view).flatMap((block) =>
    block.type === "input" && typeof block.block_id === "string"
      ? [{ blockId: block.block_id, element: block.element as Json }]
      : [],
  );
}

export function inputIds(view: Json | undefined): string[] {
  return inputsOf(view).map((i) => i.blockId);
}

/** The action_ids of every button in a view. */
export function buttonActions(view: Json | undefined): string[] {
  const out: string[] = [];
  for (const block of blocksOf(view)) {
    const accessory = block.accessory as Json | undefined;
    if (accessory?.type === "button") out.push(String(accessory.action_id));
    if (block.type === "actions") {
      for (const element of block.elements as Json[]) {
        if (element.type === "button") out.push(String(element.action_id));
      }
    }
  }
  return out;
}

/** Fails the test when a surface breaks Slack's limits (for views that never reach the fake: acks). */
export function expectValidSurface(view: unknown): void {
  const problems = validateSurface(view as Parameters<typeof validateSurface>[0]);
  if (problems.length > 0) throw new Error(`invalid surface:\n${formatProblems(problems)}`);
}

/** Calls the fake refused because a surface broke the Block Kit rules. */
export function invalidBlocksCalls(h: Harness): EmulatorCall[] {
  return h.fake.calls.filter((c) => (c.response as Json | undefined)?.error === "invalid_blocks");
}

// ------------------------------------------------------------------ waiting

/** A position in the fake's call log: calls after it are "new". */
export function mark(h: Harness): number {
  return h.fake.calls.length;
}

/** The first successful call to `method` after `since` matching `predicate`. */
export function waitForOk(
  h: Harness,
  method: string,
  since: number,
  predicate: (body: Json) => boolean = () => true,
): Promise<EmulatorCall> {
  return h.fake.waitForCall(
    method,
    (call) =>
      h.fake.calls.indexOf(call) >= since &&
      (call.response as Json | undefined)?.ok === true &&
      predicate(call.body),
    WAIT_MS,
  );
}

/** The next successful views.update of `viewId` after `since`. */
export function waitForViewUpdate(h: Harness, viewId: string, since: number): Promise<EmulatorCall> {
  return waitForOk(h, "views.update", since, (body) => body.view_id === viewId);
}

/** The next successful views.publish for `userId` after `since`. */
export function waitForPublish(h: Harness, userId: string, since: number): Promise<EmulatorCall> {
  return waitForOk(h, "views.publish", since, (body) => body.user_id === userId);
}

// ------------------------------------------------------------------ modals

export interface SubmitResult {
  response: SignedResponse;
  /** The JSON Bolt acknowledged with; undefined for an empty ack. */
  ack: Ack | undefined;
}

/** A modal open on one person's screen. */
export class Modal {
  #view: Json;

  constructor(
    readonly h: Harness,
    readonly user: RequestUser,
    readonly id: string,
    view: Json,
  ) {
    this.#view = view;
  }

  /** The view on screen now. */
  get view(): Json {
    return this.#view;
  }

  get callbackId(): string {
    return String(this.#view.callback_id);
  }

  get text(): string {
    return textOf(this.#view);
  }

  /** The view as the fake holds it (what the app last sent with views.open / views.update). */
  sync(): Json {
    const stored = this.h.fake.view(this.id);
    if (!stored) throw new Error(`the fake holds no view ${this.id}`);
    this.#view = stored;
    return stored;
  }

  /** Waits for the app's next views.update of this modal after `since` and shows it. */
  async nextUpdate(since: number): Promise<Json> {
    await waitForViewUpdate(this.h, this.id, since);
    return this.sync();
  }

  /** Submits the view on screen with `changes` applied to its inputs. */
  submit(changes: Record<string, Entry> = {}, options: { as?: RequestUser } = {}): Promise<SubmitResult> {
    return this.submitValues(valuesFor(this.#view, changes), options);
  }

  /** Submits the view on screen (possibly altered: `view`) with exactly these values. */
  async submitValues(
    values: ViewStateValues,
    options: { as?: RequestUser; view?: Json } = {},
  ): Promise<SubmitResult> {
    const view = options.view ?? this.#view;
    const response = await this.h.send(
      viewSubmission(this.h.fake, { user: options.as ?? this.user, view, values }),
    );
    expect(response.status).toBe(200);
    const ack = response.body.trim() === "" ? undefined : (JSON.parse(response.body) as Ack);
    if (ack?.response_action === "update" && ack.view) {
      expectValidSurface(ack.view);
      // What Slack keeps of the view besides its content; the content is the ack's alone.
      const stored = this.h.fake.view(this.id) ?? {};
      const kept = [
        "team_id",
        "root_view_id",
        "previous_view_id",
        "app_id",
        "app_installed_team_id",
        "bot_id",
      ];
      this.#view = {
        ...Object.fromEntries(kept.filter((k) => k in stored).map((k) => [k, stored[k]])),
        private_metadata: "",
        callback_id: "",
        ...ack.view,
        id: this.id,
        hash: stored.hash,
        state: { values: {} },
      };
    }
    if (ack?.response_action === "errors") {
      // Slack refuses errors for blocks the view does not show.
      const shown = new Set(inputIds(view));
      for (const blockId of Object.keys(ack.errors ?? {})) expect(shown.has(blockId)).toBe(true);
    }
    return { response, ack };
  }

  /** Presses a button of the view on screen, with the inputs as shown plus `changes`; resolves once acked. */
  async press(
    actionId: string,
    options: { blockId?: string; value?: string; changes?: Record<string, Entry> } = {},
  ): Promise<SignedResponse> {
    const button = findButton(this.#view, actionId);
    const response = await this.h.send(
      blockActions(this.h.fake, {
        user: this.user,
        view: this.#view,
        state: valuesFor(this.#view, options.changes),
        actions: [
          {
            action_id: actionId,
            block_id: options.blockId ?? button.blockId,
            type: "button",
            ...((options.value ?? button.value) !== undefined
              ? { value: options.value ?? button.value }
              : {}),
          },
        ],
      }),
    );
    expect(response.status).toBe(200);
    return response;
  }

  /** The eligibility "Back" button: waits for the previous step to replace this one. */
  async back(changes: Record<string, Entry> = {}): Promise<Json> {
    const since = mark(this.h);
    await this.press(ACTION.eligibilityBack, { changes });
    return this.nextUpdate(since);
  }
}

function findButton(view: Json, actionId: string): { blockId: string; value?: string } {
  for (const block of blocksOf(view)) {
    const elements = [
      ...(block.type === "actions" ? (block.elements as Json[]) : []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    const button = elements.find((e) => e.type === "button" && e.action_id === actionId);
    if (button) {
      return {
        blockId: String(block.block_id ?? ""),
        ...(typeof button.value === "string" ? { value: button.value } : {}),
      };
    }
  }
  throw new Error(`the view has no button ${actionId}`);
}

export interface Opened {
  modal: Modal;
  /** The views.open call (the loading view) and the views.update that filled it. */
  open: EmulatorCall;
  fill: EmulatorCall;
  trigger: string;
}

/**
 * Waits for views.open with `trigger` after `since`, then for the views.update that fills the opened view.
 */
export async function awaitModal(
  h: Harness,
  user: RequestUser,
  trigger: string,
  since: number,
): Promise<Opened> {
  const open = await waitForOk(h, "views.open", since, (body) => body.trigger_id === trigger);
  const id = String(((open.response as Json).view as Json).id);
  const fill = await waitForViewUpdate(h, id, since);
  const view = h.fake.view(id);
  if (!view) throw new Error(`the fake holds no view ${id}`);
  return { modal: new Modal(h, user, id, view), open, fill, trigger };
}

/** `/ismap <text>` as `user`, which opens a modal: resolves once the loading view has been filled in. */
export async function openByCommand(h: Harness, text: string, user: RequestUser): Promise<Opened> {
  const since = mark(h);
  const request = slashCommand(h.fake, { text, user_id: user.id, user_name: user.name });
  const response = await h.send(request);
  expect(response.status).toBe(200);
  return awaitModal(h, user, request.payload.trigger_id, since);
}

// ------------------------------------------------------------------ App Home

/** app_home_opened (Home tab) for `user`: resolves with the home view the app published. */
export async function openHome(h: Harness, user: RequestUser): Promise<Json> {
  const since = mark(h);
  const response = await h.send(appHomeOpened(h.fake, { user: user.id }));
  expect(response.status).toBe(200);
  await waitForPublish(h, user.id, since);
  const view = h.fake.homeView(user.id);
  if (!view) throw new Error(`no home view for ${user.id}`);
  return view;
}

/** Presses a button of the home view; resolves with the trigger_id the press carried and the log mark. */
export async function pressHomeButton(
  h: Harness,
  user: RequestUser,
  home: Json,
  actionId: string,
): Promise<{ trigger: string; since: number }> {
  const since = mark(h);
  const button = findButton(home, actionId);
  const request = blockActions(h.fake, {
    user,
    view: home,
    actions: [{ action_id: actionId, block_id: button.blockId, type: "button" }],
  });
  const response = await h.send(request);
  expect(response.status).toBe(200);
  return { trigger: String((request.payload as Json).trigger_id), since };
}
