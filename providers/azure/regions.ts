/**
 * Azure public-cloud locations that host resources (`az account list-locations --query
 * "[?metadata.regionType=='Physical'].name"`; https://learn.microsoft.com/azure/reliability/regions-list).
 * Logical-only names (`eastasiastage`, `centraluseuap`, ...) are left out: resources cannot be
 * created there. A plain list, so config validation can check `platform:azure.location`
 * without loading the Azure SDK.
 */
export const AZURE_LOCATIONS = [
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast",
    "austriaeast", "belgiumcentral", "brazilsouth", "brazilsoutheast",
    "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral",
    "eastasia", "eastus", "eastus2", "francecentral", "francesouth",
    "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
    "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth",
    "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope",
    "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
    "southafricanorth", "southafricawest", "southcentralus", "southeastasia", "southindia",
    "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest",
    "uaecentral", "uaenorth", "uksouth", "ukwest",
    "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
] as const;
