/**
 * The sandbox page's Block Kit renderer: one function per block type (BLOCKS) and per element type (ELEMENTS), the
 * text objects (plain_text, mrkdwn) and the state of input blocks as Slack sends it (`view.state.values`).
 * Anything else is drawn as a visible "unsupported: <type>" box, never silently dropped.
 *
 * No framework, no bundler: plain ES modules under blockkit/, entered here. The render context (see createContext)
 * carries what the renderer cannot know: the workspace's people and channels, the page's strings, and the callbacks
 * that turn a click into a block_actions request or a search into a block_suggestion request. Imports are relative
 * so that Node can load this module too (test/dev/sandbox/mrkdwn.test.ts).
 */
export { BLOCKS, renderBlock, renderBlocks } from "./blockkit/blocks.js";
export { confirmDialog, createContext } from "./blockkit/context.js";
export { escapeHtml, unsupported } from "./blockkit/dom.js";
export { ELEMENTS, renderElement } from "./blockkit/elements.js";
export { collectState } from "./blockkit/state.js";
export { mrkdwnToHtml, plainTextHtml, renderText } from "./blockkit/text.js";
