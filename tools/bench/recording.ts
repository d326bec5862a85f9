import { redact } from "../engine/plan";
import type { RecordedResource } from "../engine/recording-monitor";

/** One registration of a plan, as tools/bench/replay-child.ts re-registers it. */
export interface ReplayResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Provider reference `urn::id`. */
    provider?: string;
    /** The inputs the program sent, redacted as in the plan: secrets as SECRET_MARK (the replay re-wraps them). */
    inputs: Record<string, unknown>;
    /** The aliases the registration carried, as the recording monitor describes them. */
    aliases: string[];
}

export function toReplay(recorded: RecordedResource[]): ReplayResource[] {
    return recorded.map((r) => ({
        urn: r.urn, type: r.type, name: r.name, parent: r.parent, custom: r.custom, provider: r.options.provider,
        inputs: redact(r.rawInputs) as Record<string, unknown>, aliases: r.options.aliases,
    }));
}
