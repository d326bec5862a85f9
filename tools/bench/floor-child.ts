// The floor: a process that only loads the modules a stack's plan loads from @pulumi/*
// (the SDK and the cloud packages), in the same order, and nothing of the program.
const started = process.hrtime.bigint();
import * as fs from "fs";
// As a plan does (tools/engine/run-plan.ts): npm's arborist and TypeScript stay unloaded, so the SDK's load is the same on both sides.
import "../engine/lazy-sdk-modules";

for (const file of JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as string[]) require(file);
process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6, maxRssKb: process.resourceUsage().maxRSS }));
