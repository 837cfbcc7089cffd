/**
 * The bot scopes the app uses, and nothing more; manifest.yml lists the same (a test compares them).
 * - commands: /ismap
 * - chat:write: answers, shares and reminders in channels the bot is in
 * - users:read: users.info for locale and admin/owner status
 * - app_mentions:read: questions asked by mentioning the bot
 * - im:history: questions asked in a direct message (message.im events)
 * - channels:read, groups:read: conversations.info, to check the app is in the reminder channel
 * - im:write: conversations.open, the person's DM with the app where an export is uploaded
 * - files:write: files.uploadV2 (the export's workbook and CSV files)
 * - files:read: files.info and the download of a file given to `/ismap import`
 * - assistant:write: the assistant panel (assistant_thread_* events, assistant.threads.setStatus/setTitle/
 *   setSuggestedPrompts)
 */
export const BOT_SCOPES = [
  "app_mentions:read",
  "assistant:write",
  "channels:read",
  "chat:write",
  "commands",
  "files:read",
  "files:write",
  "groups:read",
  "im:history",
  "im:write",
  "users:read",
] as const;

/** The events the app subscribes to; manifest.yml lists the same. */
export const BOT_EVENTS = [
  "app_home_opened",
  "app_mention",
  "app_uninstalled",
  "assistant_thread_context_changed",
  "assistant_thread_started",
  "function_executed",
  "message.im",
  "tokens_revoked",
] as const;
