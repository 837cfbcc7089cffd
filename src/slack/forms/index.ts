/** Pure parsing and validation of view_submission state into typed input, with errors for response_action. */
export {
  type EligibilityStepResult,
  eligibilityAnswerErrors,
  firstStep,
  keepApplicable,
  nextStep,
  parseEligibilityBack,
  parseEligibilityStep,
  previousStep,
  type StepProgress,
  stepProgress,
  stepQuestions,
} from "./eligibility.js";
export { CHECKED, PROFILE_FIELDS, RECORD_FIELDS } from "./fields.js";
export {
  isWebUrl,
  type ProfileParseOptions,
  type ProfileSubmission,
  parseProfileSubmission,
} from "./profile.js";
export {
  liuStartDay,
  parseRecordSubmission,
  type RecordParseOptions,
  type RecordSubmission,
} from "./record.js";
export type { ViewStateValues } from "./state.js";
