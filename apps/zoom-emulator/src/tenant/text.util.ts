import type { Rng } from './prng.util.js';

export const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Mia',
  'Lucas',
  'Amir',
  'Sofia',
  'Yuki',
  'Chen',
  'Priya',
  'Mateo',
  'Zara',
  'Ingrid',
  'Kwame',
  'Fatima',
  'Hiro',
  'Elena',
  'Omar',
  'Lena',
  'Ravi',
  'Chloé',
  'José',
  'Björn',
  'Aisha',
  'Dmitri',
  'Nadia',
  'Tomás',
  'Grace',
];
export const LAST_NAMES = [
  'Smith',
  'Garcia',
  'Kim',
  'Nguyen',
  'Patel',
  'Müller',
  'Rossi',
  'Tanaka',
  'Okafor',
  'Silva',
  'Cohen',
  'Haddad',
  'Novak',
  "O'Brien",
  'Johansson',
  'Dubois',
  'Kowalski',
  'Fischer',
  'Ivanova',
  'Moreau',
  'Lopez',
  'Chen',
  'Ali',
  'Schmidt',
  'Rahman',
];
export const DEPARTMENTS = ['Trading', 'Compliance', 'Operations', 'Sales', 'Engineering', 'Legal', 'Research', 'Risk'];
export const JOB_TITLES = ['Analyst', 'Associate', 'Vice President', 'Director', 'Engineer', 'Counsel', 'Trader'];
export const LOCATIONS = ['New York', 'London', 'Frankfurt', 'Singapore', 'Tokyo', 'Toronto', 'Zurich'];
const CHANNEL_WORDS = [
  'desk',
  'rates',
  'fx',
  'credit',
  'ops',
  'deal',
  'client',
  'project',
  'alerts',
  'research',
  'eu',
  'apac',
];

const WORDS = (
  'the a to and of in for on with at from by about as this that we you they it is are was will can should ' +
  'please thanks ok sure trade order client price quote bond swap rate deal fund position risk limit report ' +
  'call meeting tomorrow today morning update review approve confirm settle book desk market close open ' +
  'number figure spread yield volume margin invoice contract draft final numbers team check send share'
).split(' ');

/** Text that exercises consumers: quotes, commas, line breaks, emoji, right-to-left scripts, formula-like starts. */
const SPICE = [
  'Let\'s say "fine", then.',
  'a, b, and c',
  'line one\nline two',
  'first\r\nsecond',
  '👍 done',
  '🚀🚀',
  'ok 🙂',
  'مرحبا، كيف الحال؟',
  'שלום, מה שלומך?',
  '=SUM(A1:A9)',
  '+1 from me',
  '-2 bps',
  '@here please look',
  '\tindented',
  'naïve café façade',
  '日本語のテキスト',
  'Ünïcödé ✓',
  '100% sure; 50/50 odds',
  '<b>not html</b>',
  "'; DROP TABLE x; --",
];

export function sentence(rng: Rng): string {
  if (rng.chance(0.12)) return rng.pick(SPICE);
  const length = rng.int(2, 22);
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(rng.pick(WORDS));
  let text = words.join(' ');
  text = text[0].toUpperCase() + text.slice(1);
  return text + rng.pick(['.', '?', '!', '', '...']);
}

/** A message body: usually one sentence, sometimes a paragraph, rarely a long one (Zoom sends up to 1024 chars). */
export function messageText(rng: Rng): string {
  const roll = rng.next();
  const sentences = roll < 0.8 ? 1 : roll < 0.98 ? rng.int(2, 5) : rng.int(20, 40);
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rng));
  return parts.join(' ').slice(0, 4000);
}

/** An edit changes the text the way people do: a fix, an addition, or a rewrite. */
export function editedText(rng: Rng, previous: string): string {
  const roll = rng.next();
  if (roll < 0.4) return `${previous} (corrected)`;
  if (roll < 0.7) return `${previous} ${sentence(rng)}`;
  return sentence(rng);
}

export function channelName(rng: Rng, idx: number): string {
  return `${rng.pick(CHANNEL_WORDS)}-${rng.pick(CHANNEL_WORDS)}-${idx}`;
}

export const EMOJIS = ['U+1F600', 'U+1F44D', 'U+2764', 'U+1F389', 'U+1F440', 'U+2705', 'U+1F64F', 'U+1F525'];
export const FILE_TYPES = [
  { ext: 'pdf', weight: 3 },
  { ext: 'png', weight: 3 },
  { ext: 'xlsx', weight: 2 },
  { ext: 'docx', weight: 1 },
  { ext: 'jpg', weight: 1 },
  { ext: 'csv', weight: 1 },
];
export const RICH_TEXT_TYPES = [
  'Bold',
  'Italic',
  'Strikethrough',
  'Underline',
  'FontSize',
  'FontColor',
  'Paragraph',
  'Quote',
  'AddLink',
];
export const BOT_SOURCES = ['Jira Cloud', 'GitHub', 'Salesforce', 'PagerDuty'];
