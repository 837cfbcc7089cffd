/** The modal builders (pure: state + context → ModalView) and their private_metadata. */
export type { ViewContext } from "../../contract/modal-context.js";
export {
  EligibilityMetadata,
  encodeMetadata,
  type MetadataCallbackId,
  ModalMetadataError,
  type ModalMetadataErrorReason,
  type ModalMetadataMap,
  ProfileMetadata,
  parseMetadata,
  RECORD_TYPES,
  RecordMetadata,
  RecordType,
} from "../../contract/modal-metadata.js";
export { type EligibilityStepState, eligibilityResultModal, eligibilityStepModal } from "./eligibility.js";
export { loadingModal } from "./loading.js";
export { type ProfileModalOptions, type ProfileModalState, profileModal } from "./profile.js";
export {
  OBJECTIVE_OPTIONS_MAX,
  objectiveOptions,
  type RecordModalState,
  recordAuditModal,
} from "./record.js";
