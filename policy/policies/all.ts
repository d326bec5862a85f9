/** Every policy by its export name (for tests and docs); the pack itself is `policies` in ./index. */
export * from "./backup-retention";
export * from "./deletion-protection";
export * from "./edge-protection";
export * from "./disaster-recovery";
export * from "./encryption-at-rest";
export * from "./encryption-in-transit";
export * from "./high-availability";
export * from "./kubernetes";
export * from "./logging";
export * from "./monitoring";
export * from "./network-security";
export * from "./plain-secret-env";
export * from "./public-access";
export * from "./supply-chain";
