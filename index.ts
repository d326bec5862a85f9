// Entry point for `pulumi up` / `pulumi preview`: everything lives in components/ and providers/.
import { definePlatform } from "./components/program";

export = definePlatform();
