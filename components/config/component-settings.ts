/**
 * The resolved config of each component that brings its own config section (its catalog entry's
 * `settings`, components/definition.ts), by the section's key. The component's file adds its
 * field (`declare module "./config/component-settings" { interface ComponentSettings { queue: QueueConfig } }`),
 * so `PlatformConfig` has it without the config layer importing the component.
 */
export interface ComponentSettings {}
