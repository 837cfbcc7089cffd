import type { Logger } from "@slack/bolt";
import type { FeedbackRepository } from "../../feedback/repository.js";
import type { PreferencesRepository } from "../../profile/preferences.js";
import type { ProfileRepository } from "../../profile/repository.js";
import type { PendingImports } from "../../records/pending.js";
import type { ReminderSettingsRepository } from "../../reminders/settings.js";
import type { RulesEngine } from "../../rules/engine.js";
import type { AssistantThreadRepository } from "../assistant/thread-store.js";
import type { AnswerCache } from "./answer-cache.js";
import type { UserDirectory } from "./user-directory.js";

/** Everything a listener needs besides the Slack request itself; the clock is injected so tests control time. */
export interface Services {
  engine: RulesEngine;
  profiles: ProfileRepository;
  preferences: PreferencesRepository;
  reminders: ReminderSettingsRepository;
  users: UserDirectory;
  /** Answers already built, for repeated questions (answer-cache.ts). */
  answers: AnswerCache;
  /** Imports read and previewed, waiting for the person's confirmation (records/pending.ts). */
  pendingImports: PendingImports;
  /** The assistant panel's threads (their context and title state), shared by every instance. */
  threads: AssistantThreadRepository;
  /** Answers marked unhelpful (👎), for `npm run faq:report`. */
  feedback: FeedbackRepository;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
}
