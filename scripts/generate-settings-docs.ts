import { readFileSync, writeFileSync } from 'node:fs';
import { SETTINGS_TABLES } from './settings-docs/settings.catalogue.js';
import { writeSections } from './settings-docs/settings-table.util.js';

/** Rewrites the configuration tables of README.md from the settings catalogue (test/settings-docs.spec.ts checks them). */
const before = readFileSync('README.md', 'utf8');
const after = writeSections(before, SETTINGS_TABLES);
writeFileSync('README.md', after);
process.stdout.write(
  before === after ? 'README.md settings tables are up to date.\n' : 'README.md settings tables rewritten.\n',
);
