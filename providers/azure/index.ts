import type { CloudModule } from "../../components/cloud";

export const sdkPackages: CloudModule["sdkPackages"] = [];

export const createCloud: CloudModule["createCloud"] = () => {
    throw new Error("platform:cloud = \"azure\": the azure implementation is not available yet; allowed today: aws");
};
