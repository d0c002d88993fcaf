// Countries as the parties' records and the lists write them: the workflow gives ISO 3166 codes
// ("IQ"), the lists names ("Iraq", "Korea, North", "Iran (Islamic Republic of)"). Both are read
// as one ISO alpha-2 code so that evidence compares countries, not spellings: compared as text,
// IQ against Iraq was a contradiction and cost a true match its nationality bonus twice over.
// English names come from the ICU data Node ships (Intl.DisplayNames, deterministic for a given
// Node version); the few list spellings ICU does not give are below.

const listSpellings: Readonly<Record<string, string>> = {
  'korea, north': 'KP',
  "democratic people's republic of korea": 'KP',
  'korea, south': 'KR',
  'republic of korea': 'KR',
  turkey: 'TR',
  palestinian: 'PS',
  'state of palestine': 'PS',
  'congo, democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD',
  'russian federation': 'RU',
  'united kingdom of great britain and northern ireland': 'GB',
  'north macedonia, the republic of': 'MK',
  'iran (islamic republic of)': 'IR',
  'united states of america': 'US',
  'syrian arab republic': 'SY',
  'the gambia': 'GM',
  'united republic of tanzania': 'TZ',
  'czech republic': 'CZ',
  'cabo verde': 'CV',
};

/** The comparable form of a country's name: letters only, "&" read as "and", "St." as "saint". */
export function countryNameKey(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\.?(?=\s)/g, 'saint')
    .replace(/[^a-z]/g, '');
}

let byName: ReadonlyMap<string, string> | undefined;

function namesTable(): ReadonlyMap<string, string> {
  if (byName !== undefined) return byName;
  const table = new Map<string, string>();
  for (const style of ['long', 'short'] as const) {
    const names = new Intl.DisplayNames(['en'], { type: 'region', style });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        let name: string | undefined;
        try {
          name = names.of(code);
        } catch {
          name = undefined;
        }
        // deprecated codes (BU, ZR, UK) are read as the code that replaced them (MM, CD, GB)
        if (name === undefined || name === code || new Intl.Locale(`und-${code}`).region !== code)
          continue;
        // "Myanmar (Burma)", "Hong Kong SAR China": each part is a name the lists use
        const parts = /^(.*) \((.*)\)$/.exec(name);
        for (const form of parts === null ? [name] : [name, parts[1]!, parts[2]!]) {
          const key = countryNameKey(form);
          if (!table.has(key)) table.set(key, code);
        }
      }
    }
  }
  for (const [name, code] of Object.entries(listSpellings)) table.set(countryNameKey(name), code);
  byName = table;
  return table;
}

let codes: ReadonlySet<string> | undefined;
const knownCodes = () => (codes ??= new Set(namesTable().values()));

/** The ISO 3166-1 alpha-2 code of a country written as a code or an English name; else undefined. */
export function countryCode(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = new Intl.Locale(`und-${trimmed.toUpperCase()}`).region ?? '';
    return knownCodes().has(code) ? code : undefined;
  }
  return namesTable().get(countryNameKey(trimmed));
}

/** Whether two writings name one country (by code when both are known, else by their letters). */
export function sameCountry(a: string, b: string): boolean {
  const [codeA, codeB] = [countryCode(a), countryCode(b)];
  if (codeA !== undefined && codeB !== undefined) return codeA === codeB;
  return countryNameKey(a) === countryNameKey(b);
}
