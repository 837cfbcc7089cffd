/**
 * The fake Slack Web API of the tests: the sandbox's Slack emulator (src/sandbox/slack-emulator.ts) under the names
 * the tests use.
 */
import {
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from "../../src/sandbox/slack-emulator.js";

export {
  DEFAULT_IDS as FAKE_IDS,
  EMULATOR_DEFAULTS as FAKE_SLACK_DEFAULTS,
  type EmulatorCall as FakeSlackCall,
  type EmulatorChannel as FakeChannel,
  type EmulatorFault as FakeSlackFault,
  type EmulatorMessage as FakeSlackMessage,
  type EmulatorUser as FakeUser,
  type IssueTriggerOptions,
  type SlackEmulator as FakeSlack,
  type SlackEmulatorOptions as FakeSlackOptions,
} from "../../src/sandbox/slack-emulator.js";

/** Starts the emulator on a loopback port; its own error messages start with "fake Slack:". */
export function startFakeSlack(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  return startSlackEmulator({ label: "fake Slack", ...options });
}
