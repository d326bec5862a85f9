import type { CloudModule } from "../../components/cloud";

export const sdkPackages: CloudModule["sdkPackages"] = [];

export const createCloud: CloudModule["createCloud"] = () => {
    throw new Error("platform:cloud = \"gcp\": the gcp implementation is not available yet; allowed today: aws");
};
