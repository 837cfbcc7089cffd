/** Block Kit builders of the bot's messages: one file per surface, pure functions of (data, ctx). */
export { aboutMessage } from "./about.js";
export { type AskAnswer, askMessage } from "./ask.js";
export { auditsMessage } from "./audits.js";
export type { MessageContext, SlackMessage } from "./common.js";
export { helpMessage } from "./help.js";
export { historyMessage } from "./history.js";
export { planMessage } from "./plan.js";
export { profileMessage } from "./profile.js";
export { digestMessage, reminderMessage, remindersPausedMessage } from "./reminder.js";
export { noticeMessage, type ShareRequest, shareValue, withShareButton } from "./share.js";
export { specialMessage } from "./special.js";
export { type StatusData, statusMessage } from "./status.js";
export { verdictMessage } from "./verdict.js";
