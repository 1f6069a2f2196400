// Issue 16: the build compresses the app's files once (brotli at its best
// quality, and gzip for clients without brotli), next to each file under
// assets/ as NAME.br and NAME.gz. The server sends them as they are when the
// browser accepts them (src/http/api_server.cc), instead of compressing the
// bundle again on every request, which made a cold first load take ~2 s.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

// Text files worth compressing; images are compressed already.
const kCompressible = /\.(js|css|svg|json|webmanifest|txt|html)$/;
// Smaller files gain less than a packet.
const kMinimumBytes = 1024;

export function precompress(): Plugin {
  let assets = "";
  return {
    name: "vinculo-precompress",
    apply: "build",
    configResolved(config) {
      assets = join(config.root, config.build.outDir, config.build.assetsDir);
    },
    // After every file is written (the worker's list of files is made
    // before, so the compressed copies are not cached twice offline).
    closeBundle() {
      for (const name of readdirSync(assets)) {
        if (!kCompressible.test(name)) continue;
        const source = readFileSync(join(assets, name));
        if (source.length < kMinimumBytes) continue;
        const brotli = brotliCompressSync(source, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        });
        writeFileSync(join(assets, name + ".br"), brotli);
        writeFileSync(join(assets, name + ".gz"), gzipSync(source, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}
