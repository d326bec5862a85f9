"use strict";
// The directory where the workers of one `npm test` run share their plans
// (tests/support/shared-plans.ts). Mocha runs global fixtures in its main process only, before
// it starts the workers, which inherit the environment: so every worker of the run, and only
// they, see this run's directory. .mocharc.parallel.js requires this file.
const fs = require("fs");
const os = require("os");
const path = require("path");

const ENV = "PLATFORM_SHARED_PLANS";
let made;

exports.mochaGlobalSetup = function () {
    made = fs.mkdtempSync(path.join(os.tmpdir(), "shared-plans-"));
    process.env[ENV] = made;
};

exports.mochaGlobalTeardown = function () {
    if (made) fs.rmSync(made, { recursive: true, force: true });
    made = undefined;
};
