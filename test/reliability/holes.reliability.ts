/**
 * The holes an attack found (issue 12), each as reliability cases:
 * - Isolation: the tenant of a request is the one Bolt authorized. Slack Connect view submissions
 *   (`view.app_installed_team_id` ≠ `team.id`) and org-wide shapes (`team: null`, the workspace in `user.team_id`)
 *   read and write the authorized team's data only; a request naming another workspace than the app's
 *   authorization is refused, in token mode and in OAuth mode.
 * - Safe text: bare links, broadcasts, mentions, formatting and bidi overrides typed by a person (a question, the
 *   profile's fields) never reach a channel-visible surface live: share in channel, mention replies, App Home and
 *   reminders.
 * - Requests: timestamps in the future refused like stale ones; a connection that trickles its headers is cut;
 *   a form body with `; charset=utf-8` is accepted; an options request with a non-string value gets an empty list.
 * - Concurrency: 20 simultaneous audit records of one team, on SQLite and on Redis: all 20 saved and confirmed.
 * - Slack faults: views.open rate limited for 30 s: the person is told at once, in their language.
 *
 * Long because: one category of the reliability summary (the holes of issue 12); splitting it would split the
 * counts it reports.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import {
  appHomeOpened,
  appMention,
  blockActions,
  blockSuggestion,
  sendSigned,
  slashCommand,
  viewJson,
  viewSubmission,
} from "../../dev/slack-requests/index.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { defaultReminderSettings } from "../../src/reminders/settings.js";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { PROFILE_FIELDS, RECORD_FIELDS } from "../../src/slack/forms/fields.js";
import { KeyvInstallationStore } from "../../src/store/installation-store.js";
import { openStore } from "../../src/store/keyv-factory.js";
import { fakeInstallation, type OAuthApp, startOAuthApp } from "../support/commands.js";
import { type Harness, SIGNING_SECRET, startHarness } from "../support/harness.js";
import { mark, type Opened, openByCommand, PEOPLE, textOf, waitForViewUpdate } from "../support/modals.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { textsOf } from "../support/reliability/replies.js";
import { CaseError, reliabilityIt, type Tally } from "../support/reliability/tally.js";

const ja = createTranslator("ja");
const en = createTranslator("en");
const OTHER_TEAM = "T0OTHER001";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

let h: Harness | undefined;
let oauth: OAuthApp | undefined;
let redis: RedisServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  await oauth?.close();
  await redis?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  oauth = undefined;
  redis = undefined;
  dir = undefined;
});

type Json = Record<string, unknown>;

/** A payload re-encoded after changing it, as a signed form body. */
function reencode(payload: Json) {
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: "application/x-www-form-urlencoded" as const,
    payload,
  };
}

// ------------------------------------------------------------------ tenant

describe("the tenant is the one Bolt authorized", () => {
  reliabilityIt("Isolation", "token mode: Slack Connect, org-wide and foreign-team shapes", async (tally) => {
    h = await startHarness();
    const app = h;
    const home = { teamId: app.fake.teamId };
    const other = { teamId: OTHER_TEAM };
    const profiles = app.assistant.services.profiles;

    await tally.run(
      "Slack Connect view submission (app_installed_team_id ≠ team.id) saves the installed team",
      async () => {
        const { modal } = await openByCommand(app, "profile", PEOPLE.admin);
        const view = { ...modal.view, app_installed_team_id: app.fake.teamId, team_id: OTHER_TEAM };
        const request = viewSubmission(
          { ...app.fake, teamId: OTHER_TEAM, teamDomain: "other" } as typeof app.fake,
          { user: PEOPLE.admin, view, values: valuesWithName(modal.view, "Connect edit") },
        );
        const since = mark(app);
        await app.send(request);
        await waitForViewUpdate(app, modal.id, since).catch(() => undefined);
        await sleep(100);
        const mine = await profiles.get(home);
        const theirs = await profiles.get(other);
        if (theirs.revision !== 0)
          return ["lost", `wrote ${OTHER_TEAM}'s profile (revision ${theirs.revision})`];
        if (mine.profile.service.name !== "Connect edit")
          return ["other", "the installed team's profile was not saved"];
        return "handled";
      },
    );

    await tally.run(
      "a slash command naming another workspace is refused, nothing read or written",
      async () => {
        const request = slashCommand(app.fake, {
          text: "profile show",
          team_id: OTHER_TEAM,
          user_id: DEFAULT_IDS.admin,
        });
        const since = app.fake.calls.length;
        const response = await app.send(request);
        await sleep(300);
        const calls = app.fake.calls.slice(since).filter((c) => !c.fromAck);
        const answered = calls.some((c) => c.method === "response_url");
        if (response.status >= 400 && response.status < 500 && !answered) return "handled";
        const text = textsOf(response.body).join("") + calls.map((c) => JSON.stringify(c.body)).join("");
        if (response.status === 200 && /別のワークスペース|another workspace/.test(text)) return "handled";
        return ["other", `answered as ${OTHER_TEAM}: HTTP ${response.status}, ${calls.length} calls`];
      },
    );

    await tally.run("a share click naming another workspace is refused", async () => {
      const request = blockActions(
        { ...app.fake, teamId: OTHER_TEAM, teamDomain: "other" } as typeof app.fake,
        {
          actions: [
            {
              action_id: ACTION.share,
              block_id: "share",
              type: "button",
              value: '{"cmd":"status","args":""}',
            },
          ],
        },
      );
      const since = app.fake.calls.length;
      const response = await app.send(request);
      await sleep(300);
      const posted = app.fake.calls.slice(since).some((c) => c.method === "chat.postMessage");
      return response.status >= 400 && response.status < 500 && !posted
        ? "handled"
        : ["other", `HTTP ${response.status}, posted: ${posted}`];
    });
  });

  reliabilityIt(
    "Isolation",
    "OAuth: Slack Connect and org-wide shapes write only the authorized team",
    async (tally) => {
      oauth = await startOAuthApp();
      const app = oauth;
      const installations = new KeyvInstallationStore(app.assistant.store);
      await installations.storeInstallation(fakeInstallation(app.fake));
      const ENTERPRISE = "E0ORG00001";
      const ORG_TEAM = "T0ORGT0001";
      await installations.storeInstallation({
        ...fakeInstallation(app.fake),
        team: undefined,
        enterprise: { id: ENTERPRISE, name: "Org" },
        isEnterpriseInstall: true,
      } as unknown as Parameters<typeof installations.storeInstallation>[0]);
      await installations.storeInstallation({
        ...fakeInstallation(app.fake),
        team: { id: OTHER_TEAM, name: "Other" },
      });
      const profiles = app.assistant.services.profiles;
      for (const teamId of [app.fake.teamId, OTHER_TEAM]) {
        await profiles.save(
          { teamId },
          {
            baseRevision: 0,
            actor: DEFAULT_IDS.admin,
            at: new Date(),
            update: (p) => ({ ...p, editors: [DEFAULT_IDS.member] }),
          },
        );
      }

      const profileSubmission = (name: string, shape: (payload: Json) => Json) => {
        const view = viewJson(app.fake, {
          callback_id: CALLBACK.profile,
          private_metadata: JSON.stringify({ baseRevision: 1 }),
        });
        const base = viewSubmission(app.fake, {
          user: PEOPLE.member,
          view,
          values: {
            [PROFILE_FIELDS.name.block]: {
              [PROFILE_FIELDS.name.action]: { type: "plain_text_input", value: name },
            },
          },
        });
        return reencode(shape(base.payload as Json));
      };

      await tally.run(
        "Slack Connect: app_installed_team_id=A, team.id=B saves A's profile, never B's",
        async () => {
          const request = profileSubmission("via connect", (p) => ({
            ...p,
            team: { id: OTHER_TEAM, domain: "other" },
            user: { ...(p.user as Json), team_id: OTHER_TEAM },
            view: { ...(p.view as Json), app_installed_team_id: app.fake.teamId },
          }));
          await app.send(request);
          await sleep(400);
          const b = await profiles.get({ teamId: OTHER_TEAM });
          const a = await profiles.get({ teamId: app.fake.teamId });
          if (b.revision !== 1) return ["lost", `B's profile changed (revision ${b.revision})`];
          if (a.profile.service.name !== "via connect") return ["other", "A's profile was not saved"];
          return "handled";
        },
      );

      await tally.run(
        "org-wide: view submission with team null and app_installed_team_id = enterprise saves the user's workspace",
        async () => {
          const key = { enterpriseId: ENTERPRISE, teamId: ORG_TEAM };
          await profiles.save(key, {
            baseRevision: 0,
            actor: DEFAULT_IDS.admin,
            at: new Date(),
            update: (p) => ({ ...p, editors: [DEFAULT_IDS.member] }),
          });
          const request = profileSubmission("org edit", (p) => ({
            ...p,
            team: null,
            enterprise: { id: ENTERPRISE, name: "Org" },
            is_enterprise_install: true,
            user: { ...(p.user as Json), team_id: ORG_TEAM },
            view: { ...(p.view as Json), team_id: ORG_TEAM, app_installed_team_id: ENTERPRISE },
          }));
          await app.send(request);
          await sleep(400);
          const saved = await profiles.get(key);
          const stray = await profiles.get({ enterpriseId: ENTERPRISE, teamId: ENTERPRISE });
          if (stray.revision !== 0) return ["lost", "saved under the enterprise id as a team"];
          return saved.profile.service.name === "org edit"
            ? "handled"
            : ["other", `not saved (revision ${saved.revision})`];
        },
      );

      await tally.run(
        "org-wide: a share click with team null answers from the user's workspace",
        async () => {
          const base = blockActions(app.fake, {
            actions: [
              {
                action_id: ACTION.share,
                block_id: "share",
                type: "button",
                value: '{"cmd":"profile_show","args":""}',
              },
            ],
          });
          const payload = {
            ...(base.payload as Json),
            team: null,
            enterprise: { id: ENTERPRISE, name: "Org" },
            is_enterprise_install: true,
            user: { ...((base.payload as Json).user as Json), team_id: ORG_TEAM },
          };
          const since = app.fake.calls.length;
          await app.send(reencode(payload));
          const post = await app.fake
            .waitForCall("chat.postMessage", () => true, 3_000)
            .catch(() => undefined);
          const posted = app.fake.calls.slice(since).find((c) => c.method === "chat.postMessage");
          if (!post || !posted) return ["other", "nothing shared"];
          return textsOf(posted.body).join("\n").includes("org edit")
            ? "handled"
            : ["other", "shared another team's data"];
        },
      );
    },
  );
});

function valuesWithName(view: Json, name: string) {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of (view.blocks as Json[]) ?? []) {
    if (block.type !== "input") continue;
    const element = block.element as Json;
    const blockId = String(block.block_id);
    const actionId = String(element.action_id);
    if (blockId === PROFILE_FIELDS.name.block) {
      values[blockId] = { [actionId]: { type: "plain_text_input", value: name } };
    } else if (element.type === "plain_text_input") {
      values[blockId] = { [actionId]: { type: "plain_text_input", value: element.initial_value ?? null } };
    } else if (element.type === "static_select" || element.type === "radio_buttons") {
      values[blockId] = {
        [actionId]: { type: element.type, selected_option: element.initial_option ?? null },
      };
    } else if (element.type === "datepicker") {
      values[blockId] = { [actionId]: { type: "datepicker", selected_date: element.initial_date ?? null } };
    } else if (element.type === "multi_users_select") {
      values[blockId] = { [actionId]: { type: element.type, selected_users: element.initial_users ?? [] } };
    } else if (element.type === "checkboxes") {
      values[blockId] = {
        [actionId]: { type: element.type, selected_options: element.initial_options ?? [] },
      };
    }
  }
  return values;
}

// ------------------------------------------------------------------ safe text

const HOSTILE = {
  name: "*PWNED* https://evil.example/login @here",
  vendor: "<!channel> _PWNED_ @channel www.evil.example",
  description: "> PWNED quote\n~PWNED~ `PWNED` \u202Eevil\u202C <@U0EVIL001> evil.com/x",
  url: "https://evil.example/login",
};

/** What Slack would turn into a link, a notification or formatting if it reached a channel live. */
function unsafeIn(value: unknown): string | undefined {
  for (const raw of textsOf(value)) {
    // Links and mentions the app wrote itself are `<…>` tokens (source links, the sharer): not user text.
    const text = raw.replace(/<(https?:\/\/[^|>]+)\|[^>]*>/g, "").replace(/<@U[A-Z0-9]+>/g, "");
    const checks: Array<[string, RegExp]> = [
      ["bare link", /\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.[a-z0-9-]|\b[a-z0-9-]+\.(com|example|net|org|jp)\b/i],
      ["broadcast", /@(here|channel|everyone)\b|<!(here|channel|everyone)/i],
      ["mention", /<@U0EVIL/],
      ["formatting", /\*PWNED\*|_PWNED_|~PWNED~|`PWNED`|(^|\n)\s*(>|&gt;) ?PWNED/],
      ["bidi override", /[\u202A-\u202E\u2066-\u2069]/],
    ];
    for (const [what, pattern] of checks) {
      const found = pattern.exec(text);
      if (found)
        return `${what}: ${JSON.stringify(text.slice(Math.max(0, found.index - 20), found.index + 40))}`;
    }
  }
  return undefined;
}

describe("what a person typed reaches no channel live", () => {
  reliabilityIt("Safe text", "share, mention replies, App Home and reminders", async (tally) => {
    h = await startHarness({ now: "2026-11-26T10:00:00+09:00" });
    const app = h;
    const team = { teamId: app.fake.teamId };
    await app.assistant.services.profiles.save(team, {
      baseRevision: 0,
      actor: DEFAULT_IDS.admin,
      at: app.now,
      update: (p) => ({
        ...p,
        service: { ...p.service, ...HOSTILE },
        registration: { status: "registered", registeredOn: "2025-12-01" },
        audits: { ...p.audits, external: [{ id: "gov", part: "governance", date: "2025-12-20" }] },
      }),
    });

    const share = async (cmd: string, args: string) => {
      const since = app.fake.calls.length;
      await app.send(
        blockActions(app.fake, {
          user: PEOPLE.admin,
          actions: [
            {
              action_id: ACTION.share,
              block_id: "share",
              type: "button",
              value: JSON.stringify({ cmd, args }),
            },
          ],
        }),
      );
      await app.fake.waitForCall("chat.postMessage", () => true, 4_000);
      await sleep(50);
      const post = app.fake.calls.slice(since).find((c) => c.method === "chat.postMessage");
      if (!post) throw new CaseError("lost", "nothing posted");
      return post.body;
    };
    const verdict = (body: unknown) => {
      const problem = unsafeIn(body);
      return problem ? (["other", problem] as ["other", string]) : "handled";
    };

    const question = "https://evil.example/login @here <!channel> *PWNED* \u202Eevil";
    await tally.run("share in channel: a question with a bare link and broadcasts", async () =>
      verdict(await share("ask", question)),
    );
    await tally.run("share in channel: profile show with hostile profile fields", async () =>
      verdict(await share("profile_show", "")),
    );
    await tally.run("share in channel: status with hostile profile fields", async () =>
      verdict(await share("status", "")),
    );
    await tally.run("mention reply: a bare link and @channel", async () => {
      const since = app.fake.calls.length;
      await app.send(appMention(app.fake, { text: `<@${DEFAULT_IDS.bot}> ${question}` }));
      await app.fake.waitForCall("chat.postMessage", () => true, 4_000);
      await sleep(50);
      const post = app.fake.calls.slice(since).find((c) => c.method === "chat.postMessage");
      return post ? verdict(post.body) : ["lost", "no reply"];
    });
    await tally.run("App Home with hostile profile fields", async () => {
      const since = app.fake.calls.length;
      await app.send(appHomeOpened(app.fake, { user: DEFAULT_IDS.admin }));
      await app.fake.waitForCall("views.publish", () => true, 4_000);
      const publish = app.fake.calls.slice(since).find((c) => c.method === "views.publish");
      return publish ? verdict(publish.body.view) : ["lost", "no home"];
    });
    await tally.run("reminders posted to the channel", async () => {
      await app.assistant.services.reminders.save(
        team,
        { ...defaultReminderSettings(), enabled: true, channel: DEFAULT_IDS.general },
        { actor: DEFAULT_IDS.admin, at: app.now },
      );
      const since = app.fake.calls.length;
      // Whatever is due first: one sweep a day until something is posted (at most 400 days).
      for (let day = 0; day < 400; day++) {
        await app.assistant.sweeper.sweepOnce(new Date(app.now.getTime() + day * 86_400_000));
        if (app.fake.calls.slice(since).some((c) => c.method === "chat.postMessage")) break;
      }
      const posts = app.fake.calls.slice(since).filter((c) => c.method === "chat.postMessage");
      if (posts.length === 0) return ["other", "no reminder posted"];
      for (const post of posts) {
        const problem = unsafeIn(post.body);
        if (problem) return ["other", problem];
      }
      return "handled";
    });
  });
});

// ------------------------------------------------------------------ requests

describe("request checks", () => {
  reliabilityIt(
    "Requests",
    "future timestamps, slow headers, charset, non-string option values",
    async (tally) => {
      h = await startHarness();
      const app = h;
      for (const [label, offset] of [
        ["+6 minutes", 360],
        ["+1 hour", 3600],
        ["+10 years", 10 * 365 * 86400],
      ] as const) {
        await tally.run(`a correctly signed request dated ${label} is refused`, async () => {
          const request = slashCommand(app.fake, { text: "status", user_id: DEFAULT_IDS.admin });
          const since = app.fake.calls.length;
          const response = await sendSigned(app.baseUrl, request.body, request.contentType, {
            secret: SIGNING_SECRET,
            timestamp: nowSeconds() + offset,
          });
          await sleep(200);
          const calls = app.fake.calls.slice(since).length;
          return response.status === 401 && calls === 0
            ? "handled"
            : ["other", `HTTP ${response.status}, ${calls} calls`];
        });
      }
      await tally.run("a request dated +4 minutes (clock skew within 5 minutes) is answered", async () => {
        const request = slashCommand(app.fake, { text: "help", user_id: DEFAULT_IDS.admin });
        const response = await sendSigned(app.baseUrl, request.body, request.contentType, {
          secret: SIGNING_SECRET,
          timestamp: nowSeconds() + 240,
        });
        return response.status === 200 ? "handled" : ["other", `HTTP ${response.status}`];
      });
      await tally.run("a form body with `; charset=utf-8` is accepted", async () => {
        const request = slashCommand(app.fake, { text: "help", user_id: DEFAULT_IDS.admin });
        const response = await sendSigned(
          app.baseUrl,
          request.body,
          `${request.contentType}; charset=utf-8`,
          {
            secret: SIGNING_SECRET,
          },
        );
        return response.status === 200 ? "handled" : ["other", `HTTP ${response.status}`];
      });
      await tally.run(
        "an options request with a non-string value: an empty list, no error logged",
        async () => {
          const base = blockSuggestion(app.fake, {
            user: PEOPLE.admin,
            actionId: ACTION.objectiveSelect,
            blockId: RECORD_FIELDS.objectives.block,
            value: "x",
          });
          const errors: string[] = [];
          const logger = app.assistant.app.logger;
          const original = logger.error.bind(logger);
          logger.error = (...args: unknown[]) => void errors.push(args.map(String).join(" "));
          try {
            const response = await app.send(reencode({ ...(base.payload as Json), value: { nested: true } }));
            const body = JSON.parse(response.body || "{}") as { options?: unknown[] };
            if (response.status !== 200 || !Array.isArray(body.options) || body.options.length !== 0)
              return ["other", `HTTP ${response.status} ${response.body.slice(0, 80)}`];
            return errors.length === 0 ? "handled" : ["other", `logged: ${errors[0]?.slice(0, 120)}`];
          } finally {
            logger.error = original;
          }
        },
      );
      await tally.run("a connection that trickles its headers is closed within 12 s", async () => {
        const port = Number(new URL(app.baseUrl).port);
        const started = Date.now();
        const closedAfter = await new Promise<number>((resolve) => {
          const socket = connect(port, "127.0.0.1");
          socket.on("error", () => undefined);
          socket.write("POST /slack/events HTTP/1.1\r\nHost: x\r\n");
          const drip = setInterval(() => socket.write(`x-drip: ${Date.now()}\r\n`), 1_000);
          const give = setTimeout(() => {
            clearInterval(drip);
            socket.destroy();
            resolve(Number.POSITIVE_INFINITY);
          }, 14_000);
          socket.on("close", () => {
            clearInterval(drip);
            clearTimeout(give);
            resolve(Date.now() - started);
          });
        });
        return closedAfter <= 12_000 ? "handled" : ["other", "still open after 14 s"];
      });
    },
    60_000,
  );
});

// ------------------------------------------------------------------ concurrency

async function twentyRecords(tally: Tally, label: string, app: Harness): Promise<void> {
  const opened: Opened[] = [];
  for (let i = 0; i < 20; i++)
    opened.push(await openByCommand(app, "record", i % 2 ? PEOPLE.owner : PEOPLE.admin));
  const since = mark(app);
  const outcomes = await Promise.all(
    opened.map(async ({ modal }, i) => {
      const { ack } = await modal.submit({
        [RECORD_FIELDS.type.block]: "internal",
        [RECORD_FIELDS.objectives.block]: [`5.1.${(i % 2) + 1}`],
        [RECORD_FIELDS.note.block]: `record ${i}`,
      });
      if (ack?.response_action !== "update") return `record ${i}: ${JSON.stringify(ack).slice(0, 80)}`;
      await waitForViewUpdate(app, modal.id, since).catch(() => undefined);
      const t = modal.user.id === PEOPLE.owner.id ? en : ja;
      const text = textOf(app.fake.view(modal.id));
      return text.includes(t("app.savedTitle")) ? undefined : `record ${i}: ${text.slice(0, 80)}`;
    }),
  );
  for (const [i, problem] of outcomes.entries()) {
    tally.record(`${label}: record ${i} saved and confirmed`, problem ? "other" : "handled", problem);
  }
  const stored = await app.assistant.services.profiles.get({ teamId: app.fake.teamId });
  await tally.run(`${label}: all 20 records are in the profile`, async () =>
    stored.profile.audits.internal.length === 20
      ? "handled"
      : ["lost", `${stored.profile.audits.internal.length} of 20 stored`],
  );
}

describe("20 simultaneous audit records of one team", () => {
  reliabilityIt("Concurrency", "SQLite: every record saved and confirmed", async (tally) => {
    dir = await mkdtemp(join(tmpdir(), "ismap-rec-"));
    h = await startHarness({ storeUrl: `sqlite://${join(dir, "r.sqlite")}` });
    await twentyRecords(tally, "SQLite", h);
  });
  reliabilityIt("Concurrency", "Redis: every record saved and confirmed", async (tally) => {
    redis = await startRedisServer();
    h = await startHarness({ store: openStore(redis.url) });
    await twentyRecords(tally, "Redis", h);
  });
});

// ------------------------------------------------------------------ slack faults

describe("views.open rate limited", () => {
  reliabilityIt(
    "Slack faults",
    "Retry-After 30 s: the person is told at once, in their language",
    async (tally) => {
      h = await startHarness();
      const app = h;
      for (const [who, t] of [
        [PEOPLE.owner, en],
        [PEOPLE.admin, ja],
      ] as const) {
        await tally.run(`/ismap record by ${who.name}: told to run it again within 3 s`, async () => {
          app.fake.failNext("views.open", { status: 429, retryAfter: 30 });
          const request = slashCommand(app.fake, { text: "record", user_id: who.id, user_name: who.name });
          const path = new URL(request.payload.response_url).pathname;
          const started = Date.now();
          await app.send(request);
          const reply = await app.fake
            .waitForCall("response_url", (c) => c.path === path, 3_000)
            .catch(() => undefined);
          if (!reply) return ["other", "not told within 3 s"];
          const text = textsOf(reply.body).join("\n") + String(reply.body.text ?? "");
          const expected = t("app.rateLimited");
          return text.includes(expected) && Date.now() - started < 3_000
            ? "handled"
            : ["other", `told: ${text.slice(0, 100)}`];
        });
      }
      await tally.run("a failing modal in English is explained in English", async () => {
        app.fake.failNext("views.update", { error: "internal_error" }, 2);
        const request = slashCommand(app.fake, {
          text: "record",
          user_id: PEOPLE.owner.id,
          user_name: "oscar",
        });
        const path = new URL(request.payload.response_url).pathname;
        await app.send(request);
        const reply = await app.fake
          .waitForCall("response_url", (c) => c.path === path, 5_000)
          .catch(() => undefined);
        if (!reply) return ["other", "not told"];
        const text = textsOf(reply.body).join("\n") + String(reply.body.text ?? "");
        return text.includes(en("errors.internal")) ? "handled" : ["other", `told: ${text.slice(0, 100)}`];
      });
    },
  );
});
