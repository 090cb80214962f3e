import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_OVERRIDDEN, SETTINGS_TABLES } from '../scripts/settings-docs/settings.catalogue.js';
import { readSection, renderSettingsTable } from '../scripts/settings-docs/settings-table.util.js';

/** Source files of the deployables and libraries (tests and benchmarks read their own variables). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every variable the code reads: env.NAME, env['NAME'], and the loaders' helper(env, 'NAME', ...). */
function variablesReadByCode(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]+)/g,
    /\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
    /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
  ];
  for (const root of ['apps', 'libs']) {
    for (const dir of readdirSync(root)) {
      const src = join(root, dir, 'src');
      for (const file of (() => {
        try {
          return sourceFiles(src);
        } catch {
          return [];
        }
      })()) {
        const text = readFileSync(file, 'utf8');
        for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.set(m[1], file);
      }
    }
  }
  for (const name of DEMO_OVERRIDDEN) found.set(name, 'apps/cli/src/demo/demo-settings.util.ts');
  return found;
}

const documented = SETTINGS_TABLES.flatMap((t) => t.settings);
const readme = readFileSync('README.md', 'utf8');

describe('README configuration tables', () => {
  it.each(SETTINGS_TABLES.map((t) => [t.id, t] as const))(
    'the %s table in README.md is the catalogue’s (npm run docs:settings rewrites it)',
    (id, table) => {
      expect(readSection(readme, id)).toBe(renderSettingsTable(table));
    },
  );

  it('documents every variable the code reads, and only those', () => {
    const read = variablesReadByCode();
    const names = documented.map((s) => s.name);
    const undocumented = [...read.keys()].filter((n) => !names.includes(n)).map((n) => `${n} (${read.get(n)})`);
    expect(undocumented).toEqual([]);
    expect(names.filter((n) => !read.has(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(documented.filter((s) => s.codeDefault).map((s) => [s.name, s] as const))(
    '%s: the documented default is the code’s',
    (_name, setting) => {
      expect(setting.default).toBe(`\`${String(setting.codeDefault!())}\``);
    },
  );
});
