/**
 * The ids that tie views to listeners: callback_ids of modals, action_ids of interactive elements, block_ids of
 * inputs. Builders and listeners import them from here so the two never drift apart.
 */
export const CALLBACK = {
  eligibility: "eligibility_modal",
  profile: "profile_modal",
  record: "record_audit_modal",
  loading: "loading_modal",
  result: "result_modal",
  remind: "remind_modal",
  /** `/ismap import`: the file picker, then the preview whose submit records the audits. */
  importFile: "import_file_modal",
  importConfirm: "import_confirm_modal",
} as const;

export const ACTION = {
  /** Posts an ephemeral answer to the channel; value: JSON {cmd, args}. */
  share: "share_answer",
  /** Shows the unconfirmed points (caveats) of an answer, rebuilt afresh; value: JSON {cmd, args}. */
  showCaveats: "show_caveats",
  openCheck: "open_check",
  openProfile: "open_profile",
  openRecord: "open_record",
  showAudits: "show_audits",
  showPlan: "show_plan",
  showSpecial: "show_special",
  /** The external_select searching the 121 control objectives. */
  objectiveSelect: "objective_select",
  /** Any option change inside the eligibility modal that must re-render it (dispatch_action). */
  eligibilityAnswer: "eligibility_answer",
  /** The "Back" button of an eligibility step: re-renders the previous step (views.update), keeping the answers. */
  eligibilityBack: "eligibility_back",
  /** App Home: the team's records as .xlsx and CSV in the person's DM. */
  exportRecords: "export_records",
  /** Slack's feedback buttons under an answer (value: JSON, src/slack/flows/feedback-buttons.ts). */
  feedback: "answer_feedback",
  /** The plain 👍 / 👎 buttons under an ephemeral answer (same value). */
  feedbackUp: "answer_feedback_up",
  feedbackDown: "answer_feedback_down",
} as const;

/** Callback ids of the Workflow Builder steps (custom functions in manifest.yml). */
export const STEP = {
  whatIsDue: "ismap_what_is_due",
  recordAudit: "ismap_record_audit",
} as const;

/** Command words used in share button values and help text. */
export const SHARE_COMMANDS = [
  "help",
  "audits",
  "special",
  "status",
  "plan",
  "ask",
  "about",
  "profile_show",
] as const;
export type ShareCommand = (typeof SHARE_COMMANDS)[number];
