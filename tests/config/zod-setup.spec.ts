import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "../../components/config/zod";
import "../../components/config/schema";

/*
 * components/config/zod.ts sets zod's jitless mode, which zod reads when an object schema is
 * built. It holds only if no program module builds a schema from "zod" directly.
 */
const ROOT = path.resolve(__dirname, "..", "..");

function programFiles(dir: string): string[] {
    return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) return programFiles(rel);
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [rel] : [];
    });
}

describe("zod through components/config/zod.ts", () => {
    it("no program module imports zod's values but that one (type-only imports are fine)", () => {
        const direct = ["components", "providers", "policy", "tools"].flatMap(programFiles)
            .filter((f) => f !== path.join("components", "config", "zod.ts"))
            .filter((f) => /^import (?!type\b)[^;]*from "zod(\/[^"]*)?";|require\("zod(\/[^"]*)?"\)/m.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
        assert.deepStrictEqual(direct, [], "import { z } from components/config/zod.ts instead");
    });

    it("the config schema is built jitless", () => {
        assert.strictEqual(z.config().jitless, true);
    });
});
