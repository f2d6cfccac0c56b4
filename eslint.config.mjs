import path from "node:path";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const ROOT = import.meta.dirname;

const DB = ["@/db", "@/db/*", "**/db", "**/db/*"];
const SERVICES = ["@/lib/services", "@/lib/services/*", "**/lib/services", "**/lib/services/*", "**/services/*"];

/** Server-only layers that a `"use client"` module must never pull into the browser bundle. */
const SERVER_ONLY = /(^|\/)(db|lib\/services)(\/|$)|^@\/(db|lib\/services)(\/|$)/;

/** Layers that some folders must not reach, by where the import resolves (relative paths and the `@/` alias alike). */
const BOUNDARIES = [
  { from: "lib/schemas/", to: "db", message: "lib/schemas holds client-safe contracts: it may not import db/ (declare the shape in the schema)." },
  { from: "lib/adapters/", to: "lib/services", message: "lib/adapters are reached by operations, never the other way: no lib/services here." },
  { from: "", to: "scripts", except: "scripts/", message: "scripts/ holds entry points (the CLI, dev helpers): import the code they use from lib/, not from scripts/." },
];

/** The repository-relative path an import specifier points at, or null for a package. */
function resolveSpecifier(specifier, filename) {
  let target;
  if (specifier.startsWith("@/")) target = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(filename), specifier);
  else return null;
  return path.relative(ROOT, target).split(path.sep).join("/");
}

const within = (file, folder) => folder === "" || file === folder || file.startsWith(folder.endsWith("/") ? folder : `${folder}/`);

const LEVEL_NAMES = new Set(["MEMBER", "ADMIN", "OWNER"]);
const LEVEL_NUMBERS = new Set([1, 8, 15]);
const COMPARISONS = new Set(["<", "<=", ">", ">=", "===", "!==", "==", "!="]);

/** Looks through `x as T`, `x!`, `a?.b` and `x ?? fallback` to the expression that carries the name. */
function unwrap(node) {
  if (node.type === "TSAsExpression" || node.type === "TSNonNullExpression" || node.type === "TSSatisfiesExpression") return unwrap(node.expression);
  if (node.type === "ChainExpression") return unwrap(node.expression);
  if (node.type === "LogicalExpression" && node.operator === "??") return unwrap(node.left);
  return node;
}

function nameOf(node) {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") return node.property.name;
  return null;
}

const isLevelConstant = (node) => LEVEL_NAMES.has(nameOf(unwrap(node)) ?? "");
const isLevelValue = (node) => /[lL]evel$/.test(nameOf(unwrap(node)) ?? "");
const isLevelNumber = (node) => node.type === "Literal" && LEVEL_NUMBERS.has(node.value);

const orgdeck = {
  rules: {
    "no-level-comparison": {
      meta: {
        type: "problem",
        messages: {
          compared:
            "Do not compare membership levels here: ask levelGrants(level, permission) from lib/auth/permissions.ts, or a rule function of lib/auth/rules.ts (which the operations call too).",
        },
      },
      create(context) {
        return {
          BinaryExpression(node) {
            if (!COMPARISONS.has(node.operator)) return;
            const { left, right } = node;
            const constant = isLevelConstant(left) || isLevelConstant(right);
            const literal = (isLevelValue(left) && isLevelNumber(right)) || (isLevelValue(right) && isLevelNumber(left));
            if (constant || literal) context.report({ node, messageId: "compared" });
          },
        };
      },
    },
    "layer-imports": {
      meta: {
        type: "problem",
        schema: [{ type: "object", properties: { allow: { type: "array", items: { type: "string" } } }, additionalProperties: false }],
        messages: { banned: "{{message}} ({{source}})" },
      },
      create(context) {
        const file = path.relative(ROOT, context.filename).split(path.sep).join("/");
        const allow = context.options[0]?.allow ?? [];
        const rules = BOUNDARIES.filter((b) => within(file, b.from) && !(b.except && within(file, b.except)));
        if (rules.length === 0) return {};
        function check(node, source) {
          if (source?.type !== "Literal" || typeof source.value !== "string") return;
          const target = resolveSpecifier(source.value, context.filename);
          if (target === null || allow.some((a) => within(target, a))) return;
          const broken = rules.find((b) => within(target, b.to));
          if (broken) context.report({ node, messageId: "banned", data: { message: broken.message, source: source.value } });
        }
        return {
          ImportDeclaration: (node) => check(node, node.source),
          ExportNamedDeclaration: (node) => check(node, node.source),
          ExportAllDeclaration: (node) => check(node, node.source),
          ImportExpression: (node) => check(node, node.source),
        };
      },
    },
    "no-server-imports-in-client": {
      meta: { type: "problem", messages: { banned: '"use client" modules must not import {{source}} (db/ and lib/services stay on the server).' } },
      create(context) {
        let isClient = false;
        return {
          Program(node) {
            isClient = node.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");
          },
          ImportDeclaration(node) {
            if (isClient && SERVER_ONLY.test(node.source.value)) {
              context.report({ node, messageId: "banned", data: { source: node.source.value } });
            }
          },
        };
      },
    },
  },
};

const config = [
  { ignores: [".next/**", "node_modules/**", "bench/ceiling/.next/**", "bench/results/**", "next-env.d.ts", "db/migrations/**"] },
  ...nextVitals,
  ...nextTs,
  {
    plugins: { orgdeck },
    rules: {
      "orgdeck/no-server-imports-in-client": "error",
      "orgdeck/layer-imports": "error",
      "orgdeck/no-level-comparison": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Levels are compared where the permission tables and rules live and in the operations that enforce them; the
    // black-box specs and the benchmarks' raw-SQL baseline check wire values (`level === 15`), not what a level may do.
    files: ["lib/auth/**", "lib/services/**", "e2e/**", "bench/**"],
    rules: { "orgdeck/no-level-comparison": "off" },
  },
  {
    // The bundled identity provider lives in scripts/dev-idp and the server starts it in-process.
    files: ["lib/server/startup.ts"],
    rules: { "orgdeck/layer-imports": ["error", { allow: ["scripts/dev-idp"] }] },
  },
  {
    files: ["app/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: DB, message: "app/ reaches the database only through lib/services operations." }] }],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: [...DB, ...SERVICES], message: "components/ are client-safe: no db/ and no lib/services." }] },
      ],
    },
  },
];

export default config;
