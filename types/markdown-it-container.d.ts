// The package ships no types; @types/markdown-it-container targets an older markdown-it.
declare module "markdown-it-container" {
  import type { PluginWithParams } from "markdown-it";
  const container: PluginWithParams;
  export default container;
}
