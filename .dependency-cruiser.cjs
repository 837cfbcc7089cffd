/**
 * The dependency rule: which folders of src/ may import which. Checked by `npm run check` and .ci/run
 * (`depcruise src --config .dependency-cruiser.cjs`). Layers, lowest first; a module may import its own layer or a
 * lower one, never a higher one. The sandbox lives in dev/, outside src/.
 */
const LAYERS = [
  { name: "lib", paths: ["src/lib/", "src/store/", "src/config\\.ts$"] },
  { name: "i18n", paths: ["src/i18n/"] },
  { name: "rules", paths: ["src/rules/"] },
  { name: "domain", paths: ["src/profile/", "src/reminders/"] },
  { name: "repositories", paths: ["src/records/", "src/feedback/"] },
  {
    name: "slack-surfaces",
    paths: [
      "src/slack/contract/",
      "src/slack/blockkit/",
      "src/slack/views/",
      "src/slack/forms/",
      "src/slack/assistant/",
    ],
  },
  { name: "slack-runtime", paths: ["src/slack/runtime/"] },
  { name: "slack-flows", paths: ["src/slack/flows/", "src/slack/steps/"] },
  { name: "slack-listeners", paths: ["src/slack/listeners/"] },
  { name: "jobs", paths: ["src/jobs/", "src/ops/"] },
  { name: "app", paths: ["src/app\\.ts$"] },
  { name: "index", paths: ["src/index\\.ts$"] },
];

const pathOf = (layer) => `^(${layer.paths.join("|")})`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} may import only ${LAYERS.slice(0, i + 1)
    .map((l) => l.name)
    .join(", ")}`,
  severity: "error",
  from: { path: pathOf(layer) },
  to: { path: LAYERS.slice(i + 1).map(pathOf) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module reaches itself through its imports.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "src-not-dev-or-test",
      comment: "What ships never imports development tools or tests.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(dev|test|bench)/" },
    },
    {
      name: "forms-not-views",
      comment:
        "Forms read submitted values; the shared ids and modal metadata live in slack/contract, not in views.",
      severity: "error",
      from: { path: "^src/slack/forms/" },
      to: { path: "^src/slack/views/" },
    },
    {
      name: "contract-stands-alone",
      comment: "slack/contract holds ids and metadata that views and forms share: it imports neither.",
      severity: "error",
      from: { path: "^src/slack/contract/" },
      to: { path: "^src/slack/(views|forms|assistant)/" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
