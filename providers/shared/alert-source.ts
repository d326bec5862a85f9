/**
 * The release gate's view of a cloud's alert state (tools/ci/release.ts `bake`): each cloud
 * says, in `providers/<cloud>/release-alerts.ts`, which CLI call tells which of the stack's
 * critical alerts fire now; the gate loads the stack cloud's by the plugin's name.
 */

/** Runs a command and resolves its stdout; rejects with its stderr on a non-zero exit. */
export type Run = (cmd: string, args: string[]) => Promise<string>;

export interface FiringAlert {
    name: string;
    since: string;
}

/** The stack's critical alerts that opened at or after `sinceMs`, read from the cloud's alert state. */
export type AlertSource = (sinceMs: number) => Promise<FiringAlert[]>;

export interface AlertSourceOptions {
    /** The stack's alert names (stack output `alerts`). */
    alerts: string[];
    env: NodeJS.ProcessEnv;
    run: Run;
    fetchJson: (url: string, token: string) => Promise<unknown>;
}

/** What `providers/<cloud>/release-alerts.ts` exports. */
export type AlertSourceFactory = (o: AlertSourceOptions) => AlertSource;

export const openedSince = (since: string | undefined, sinceMs: number) => since !== undefined && Date.parse(since) >= sinceMs;
