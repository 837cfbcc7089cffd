/** Kept for src/sandbox until it moves to dev/ (issue 16): the ids live in contract/ids.ts. */
export * from "./contract/ids.js";
