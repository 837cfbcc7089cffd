/**
 * The many workspaces of the first-question benchmark (bench/ack.ts): team `i` is `T1` followed by `i` in 7 digits,
 * installed in OAuth mode (its installation in the store, the fake Slack's bot token), with the profile of kind
 * `i % kinds` from the mix in seed.ts, and asking one question. Which person asks, which question, and whether that
 * person has saved a language (`/ismap lang`) follow from `i` too, so that the first `SHAPES` teams ask every
 * combination once: bare Bolt (bench/servers/bare.ts) then answers each request with the app's answer to the same
 * combination, byte for byte.
 */

import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { slashCommand } from "../../dev/slack-requests/index.js";
import { ProfileRepository } from "../../src/profile/repository.js";
import { installationKey, preferencesKey, profileKey, type TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/store.js";
import type { Command, ResponseSink } from "./answers.js";
import type { FakeChild } from "./fake-child.js";
import { profileMix } from "./seed.js";

export const COMMANDS = ["status", "audits", "help", "special"] as const;
export const USERS = [DEFAULT_IDS.admin, DEFAULT_IDS.owner, DEFAULT_IDS.member, DEFAULT_IDS.guest] as const;
/** Every other asker has saved a language: half of them the other one than their Slack locale. */
const SAVED = [undefined, "ja", undefined, "en"] as const;
const KINDS = profileMix.length;
/** Combinations of profile kind, person, saved language and question. */
export const SHAPES = KINDS * USERS.length * SAVED.length * COMMANDS.length;

export interface BenchTeam {
  index: number;
  team: TeamKey;
  kind: number;
  userId: string;
  saved: "ja" | "en" | undefined;
  text: string;
}

export function teamId(index: number): string {
  return `T1${String(index).padStart(7, "0")}`;
}

export function teamIndexOf(id: string): number {
  return Number(id.slice(2));
}

export function benchTeam(index: number): BenchTeam {
  let rest = index % SHAPES;
  const kind = rest % KINDS;
  rest = Math.floor(rest / KINDS);
  const userId = USERS[rest % USERS.length] as string;
  rest = Math.floor(rest / USERS.length);
  const saved = SAVED[rest % SAVED.length];
  rest = Math.floor(rest / SAVED.length);
  const text = COMMANDS[rest % COMMANDS.length] as string;
  return { index, team: { teamId: teamId(index) }, kind, userId, saved, text };
}

/**
 * What bare Bolt needs to pick the app's answer to a request: the team's profile kind and saved language (from its
 * id), the person and the question.
 */
export function answerKey(team: string, userId: string, text: string): string {
  const t = benchTeam(teamIndexOf(team));
  return `${t.kind}|${t.saved ?? "-"}|${userId}|${text}`;
}

/** A workspace installation as Bolt's OAuth flow stores it (src/store/installation-store.ts's record). */
function installationRecord(team: TeamKey, fake: { botToken: string; appId: string; botUserId: string }) {
  return {
    installation: {
      team: { id: team.teamId, name: `Bench ${team.teamId}` },
      enterprise: undefined,
      user: { id: DEFAULT_IDS.admin, token: undefined, scopes: undefined },
      tokenType: "bot",
      isEnterpriseInstall: false,
      appId: fake.appId,
      authVersion: "v2",
      bot: {
        token: fake.botToken,
        scopes: ["commands", "chat:write", "users:read"],
        id: "B0BENCH001",
        userId: fake.botUserId,
      },
    },
    users: {},
  };
}

/**
 * Writes `n` teams: installation, profile (none for kind 0) and the asker's saved language where the team has one.
 * Each kind's profile is saved once through ProfileRepository (validated, with its history) and its stored document
 * copied to the other teams of the kind. Returns the milliseconds it took.
 */
export async function seedTeams(
  store: Store,
  n: number,
  fake: { botToken: string; appId: string; botUserId: string },
): Promise<number> {
  const started = Date.now();
  const repository = new ProfileRepository(store);
  const documents: unknown[] = [];
  for (const [kind, profile] of profileMix.entries()) {
    const template = benchTeam(kind).team;
    if (profile) {
      await repository.save(template, {
        baseRevision: 0,
        actor: DEFAULT_IDS.admin,
        at: new Date("2026-01-05T09:00:00+09:00"),
        update: profile,
      });
    }
    documents[kind] = profile ? await store.get(profileKey(template)) : undefined;
  }
  for (let i = 0; i < n; i += 250) {
    const writes: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(n, i + 250); j++) {
      const t = benchTeam(j);
      writes.push(store.set(installationKey(t.team), installationRecord(t.team, fake)));
      const document = documents[t.kind];
      if (document && j >= profileMix.length) writes.push(store.set(profileKey(t.team), document));
      if (t.saved) writes.push(store.set(preferencesKey(t.team, t.userId), { locale: t.saved }));
    }
    await Promise.all(writes);
  }
  return Date.now() - started;
}

/** Each team from `from` to `to` (exclusive) asking its first question once, with a response_url of its own. */
export function firstQuestions(fake: FakeChild, sink: ResponseSink, from: number, to: number): Command[] {
  const out: Command[] = [];
  for (let i = from; i < to; i++) {
    const t = benchTeam(i);
    const responseUrl = sink.url();
    const { body } = slashCommand(
      { ...fake, teamId: teamId(i), responseUrl: () => responseUrl },
      { text: t.text, user_id: t.userId },
    );
    out.push({ body, responseUrl });
  }
  return out;
}
