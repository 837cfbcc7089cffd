/** The `/ismap` subcommands; each has an English and a Japanese word (plus a few natural variants). */
export const SUBCOMMANDS = {
  help: ["help", "ヘルプ", "使い方"],
  check: ["check", "判定", "チェック"],
  audits: ["audits", "audit", "監査"],
  special: ["special", "特別措置"],
  profile: ["profile", "プロファイル", "プロフィール"],
  record: ["record", "記録"],
  plan: ["plan", "計画"],
  status: ["status", "状況", "ステータス"],
  ask: ["ask", "質問"],
  lang: ["lang", "language", "言語"],
  remind: ["remind", "reminders", "リマインダー", "リマインド"],
  about: ["about", "情報", "このアプリについて"],
  export: ["export", "エクスポート", "書き出し", "出力"],
  import: ["import", "インポート", "取り込み", "取込"],
} as const satisfies Record<string, readonly string[]>;

export type Subcommand = keyof typeof SUBCOMMANDS;

/** Second words of `/ismap profile …`. */
export const PROFILE_ACTIONS = {
  edit: ["edit", "編集"],
  show: ["show", "表示"],
  history: ["history", "履歴"],
} as const satisfies Record<string, readonly string[]>;
export type ProfileAction = keyof typeof PROFILE_ACTIONS;

/** Second words of `/ismap remind …`. */
export const REMIND_ACTIONS = {
  settings: ["settings", "設定"],
  list: ["list", "一覧"],
} as const satisfies Record<string, readonly string[]>;
export type RemindAction = keyof typeof REMIND_ACTIONS;

export type ParsedCommand =
  | { kind: "subcommand"; name: Exclude<Subcommand, "profile" | "remind">; args: string }
  | { kind: "subcommand"; name: "profile"; action: ProfileAction; args: string }
  | { kind: "subcommand"; name: "remind"; action: RemindAction; args: string }
  | { kind: "unknown"; word: string };

const MAX_INPUT = 4000;

/** Normalises what a person typed: full-width letters, digits and spaces become ASCII; control characters go. */
export function normalizeInput(text: string): string {
  return (
    text
      .slice(0, MAX_INPUT)
      .normalize("NFKC")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function lookup<T extends string>(table: Record<T, readonly string[]>, word: string): T | undefined {
  const lower = word.toLowerCase();
  for (const [name, words] of Object.entries(table) as [T, readonly string[]][]) {
    if (words.some((w) => w.toLowerCase() === lower)) return name;
  }
  return undefined;
}

/** Parses the text after `/ismap`. An empty text means help; an unknown first word is reported as unknown. */
export function parseCommand(text: string): ParsedCommand {
  const normalized = normalizeInput(text);
  if (normalized === "") return { kind: "subcommand", name: "help", args: "" };
  const [first = "", ...rest] = normalized.split(" ");
  const name = lookup(SUBCOMMANDS, first);
  if (!name) return { kind: "unknown", word: first.slice(0, 40) };
  if (name === "profile" || name === "remind") {
    const table: Record<string, readonly string[]> = name === "profile" ? PROFILE_ACTIONS : REMIND_ACTIONS;
    const action = rest[0] ? lookup(table, rest[0]) : undefined;
    if (rest[0] && !action) return { kind: "unknown", word: `${first} ${rest[0].slice(0, 40)}` };
    const args = rest.slice(action ? 1 : 0).join(" ");
    return name === "profile"
      ? { kind: "subcommand", name, action: (action ?? "edit") as ProfileAction, args }
      : { kind: "subcommand", name, action: (action ?? "settings") as RemindAction, args };
  }
  return { kind: "subcommand", name, args: rest.join(" ") };
}
