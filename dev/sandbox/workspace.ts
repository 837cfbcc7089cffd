/**
 * The sandbox's pretend workspace: an admin and a member in each language, a primary owner, and channels with and
 * without the bot, so every permission and membership path of the app can be tried from the page.
 */
import type { EmulatorChannel, EmulatorUser } from "../slack-emulator/index.js";

export const SANDBOX_IDS = {
  team: "T0SANDBOX1",
  bot: "U0SANDBOT1",
  /** Workspace admin, Japanese. */
  admin: "U0AIKO0001",
  /** Primary owner (also admin), English. */
  owner: "U0OSCAR001",
  /** Ordinary member, Japanese. */
  member: "U0MEI00001",
  /** Ordinary member, English. */
  memberEn: "U0SAM00001",
  /** Public, the bot is a member. */
  general: "C0GENERAL1",
  /** Public, the bot is not a member: sharing there gets "invite the bot". */
  random: "C0RANDOM01",
  /** Private, the bot and the admins are members. */
  compliance: "G0COMPLY01",
} as const;

export const SANDBOX_USERS: readonly EmulatorUser[] = [
  {
    id: SANDBOX_IDS.admin,
    name: "aiko",
    realName: "Aiko Sato",
    locale: "ja-JP",
    tz: "Asia/Tokyo",
    isAdmin: true,
  },
  {
    id: SANDBOX_IDS.owner,
    name: "oscar",
    realName: "Oscar Owens",
    locale: "en-US",
    tz: "Asia/Tokyo",
    isAdmin: true,
    isOwner: true,
    isPrimaryOwner: true,
  },
  { id: SANDBOX_IDS.member, name: "mei", realName: "Mei Tanaka", locale: "ja-JP", tz: "Asia/Tokyo" },
  { id: SANDBOX_IDS.memberEn, name: "sam", realName: "Sam Miller", locale: "en-US", tz: "Asia/Tokyo" },
];

const everyone = SANDBOX_USERS.map((u) => u.id);

export const SANDBOX_CHANNELS: readonly EmulatorChannel[] = [
  { id: SANDBOX_IDS.general, name: "general", members: [SANDBOX_IDS.bot, ...everyone] },
  { id: SANDBOX_IDS.random, name: "random", members: [...everyone] },
  {
    id: SANDBOX_IDS.compliance,
    name: "compliance",
    isPrivate: true,
    members: [SANDBOX_IDS.bot, SANDBOX_IDS.admin, SANDBOX_IDS.owner],
  },
];
