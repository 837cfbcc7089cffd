/**
 * CI check of the deployment files, without Docker: the Dockerfile parses (dockerfile-ast) and has the shape the
 * README promises (multi-stage, production install with `npm ci --omit=dev`, the build, a non-root user, a
 * HEALTHCHECK on /healthz, `node dist/index.js`); compose.yaml parses (yaml) and runs the app with Redis with AOF
 * on; and the production install really runs the app: package files + dist + rules + locales copied to a temporary
 * folder, `npm ci --omit=dev` there (from the npm cache when it can; see below for better-sqlite3's binding), `node dist/index.js` started against a
 * minimal fake Slack (auth.test only), /healthz and /readyz asked, then SIGTERM and a clean exit.
 * Run after `npm run build`: `node .ci/check-deploy.mjs`.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { parse } from "yaml";

const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
};

// ---------------------------------------------------------------- Dockerfile
const dockerfile = DockerfileParser.parse(readFileSync("Dockerfile", "utf8"));
const instructions = dockerfile.getInstructions();
const froms = dockerfile.getFROMs();
check(froms.length >= 2, "Dockerfile: multi-stage (at least two FROM)");
const lastFrom = instructions.lastIndexOf(froms.at(-1));
const finalStage = instructions.slice(lastFrom);
const args = (instruction) => instruction.getArgumentsContent() ?? "";
const keyword = (instruction) => instruction.getKeyword().toUpperCase();
const runs = instructions.filter((i) => keyword(i) === "RUN").map(args);
check(
  runs.some((r) => /npm ci\b.*--omit=dev/.test(r)),
  "Dockerfile: production dependencies with npm ci --omit=dev",
);
check(
  runs.some((r) => /npm run build\b/.test(r)),
  "Dockerfile: the build (npm run build)",
);
const user = finalStage
  .filter((i) => keyword(i) === "USER")
  .map(args)
  .at(-1);
check(
  user !== undefined && !/^(root|0)(:|$)/.test(user),
  "Dockerfile: the final stage runs as a non-root USER",
);
const healthcheck = finalStage.find((i) => keyword(i) === "HEALTHCHECK");
check(
  healthcheck !== undefined && /\/healthz/.test(args(healthcheck)),
  "Dockerfile: HEALTHCHECK on /healthz",
);
const cmd = finalStage.filter((i) => keyword(i) === "CMD").at(-1);
check(
  cmd !== undefined &&
    cmd
      .getJSONStrings()
      .map((s) => s.getJSONValue())
      .join(" ") === "node dist/index.js",
  'Dockerfile: CMD ["node", "dist/index.js"]',
);
for (const copy of instructions.filter(
  (i) => keyword(i) === "COPY" && !i.getFlags().some((flag) => flag.getName() === "from"),
)) {
  const sources = args(copy)
    .split(/\s+/)
    .filter((word) => word !== "" && !word.startsWith("--"))
    .slice(0, -1);
  for (const source of sources) check(existsSync(source), `Dockerfile: COPY source ${source} exists`);
}

// ---------------------------------------------------------------- compose.yaml
const compose = parse(readFileSync("compose.yaml", "utf8"));
const app = compose?.services?.app;
const redis = compose?.services?.redis;
check(app?.build !== undefined, "compose.yaml: services.app builds the Dockerfile");
check(
  /^redis:\/\/redis(:\d+)?/.test(String(app?.environment?.STORE_URL ?? "")),
  "compose.yaml: app STORE_URL=redis://redis…",
);
check(
  Object.keys(app?.depends_on ?? {}).includes("redis") ||
    (Array.isArray(app?.depends_on) && app.depends_on.includes("redis")),
  "compose.yaml: app depends on redis",
);
const redisCommand = Array.isArray(redis?.command) ? redis.command.join(" ") : String(redis?.command ?? "");
check(/--appendonly\s+yes/.test(redisCommand), "compose.yaml: redis with --appendonly yes (AOF)");
check(
  (redis?.volumes ?? []).some((v) => String(v).endsWith(":/data")),
  "compose.yaml: redis keeps /data on a volume",
);

if (failures.length > 0) {
  console.error(`deployment files:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("Dockerfile and compose.yaml: parsed, shape as documented");

// ---------------------------------------------------------------- production install runs the app
if (!existsSync("dist/index.js")) {
  console.error("dist/index.js is missing: run npm run build first");
  process.exit(1);
}
const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), "ismap-deploy-"));
for (const path of ["package.json", "package-lock.json", "dist", "rules", "locales"]) {
  cpSync(path, join(dir, path), { recursive: true });
}
// Install scripts are skipped and better-sqlite3's native binding is taken from this checkout's own install (same
// machine, same Node ABI): where no prebuilt binary can be downloaded, it compiles from source, minutes of CPU a run.
// The Docker build runs the scripts.
const install = spawnSync(
  "npm",
  ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
  { cwd: dir, stdio: "inherit" },
);
if (install.status !== 0) {
  console.error("npm ci --omit=dev failed in the production copy");
  process.exit(1);
}
const binding = "node_modules/better-sqlite3/build/Release/better_sqlite3.node";
if (!existsSync(binding)) {
  console.error(`${binding} is missing: run npm ci first`);
  process.exit(1);
}
cpSync(binding, join(dir, binding));
const installedMs = Date.now() - started;

// Slack's Web API as far as a start needs it: auth.test for the bot token.
const slack = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify(
      req.url?.endsWith("/auth.test")
        ? { ok: true, team_id: "T0DEPLOY1", user_id: "U0DEPLOYBOT", bot_id: "B0DEPLOY1", team: "ci" }
        : { ok: false, error: "unknown_method" },
    ),
  );
});
await new Promise((resolve) => slack.listen(0, "127.0.0.1", resolve));
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const child = spawn(process.execPath, ["dist/index.js"], {
  cwd: dir,
  env: {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    SLACK_BOT_TOKEN: "xoxb-deploy-check",
    SLACK_SIGNING_SECRET: "deploy-check",
    SLACK_API_URL: `http://127.0.0.1:${slack.address().port}/api/`,
    PORT: String(port),
    STORE_URL: `sqlite://${join(dir, "data", "ismap.sqlite")}`,
  },
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
child.stdout.on("data", (d) => {
  output += d;
});
child.stderr.on("data", (d) => {
  output += d;
});
const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));

async function status(path) {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) })).status;
  } catch {
    return 0;
  }
}
let health = 0;
for (let i = 0; i < 100 && health !== 200 && child.exitCode === null; i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  health = await status("/healthz");
}
const ready = await status("/readyz");
child.kill("SIGTERM");
const code = await exited;
slack.close();
rmSync(dir, { recursive: true, force: true });
const jsonLines = output
  .trim()
  .split("\n")
  .every((line) => {
    try {
      return typeof JSON.parse(line).msg === "string";
    } catch {
      return false;
    }
  });
if (health !== 200 || ready !== 200 || code !== 0 || !jsonLines) {
  console.error(
    `production install: /healthz ${health}, /readyz ${ready}, exit ${code}, JSON log lines ${jsonLines}\n${output}`,
  );
  process.exit(1);
}
console.log(
  `production install: npm ci --omit=dev in ${installedMs} ms; node dist/index.js answered /healthz and /readyz 200, stopped cleanly (${Date.now() - started} ms in all)`,
);
