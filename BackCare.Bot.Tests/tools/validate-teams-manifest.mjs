// Validates a Teams app manifest against the Teams JSON schema of its manifestVersion, offline: the schemas
// ship inside the @microsoft/app-manifest npm package. Prints one error per line; exits 1 when invalid.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ManifestUtil } = require('@microsoft/app-manifest');

const manifestPath = process.argv[2];
if (!manifestPath) {
  console.error('usage: node validate-teams-manifest.mjs <manifest.json>');
  process.exit(2);
}

const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
const packageRoot = dirname(require.resolve('@microsoft/app-manifest/package.json'));
const schemaPath = join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
const schema = JSON.parse(await readFile(schemaPath, 'utf8'));

const errors = await ManifestUtil.validateManifestAgainstSchema(manifest, schema);
for (const error of errors) {
  console.log(error);
}
console.log(errors.length === 0 ? `valid against Teams schema v${manifest.manifestVersion}` : `${errors.length} schema errors`);
process.exit(errors.length === 0 ? 0 : 1);
