import * as pulumi from "@pulumi/pulumi";

/** A type token pinned to one Azure API version: `azure-native:network/v20230501:ApplicationGateway`. */
export const API_VERSION_TOKEN = /^azure-native:[^:/]+\/v\d{8}[a-z]*:/;

/**
 * azure-native gives every resource one type alias per API version it ever shipped (60 on an
 * Application Gateway, 45 on a private endpoint), so a stack that once used a versioned token
 * can move to the default one without a replacement. This program has only ever used the
 * default tokens (tests/azure.spec.ts pins that), so those aliases can never match anything in
 * its state, yet the SDK resolves each one into a URN on every preview and up: about 450 ms of
 * a 1.2 s Azure production plan (`npm run bench`, README "Performance").
 *
 * A `transformations` entry (it runs in-process, inside the resource constructor, before the
 * SDK resolves aliases) that drops exactly those type-only aliases and keeps any other.
 */
export function withoutApiVersionAliases(args: pulumi.ResourceTransformationArgs): pulumi.ResourceTransformationResult {
    if (!args.opts.aliases) return { props: args.props, opts: args.opts };
    const aliases = args.opts.aliases.filter((alias) => !isApiVersionAlias(alias));
    return { props: args.props, opts: { ...args.opts, aliases } };
}

function isApiVersionAlias(alias: pulumi.Input<pulumi.URN | pulumi.Alias>): boolean {
    if (typeof alias !== "object" || alias === null || pulumi.Output.isInstance(alias) || alias instanceof Promise) return false;
    const keys = Object.keys(alias);
    const type = (alias as pulumi.Alias).type;
    return keys.length === 1 && keys[0] === "type" && typeof type === "string" && API_VERSION_TOKEN.test(type);
}
