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
