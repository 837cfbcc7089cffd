/** The default workspace: its ids, people and channels, and the team, app and bot the emulator answers as. */
import type { EmulatorChannel, EmulatorUser } from "./types.js";

/** Ids of the default workspace's users and channels, for tests. */
export const DEFAULT_IDS = {
  bot: "U0FAKEBOT1",
  /** Workspace admin, Japanese locale. */
  admin: "U0ADMIN001",
  /** Primary owner (also admin), English locale. */
  owner: "U0OWNER001",
  /** Ordinary member, Japanese locale; the default user of the request builders. */
  member: "U0MEMBER01",
  /** Member of no channel, English locale, New York time. */
  guest: "U0GUEST001",
  /** Public, the bot is a member; the default channel of the request builders. */
  general: "C0GENERAL1",
  /** Public, the bot is not a member. */
  random: "C0RANDOM01",
  /** Private, the bot is a member. */
  compliance: "G0PRIVATE1",
  /** Private, the bot is not a member (invisible to it). */
  secret: "G0SECRET01",
} as const;

const DEFAULT_USERS: EmulatorUser[] = [
  {
    id: DEFAULT_IDS.admin,
    name: "aiko",
    realName: "Aiko Admin",
    locale: "ja-JP",
    tz: "Asia/Tokyo",
    isAdmin: true,
  },
  {
    id: DEFAULT_IDS.owner,
    name: "oscar",
    realName: "Oscar Owner",
    locale: "en-US",
    tz: "Asia/Tokyo",
    isAdmin: true,
    isOwner: true,
    isPrimaryOwner: true,
  },
  { id: DEFAULT_IDS.member, name: "mei", realName: "Mei Member", locale: "ja-JP", tz: "Asia/Tokyo" },
  { id: DEFAULT_IDS.guest, name: "gabe", realName: "Gabe Guest", locale: "en-US", tz: "America/New_York" },
];

const DEFAULT_CHANNELS: EmulatorChannel[] = [
  {
    id: DEFAULT_IDS.general,
    name: "general",
    members: [DEFAULT_IDS.bot, DEFAULT_IDS.admin, DEFAULT_IDS.owner, DEFAULT_IDS.member],
  },
  { id: DEFAULT_IDS.random, name: "random", members: [DEFAULT_IDS.admin, DEFAULT_IDS.member] },
  {
    id: DEFAULT_IDS.compliance,
    name: "compliance",
    isPrivate: true,
    members: [DEFAULT_IDS.bot, DEFAULT_IDS.admin],
  },
  { id: DEFAULT_IDS.secret, name: "secret", isPrivate: true, members: [DEFAULT_IDS.owner] },
];

export const EMULATOR_DEFAULTS = {
  teamId: "T0FAKE0001",
  teamName: "ISMAP Test Team",
  teamDomain: "ismap-test",
  appId: "A0FAKEAPP1",
  botUserId: DEFAULT_IDS.bot,
  botId: "B0FAKEBOT1",
  botName: "ismap-liu",
  botToken: "xoxb-fake-bot-token",
  triggerTtlMs: 3000,
  users: DEFAULT_USERS as readonly EmulatorUser[],
  channels: DEFAULT_CHANNELS as readonly EmulatorChannel[],
} as const;

/** The user id Slack gives Slackbot. */
export const SLACKBOT_ID = "USLACKBOT";
