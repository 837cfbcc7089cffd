/**
 * Isolation between installations (OAuth, many workspaces): requests of workspace A, and of workspace T1 of an
 * organisation with an org-wide (Enterprise Grid) install, never read or change another team's profile, history,
 * reminder settings, people's preferences or installation. After every request: the other teams' stored documents
 * are exactly as before, the reply shows none of their data, and every Web API call used the requesting team's own
 * bot token.
 */
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, describe } from "vitest";
import { DEFAULT_IDS, type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import {
  appHomeOpened,
  appUninstalled,
  type SlackRequest,
  type SlackRequestContext,
  sendRequest,
  slashCommand,
  tokensRevoked,
} from "../../dev/slack-requests/index.js";
import { type AssistantApp, createAssistantApp } from "../../src/app.js";
import { ProfileRepository } from "../../src/profile/repository.js";
import { ReminderSettingsRepository, settingsKey } from "../../src/reminders/settings.js";
import { PROFILE_FIELDS } from "../../src/slack/forms/fields.js";
import { KeyvInstallationStore } from "../../src/store/installation-store.js";
import { historyKey, installationKey, profileKey, type TeamKey } from "../../src/store/keys.js";
import { shareClick } from "../support/commands.js";
import { type Harness, OAUTH_TEST_AUTH, SIGNING_SECRET, testConfig } from "../support/harness.js";
import { openByCommand, PEOPLE } from "../support/modals.js";
import { STORE_READING_COMMANDS } from "../support/reliability/commands.js";
import { textsOf } from "../support/reliability/replies.js";
import { CaseError, reliabilityIt, type Tally } from "../support/reliability/tally.js";
import { registeredForPeriod2025 } from "../support/reminders.js";

const CATEGORY = "Isolation";
const TOKEN_A = "xoxb-fake-bot-token";
const TOKEN_B = "xoxb-team-b-token";
const TOKEN_E = "xoxb-org-e-token";
const ENTERPRISE = "E0ORG00001";
const AT = new Date("2026-11-26T10:00:00+09:00");

let fake: SlackEmulator;
let assistant: AssistantApp;
let baseUrl: string;

interface TeamSpec {
  label: string;
  key: TeamKey;
  ctx: SlackRequestContext;
  token: string;
  secret: string;
  isEnterpriseInstall: boolean;
}
let A: TeamSpec;
let B: TeamSpec;
let E1: TeamSpec;
let E2: TeamSpec;

function context(teamId: string, enterpriseId?: string): SlackRequestContext {
  return {
    teamId,
    teamDomain: teamId.toLowerCase(),
    enterpriseId,
    appId: fake.appId,
    botUserId: fake.botUserId,
    issueTriggerId: (options) => fake.issueTriggerId(options),
    responseUrl: () => fake.responseUrl(),
  };
}

function installation(team: TeamSpec): Installation<"v2", boolean> {
  return {
    team: team.isEnterpriseInstall ? undefined : { id: team.key.teamId, name: team.label },
    enterprise: team.isEnterpriseInstall ? { id: ENTERPRISE, name: "Org" } : undefined,
    user: { id: DEFAULT_IDS.owner, token: undefined, scopes: undefined },
    bot: { token: team.token, scopes: ["commands", "chat:write"], id: fake.botId, userId: fake.botUserId },
    appId: fake.appId,
    tokenType: "bot",
    isEnterpriseInstall: team.isEnterpriseInstall,
    authVersion: "v2",
  } as Installation<"v2", boolean>;
}

beforeAll(async () => {
  fake = await startSlackEmulator({ tokens: [TOKEN_A, TOKEN_B, TOKEN_E] });
  A = {
    label: "A",
    key: { teamId: fake.teamId },
    ctx: fake,
    token: TOKEN_A,
    secret: "SECRET-OF-A",
    isEnterpriseInstall: false,
  };
  B = {
    label: "B",
    key: { teamId: "T0TEAMBBB1" },
    ctx: context("T0TEAMBBB1"),
    token: TOKEN_B,
    secret: "SECRET-OF-B",
    isEnterpriseInstall: false,
  };
  E1 = {
    label: "E:T1",
    key: { enterpriseId: ENTERPRISE, teamId: "T0ORGT0001" },
    ctx: context("T0ORGT0001", ENTERPRISE),
    token: TOKEN_E,
    secret: "SECRET-OF-E1",
    isEnterpriseInstall: true,
  };
  E2 = {
    label: "E:T2",
    key: { enterpriseId: ENTERPRISE, teamId: "T0ORGT0002" },
    ctx: context("T0ORGT0002", ENTERPRISE),
    token: TOKEN_E,
    secret: "SECRET-OF-E2",
    isEnterpriseInstall: true,
  };
  const config = testConfig(fake.url, OAUTH_TEST_AUTH);
  assistant = createAssistantApp({ config, clock: () => AT, sweepIntervalMs: 0 });
  const { port } = await assistant.start();
  baseUrl = `http://127.0.0.1:${port}`;

  const installations = new KeyvInstallationStore(assistant.store);
  const profiles = new ProfileRepository(assistant.store);
  const settings = new ReminderSettingsRepository(assistant.store);
  for (const team of [A, B, E1, E2]) {
    if (team !== E2) await installations.storeInstallation(installation(team));
    await profiles.save(team.key, {
      baseRevision: 0,
      actor: DEFAULT_IDS.admin,
      at: new Date("2026-10-01T09:00:00+09:00"),
      update: (p) => ({
        ...p,
        service: { ...p.service, name: team.secret, vendor: `${team.secret}-VENDOR` },
        // Audit period 2025-09-21 – 2026-09-20: its management audit is due by 2026-12-20 (the report day).
        registration: registeredForPeriod2025(),
        audits: {
          ...p.audits,
          external: [{ id: `${team.label}-gov`, part: "governance", date: "2025-12-20" }],
        },
        editors: [DEFAULT_IDS.member],
      }),
    });
    await settings.save(
      team.key,
      { enabled: true, channel: DEFAULT_IDS.general, kinds: ["external"], leadDays: [30, 7] },
      { actor: DEFAULT_IDS.admin, at: new Date("2026-10-01T09:00:00+09:00") },
    );
    await assistant.services.preferences.setLocale(team.key, DEFAULT_IDS.member, team === B ? "en" : "ja");
  }
});

afterAll(async () => {
  await assistant?.stop();
  await fake?.close();
});

/** Everything stored for a team (and its installation), as JSON, to compare before and after. */
async function snapshot(team: TeamSpec): Promise<string> {
  const store = assistant.store;
  const installation = await store.get(
    installationKey({
      enterpriseId: team.key.enterpriseId,
      teamId: team.key.teamId,
      isEnterpriseInstall: team.isEnterpriseInstall,
    }),
  );
  return JSON.stringify({
    profile: await store.get(profileKey(team.key)),
    history: await store.get(historyKey(team.key)),
    settings: await store.get(settingsKey(team.key)),
    prefs: await assistant.services.preferences.get(team.key, DEFAULT_IDS.member),
    installation,
  });
}

/** The request as Slack sends it for an org-wide install: `is_enterprise_install` true, in the authorizations too. */
function orgWide(request: SlackRequest<unknown>): SlackRequest<unknown> {
  const mark = (payload: Record<string, unknown>) => ({
    ...payload,
    is_enterprise_install: true,
    ...(Array.isArray(payload.authorizations)
      ? {
          authorizations: (payload.authorizations as Record<string, unknown>[]).map((a) => ({
            ...a,
            is_enterprise_install: true,
          })),
        }
      : {}),
  });
  const payload = mark(request.payload as Record<string, unknown>);
  return request.contentType === "application/json"
    ? { ...request, payload, body: JSON.stringify(payload) }
    : { ...request, payload, body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString() };
}

function send(request: SlackRequest<unknown>) {
  return sendRequest(baseUrl, request, { secret: SIGNING_SECRET });
}

/**
 * One request of `actor`: afterwards nobody in `others` has changed, every Web API call carried the actor's token
 * (one client serves every team, the token given per call: src/slack/runtime/shared-web-client.ts), and no text the
 * app sent shows another team's secret.
 */
async function isolated(
  tally: Tally,
  actor: TeamSpec,
  others: TeamSpec[],
  name: string,
  act: () => Promise<void>,
  options: { allowTokens?: string[] } = {},
): Promise<void> {
  await tally.run(`${actor.label}: ${name}`, async () => {
    const before = await Promise.all(others.map(snapshot));
    const since = fake.calls.length;
    await act();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const after = await Promise.all(others.map(snapshot));
    const changed = others.filter((_, i) => before[i] !== after[i]).map((t) => t.label);
    if (changed.length > 0) return ["lost", `changed the data of ${changed.join(", ")}`];
    const calls = fake.calls.slice(since).filter((c) => c.method !== "response_url");
    const allowed = new Set([actor.token, ...(options.allowTokens ?? [])]);
    const foreign = calls.filter((c) => c.token === undefined || !allowed.has(c.token));
    if (foreign.length > 0) {
      const which = foreign[0]?.token === undefined ? "no token" : "another team's token";
      return ["other", `called ${foreign[0]?.method} with ${which}`];
    }
    const shown = fake.calls.slice(since).flatMap((c) => [...textsOf(c.body), String(c.body.text ?? "")]);
    for (const other of others) {
      if (shown.some((text) => text.includes(other.secret)))
        return ["other", `showed data of ${other.label}`];
    }
    return "handled";
  });
}

async function command(team: TeamSpec, text: string, userId: string = DEFAULT_IDS.member): Promise<void> {
  const request = slashCommand(team.ctx, {
    text,
    user_id: userId,
    is_enterprise_install: team.isEnterpriseInstall ? "true" : "false",
  });
  const response = await send(request);
  if (response.status !== 200) throw new CaseError("other", `HTTP ${response.status}`);
  const path = new URL(request.payload.response_url).pathname;
  const trigger = request.payload.trigger_id;
  await Promise.race([
    fake.waitForCall("response_url", (c) => c.path === path, 5_000),
    fake.waitForCall(
      "views.update",
      (c) => {
        const open = fake.calls.find((o) => o.method === "views.open" && o.body.trigger_id === trigger);
        const id = (open?.response as { view?: { id?: string } } | undefined)?.view?.id;
        return id !== undefined && c.body.view_id === id;
      },
      5_000,
    ),
  ]).catch(() => {
    throw new CaseError("lost", `no answer to /ismap ${text}`);
  });
}

const COMMANDS = [
  ...STORE_READING_COMMANDS,
  "help",
  "about",
  "ask 外部監査はいつまでに必要ですか",
  "lang en",
  "lang ja",
  "check",
  "profile",
  "record",
  "remind",
];

describe("requests of one team never reach another's data", () => {
  reliabilityIt(
    CATEGORY,
    "workspace A (workspace install) next to B and an org-wide install",
    async (tally) => {
      const others = [B, E1, E2];
      for (const text of COMMANDS)
        await isolated(tally, A, others, `/ismap ${text}`, () => command(A, text, DEFAULT_IDS.admin));
      await isolated(tally, A, others, "App Home opened", async () => {
        await send(appHomeOpened(A.ctx, { user: DEFAULT_IDS.member }));
        await fake.waitForCall("views.publish", (c) => c.token === A.token, 5_000);
      });
      await isolated(tally, A, others, "share in channel", async () => {
        await send(shareClick(A.ctx, { cmd: "status", args: "" }));
        await fake.waitForCall("chat.postMessage", (c) => c.token === A.token, 5_000);
      });
      await isolated(tally, A, others, "profile edited and saved by an admin", async () => {
        const harnessA = { fake, send, assistant } as unknown as Harness;
        const { modal } = await openByCommand(harnessA, "profile", PEOPLE.admin);
        const { ack } = await modal.submit({ [PROFILE_FIELDS.name.block]: "A's new name" });
        if (ack?.response_action !== "update") throw new CaseError("other", "not saved");
        await new Promise((resolve) => setTimeout(resolve, 300));
        const stored = await assistant.services.profiles.get(A.key);
        if (stored.profile.service.name !== "A's new name")
          throw new CaseError("other", "A's own edit was not saved");
      });
      await isolated(tally, A, others, "reminder sweep of team A only", async () => {
        const report = await assistant.sweeper.sweepOnce(new Date("2026-11-20T10:00:00+09:00"), {
          teamId: A.key.teamId,
        });
        if (report.occurrences.some((o) => !o.team.endsWith(A.key.teamId)))
          throw new CaseError("other", "swept another team");
      });
      await isolated(tally, A, others, "tokens_revoked (a user token of A)", async () => {
        await send(tokensRevoked(A.ctx, { oauth: [DEFAULT_IDS.owner] }));
      });
      await isolated(tally, A, others, "app_uninstalled of A", async () => {
        await send(appUninstalled(A.ctx));
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
    },
  );

  reliabilityIt(
    CATEGORY,
    "team T1 of an org-wide (Enterprise Grid) install next to T2, A and B",
    async (tally) => {
      const others = [E2, B];
      const texts = [
        "status",
        "profile show",
        "profile history",
        "remind list",
        "lang en",
        "ask 特別措置とは",
        "check",
      ];
      for (const text of texts) await isolated(tally, E1, others, `/ismap ${text}`, () => command(E1, text));
      await isolated(tally, E1, others, "App Home opened", async () => {
        await send(orgWide(appHomeOpened(E1.ctx, { user: DEFAULT_IDS.member })));
        await fake.waitForCall("views.publish", (c) => c.token === E1.token, 5_000);
      });
      await isolated(tally, E1, others, "share in channel", async () => {
        await send(orgWide(shareClick(E1.ctx, { cmd: "status", args: "" })));
        await fake.waitForCall("chat.postMessage", (c) => c.token === E1.token, 5_000);
      });
      await isolated(tally, E1, others, "reminder sweep of T1 only", async () => {
        const report = await assistant.sweeper.sweepOnce(new Date("2026-11-20T10:00:00+09:00"), {
          teamId: `${ENTERPRISE}:${E1.key.teamId}`,
        });
        if (report.occurrences.some((o) => o.team !== `${ENTERPRISE}:${E1.key.teamId}`)) {
          throw new CaseError("other", "swept another team");
        }
      });
      await tally.run("B is still installed and answers with its own data", async () => {
        const request = slashCommand(B.ctx, { text: "profile show", user_id: DEFAULT_IDS.member });
        await send(request);
        const path = new URL(request.payload.response_url).pathname;
        const reply = await fake.waitForCall("response_url", (c) => c.path === path, 5_000);
        const text = textsOf(reply.body).join("\n");
        return text.includes(B.secret) && !text.includes(E2.secret)
          ? "handled"
          : ["other", "B's answer is wrong"];
      });
    },
  );
  reliabilityIt(
    CATEGORY,
    "a rate limit on workspace B does not hold back another workspace's calls",
    async (tally) => {
      await tally.run(
        "B's App Home told to wait 30 s (429); T1's (org-wide install) published meanwhile",
        async () => {
          const since = fake.calls.length;
          fake.failNext("views.publish", { status: 429, retryAfter: 30 });
          await send(appHomeOpened(B.ctx, { user: DEFAULT_IDS.member }));
          await fake.waitForCall("views.publish", (c) => c.token === B.token && c.status === 429, 5_000);
          await send(orgWide(appHomeOpened(E1.ctx, { user: DEFAULT_IDS.member })));
          // A client pausing its queue for Retry-After (Bolt's per-team default, on a client all teams share) would hold
          // T1's publish for 30 s.
          const published = await fake
            .waitForCall(
              "views.publish",
              (c) => c.token === E1.token && fake.calls.indexOf(c) >= since,
              5_000,
            )
            .catch(() => undefined);
          return published ? "handled" : ["other", "T1's App Home waited for B's rate limit"];
        },
      );
    },
  );
});
