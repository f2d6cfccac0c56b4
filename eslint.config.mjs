import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const DB = ["@/db", "@/db/*", "**/db", "**/db/*"];
const SERVICES = ["@/lib/services", "@/lib/services/*", "**/lib/services", "**/lib/services/*", "**/services/*"];

/** Server-only layers that a `"use client"` module must never pull into the browser bundle. */
const SERVER_ONLY = /(^|\/)(db|lib\/services)(\/|$)|^@\/(db|lib\/services)(\/|$)/;

const orgdeck = {
  rules: {
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
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
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
