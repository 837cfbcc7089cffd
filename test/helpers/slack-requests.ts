/** The signed request builders of the tests: the sandbox's (src/sandbox/slack-requests.ts). */
export * from "../../src/sandbox/slack-requests.js";
