export * from "./schema";
export * from "./tiers";
export * from "./errors";
export * from "./resolve";
export * from "./read";
export * from "./disaster-recovery";
