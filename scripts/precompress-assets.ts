import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { gzipAsync } from "@gfx/zopfli";
import type { Plugin } from "vite";

const brotli = promisify(zlib.brotliCompress);

/**
 * Writes `.gz` (zopfli) and `.br` (brotli quality 11) beside every JavaScript and CSS file of the
 * client build. The files never change after the build, so they are compressed once, as tightly as
 * the formats allow, instead of on every request at the fast levels a server can afford
 * (scripts/serve.js sends them; bench/changes.md has the sizes).
 */
export function precompressAssets(): Plugin {
  let ssr = false;
  return {
    name: "trag:precompress-assets",
    apply: "build",
    configResolved(config) {
      ssr = Boolean(config.build.ssr);
    },
    async writeBundle(options, bundle) {
      if (ssr || !options.dir) return;
      const dir = options.dir;
      const files = Object.keys(bundle).filter((file) => /\.(js|css)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const source = await fs.readFile(path.join(dir, file));
          const [gzip, br] = await Promise.all([
            gzipAsync(source, { numiterations: 15 }),
            brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
          ]);
          await fs.writeFile(path.join(dir, `${file}.gz`), gzip);
          await fs.writeFile(path.join(dir, `${file}.br`), br);
        }),
      );
    },
  };
}
