import { auditSection } from "./audit";
import { cacheSection } from "./cache";
import { computeSection } from "./compute";
import { databaseSection } from "./database";
import { drSection } from "./dr";
import { jobsSection } from "./jobs";
import { kubernetesSection } from "./kubernetes";
import { loadBalancerSection } from "./load-balancer";
import { monitoringSection } from "./monitoring";
import { networkSection } from "./network";
import { objectStoreSection } from "./object-store";
import { servicesSection } from "./services";

/**
 * The platform's own config sections, one line each (sections/section.ts says what a section is);
 * the program's list is these, then the settings of the catalog's components (components/program-config.ts).
 * The order is the raw schema's key order, so the order of its messages, the order a section is
 * resolved in (a section reads only those above it: services and jobs read `compute`), and
 * the order of the README's config reference rows.
 */
export const CONFIG_SECTIONS = [
    networkSection,
    databaseSection,
    cacheSection,
    objectStoreSection,
    loadBalancerSection,
    computeSection,
    auditSection,
    kubernetesSection,
    drSection,
    monitoringSection,
    servicesSection,
    jobsSection,
] as const;

export type ConfigSections = typeof CONFIG_SECTIONS;

export * from "./section";
export { networkSection, databaseSection, cacheSection, objectStoreSection, loadBalancerSection, computeSection, auditSection, kubernetesSection, drSection, monitoringSection, servicesSection, jobsSection };
