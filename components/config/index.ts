export * from "./schema";
export * from "./tiers";
export * from "./errors";
export * from "./secrets";
export * from "./keys";
export * from "./resolve";
export * from "./read";
export * from "./reserved-names";
