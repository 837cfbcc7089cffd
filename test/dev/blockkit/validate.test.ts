/** Block Kit validator: the surfaces (message, modal, Home), and how problems are reported and thrown. The other
 * checks are tested per module: primitives, blocks, elements, composition.test.ts. */
import { describe, expect, it } from "vitest";
import {
  assertValidSurface,
  BlockKitValidationError,
  type Surface,
  toSlackErrorMessages,
  validateSurface,
} from "../../../dev/blockkit/validate.js";
import {
  actions,
  button,
  type Case,
  describeCases,
  divider,
  dividers,
  found,
  home,
  input,
  message,
  modal,
  mrkdwn,
  type Obj,
  option,
  plain,
  section,
  x,
} from "./builders.js";

const surfaceCases: Case[] = [
  {
    name: "message holds at most 50 blocks",
    valid: message(dividers(50)),
    invalid: message(dividers(51)),
    expected: [["blocks", "max_items"]],
  },
  {
    name: "modal holds at most 100 blocks",
    valid: modal(dividers(100)),
    invalid: modal(dividers(101)),
    expected: [["blocks", "max_items"]],
  },
  {
    name: "home holds at most 100 blocks",
    valid: home(dividers(100)),
    invalid: home(dividers(101)),
    expected: [["blocks", "max_items"]],
  },
  {
    name: "views need blocks",
    valid: home([]),
    invalid: { type: "home" },
    expected: [["blocks", "required"]],
  },
  {
    name: "blocks must be an array",
    valid: home([divider]),
    invalid: home([], { blocks: "nope" }),
    expected: [["blocks", "type"]],
  },
  {
    name: "modal title is at most 24 characters",
    valid: modal([], { title: plain(x(24)) }),
    invalid: modal([], { title: plain(x(25)) }),
    expected: [["title.text", "max_length"]],
  },
  {
    name: "modal title is required",
    valid: modal([]),
    invalid: modal([], { title: undefined }),
    expected: [["title", "required"]],
  },
  {
    name: "modal title is plain_text",
    valid: modal([], { title: plain("Title") }),
    invalid: modal([], { title: mrkdwn("Title") }),
    expected: [["title.type", "plain_text_only"]],
  },
  {
    name: "modal submit is at most 24 characters",
    valid: modal([], { submit: plain(x(24)) }),
    invalid: modal([], { submit: plain(x(25)) }),
    expected: [["submit.text", "max_length"]],
  },
  {
    name: "modal close is at most 24 characters",
    valid: modal([], { close: plain(x(24)) }),
    invalid: modal([], { close: plain(x(25)) }),
    expected: [["close.text", "max_length"]],
  },
  {
    name: "callback_id is at most 255 characters",
    valid: modal([], { callback_id: x(255) }),
    invalid: modal([], { callback_id: x(256) }),
    expected: [["callback_id", "max_length"]],
  },
  {
    name: "private_metadata is at most 3000 characters",
    valid: home([], { private_metadata: x(3000) }),
    invalid: home([], { private_metadata: x(3001) }),
    expected: [["private_metadata", "max_length"]],
  },
  {
    name: "external_id is at most 255 characters",
    valid: modal([], { external_id: x(255) }),
    invalid: modal([], { external_id: x(256) }),
    expected: [["external_id", "max_length"]],
  },
  {
    name: "a modal with an input block needs submit",
    valid: modal([input({ type: "plain_text_input", action_id: "a" })]),
    invalid: modal([input({ type: "plain_text_input", action_id: "a" })], { submit: undefined }),
    expected: [["submit", "submit_required"]],
  },
  {
    name: "message text fallback is at most 40000 characters",
    valid: message([], { text: x(40_000) }),
    invalid: message([], { text: x(40_001) }),
    expected: [["text", "max_length"]],
  },
  {
    name: "a message needs text or blocks",
    valid: { type: "message", blocks: [divider] },
    invalid: { type: "message" },
    expected: [["text", "required"]],
  },
  {
    name: "surface type is message, modal or home",
    valid: home([]),
    invalid: { type: "workflow_step" } as unknown as Surface,
    expected: [["type", "one_of"]],
  },
];

describe("validateSurface", () => {
  describeCases("surfaces", surfaceCases);

  it("allows input blocks in messages and Home tabs (docs list input for all three surfaces)", () => {
    const element = { type: "plain_text_input", action_id: "q", dispatch_action_config: {} };
    expect(found(message([input(element, { dispatch_action: true })]))).toEqual([]);
    expect(found(home([input(element, { dispatch_action: true })]))).toEqual([]);
  });

  it("reports every problem, not just the first", () => {
    const problems = validateSurface(
      modal([{ type: "header", text: plain(x(151)) }, section(x(3001)), actions(button(x(76), "b"))], {
        title: plain(x(25)),
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      "title.text",
      "blocks.0.text.text",
      "blocks.1.text.text",
      "blocks.2.elements.0.text.text",
    ]);
    expect(problems[1]?.message).toContain("151 characters; Slack allows at most 150");
  });

  it("accepts a realistic, large ISMAP-LIU modal", () => {
    const serviceTypes = ["IaaS", "PaaS", "SaaS"].map((t) => option(t, t.toLowerCase()));
    const blocks: Obj[] = [
      { type: "header", text: plain("ISMAP-LIU 対象判定"), block_id: "hdr" },
      section("このウィザードでは、サービスが *ISMAP-LIU* の対象になるかを判定します。", {
        block_id: "intro",
      }),
      {
        type: "context",
        block_id: "src",
        elements: [mrkdwn("出典: ISMAP-LIU 制度規程 (2022)"), mrkdwn("確度: 高")],
      },
      divider,
      input(
        { type: "plain_text_input", action_id: "name", max_length: 200, focus_on_load: true },
        { block_id: "service_name", label: plain("サービス名"), hint: plain("正式名称を入力してください") },
      ),
      input(
        { type: "static_select", action_id: "type", options: serviceTypes, initial_option: serviceTypes[2] },
        { block_id: "service_type", label: plain("サービス種別") },
      ),
      input(
        {
          type: "radio_buttons",
          action_id: "impact",
          options: [
            { text: mrkdwn("*低* — 機密性2情報を扱わない"), value: "low" },
            { text: mrkdwn("*中* — 業務の一部で利用"), value: "mid" },
          ],
        },
        { block_id: "impact", label: plain("影響度") },
      ),
      input(
        {
          type: "checkboxes",
          action_id: "uses",
          options: Array.from({ length: 8 }, (_, i) => ({
            text: plain(`用途 ${i + 1}`),
            value: `use_${i + 1}`,
            description: mrkdwn("説明"),
          })),
        },
        { block_id: "uses", label: plain("用途"), optional: true },
      ),
      input(
        { type: "datepicker", action_id: "since", initial_date: "2025-04-01", placeholder: plain("日付") },
        { block_id: "since", label: plain("提供開始日") },
      ),
      input({ type: "users_select", action_id: "owner" }, { block_id: "owner", label: plain("担当者") }),
      input(
        { type: "conversations_select", action_id: "channel", default_to_current_conversation: true },
        { block_id: "channel", label: plain("通知チャンネル") },
      ),
      input(
        { type: "url_text_input", action_id: "url" },
        { block_id: "url", label: plain("URL"), optional: true },
      ),
      input(
        {
          type: "multi_static_select",
          action_id: "regions",
          option_groups: [
            { label: plain("国内"), options: [option("東京", "tokyo"), option("大阪", "osaka")] },
            { label: plain("海外"), options: [option("シンガポール", "sg")] },
          ],
          max_selected_items: 3,
        },
        { block_id: "regions", label: plain("リージョン") },
      ),
      input(
        { type: "plain_text_input", action_id: "notes", multiline: true, min_length: 0, max_length: 3000 },
        { block_id: "notes", label: plain("備考"), optional: true },
      ),
      section("監査の種類", {
        block_id: "audit",
        fields: Array.from({ length: 10 }, (_, i) => mrkdwn(`*項目 ${i + 1}*\n内容`)),
        accessory: {
          type: "overflow",
          action_id: "audit_more",
          options: [
            option("詳細", "detail"),
            { ...option("制度の文書", "docs"), url: "https://www.ismap.go.jp/" },
          ],
        },
      }),
      actions(
        button("戻る", "back", { value: "step:1" }),
        button("次へ", "next", { style: "primary", value: "step:3" }),
        button("リセット", "reset", {
          style: "danger",
          confirm: {
            title: plain("確認"),
            text: mrkdwn("入力を消去しますか？"),
            confirm: plain("消去"),
            deny: plain("やめる"),
          },
        }),
      ),
      {
        type: "image",
        image_url: "https://example.com/flow.png",
        alt_text: "判定フロー図",
        title: plain("判定フロー"),
      },
      {
        type: "rich_text",
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "以上" }] }],
      },
    ];
    const wizard = modal(blocks, {
      title: plain("ISMAP-LIU 判定"),
      submit: plain("判定する"),
      close: plain("閉じる"),
      callback_id: "eligibility_wizard",
      private_metadata: JSON.stringify({ step: 2, teamId: "T0001", revision: 7 }),
    });
    expect(validateSurface(wizard)).toEqual([]);
    expect(() => assertValidSurface(wizard)).not.toThrow();
  });
});

describe("assertValidSurface", () => {
  it("throws a BlockKitValidationError listing every problem", () => {
    const bad = modal([section(x(3001)), { type: "header", text: mrkdwn("h") }], { title: plain(x(30)) });
    let caught: unknown;
    try {
      assertValidSurface(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlockKitValidationError);
    const error = caught as BlockKitValidationError;
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/^Block Kit modal has 3 problems:/);
    expect(error.message).toContain(
      "title.text: modal title is 30 characters; Slack allows at most 24 (max_length)",
    );
    expect(error.message).toContain("blocks.0.text.text:");
    expect(error.message).toContain("blocks.1.text.type:");
  });

  it("returns quietly for a valid surface", () => {
    expect(() => assertValidSurface(message([section("ok")]))).not.toThrow();
  });
});

describe("toSlackErrorMessages", () => {
  it("formats problems like Slack's invalid_blocks response_metadata", () => {
    const problems = validateSurface(modal([section(x(3001))]));
    expect(toSlackErrorMessages(problems, "/view")).toEqual([
      "[ERROR] section text is 3001 characters; Slack allows at most 3000 [json-pointer:/view/blocks/0/text/text]",
    ]);
  });
});
