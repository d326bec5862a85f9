"use strict";
// Preloaded into StrykerJS and its test-runner workers by tools/mutate.ts (NODE_OPTIONS).
// @stryker-mutator/mocha-runner 10.1.1 requires Mocha's cli internals without an extension
// (`mocha/lib/cli/run-helpers`); Mocha 12 ships them as `.cjs`, which Node's extensionless
// lookup does not try, so the plugin fails to load. Teaching the CommonJS loader the `.cjs`
// extension makes the lookup find them. Upstream fix: stryker-js pull request #6205.
const Module = require("module");
if (!Module._extensions[".cjs"]) Module._extensions[".cjs"] = Module._extensions[".js"];
