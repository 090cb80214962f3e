import type { SettingsTable } from './settings.catalogue.js';

export const startMarker = (id: string) => `<!-- settings:${id} -->`;
export const endMarker = (id: string) => `<!-- /settings:${id} -->`;

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The table as the README shows it (Markdown; README is not reformatted by Prettier). */
export function renderSettingsTable(table: SettingsTable): string {
  const rows = table.settings.map(
    (s) => `| \`${s.name}\` | ${cell(s.default)} | ${s.usedBy.join(', ')} | ${cell(s.meaning)} |`,
  );
  return ['| Variable | Default | Read by | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** The text between a table's markers, or null when the markers are missing. */
export function readSection(document: string, id: string): string | null {
  const start = document.indexOf(startMarker(id));
  const end = document.indexOf(endMarker(id));
  if (start < 0 || end < start) return null;
  return document.slice(start + startMarker(id).length, end).trim();
}

/** The document with each table's section replaced by its rendering. */
export function writeSections(document: string, tables: readonly SettingsTable[]): string {
  let out = document;
  for (const table of tables) {
    const start = out.indexOf(startMarker(table.id));
    const end = out.indexOf(endMarker(table.id));
    if (start < 0 || end < start) throw new Error(`README.md has no ${startMarker(table.id)} … ${endMarker(table.id)}`);
    out = `${out.slice(0, start + startMarker(table.id).length)}\n${renderSettingsTable(table)}\n${out.slice(end)}`;
  }
  return out;
}
