// Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy next to each file given, for the host to serve
// precompressed (Hosting/StaticAssets.cs). Run by the bot project's build when the Web Chat widget changes.
// usage: node precompress.mjs <file>...
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}
