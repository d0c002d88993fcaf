// OFAC's CSV carries most facts about an entry as free text in the remarks column:
// "DOB 08 Aug 1957; POB Mashhad, Iran; Passport D9003033 (Iran); a.k.a. 'X'." This file turns the
// parts the matcher can use as evidence into fields. Anything unrecognised stays in the remarks.
import type { ListedIdentifier } from '../../core/screening/entry.js';
import { parseListedBirthDate } from './list-dates.js';

export interface OfacRemarkFacts {
  readonly birthDates: string[];
  readonly birthPlaces: string[];
  readonly nationalities: string[];
  readonly identifiers: ListedIdentifier[];
  /** OFAC puts weak a.k.a.s in the remarks, quoted: a.k.a. 'BNC' */
  readonly weakAliases: string[];
  readonly formerNames: string[];
}

// Prefix as printed → identifier type we publish. Longest prefixes first so that
// "Identification Number IMO" wins over "Identification Number".
const identifierTypeByPrefix: ReadonlyArray<readonly [string, string]> = [
  ['Vessel Registration Identification IMO', 'IMO'],
  ['Identification Number IMO', 'IMO'],
  ['Company Number IMO', 'IMO'],
  ['IMO', 'IMO'],
  ['MMSI', 'MMSI'],
  ['SWIFT/BIC', 'SWIFT/BIC'],
  ['Legal Entity Number', 'LEI'],
  ["Aircraft Manufacturer's Serial Number (MSN)", 'Aircraft MSN'],
  ['Aircraft Construction Number (also called L/N or S/N or F/N)', 'Aircraft Construction Number'],
  ['Aircraft Tail Number', 'Aircraft Tail Number'],
  ['Unified Social Credit Code (USCC)', 'USCC'],
  ['Economic Register Number (CBLS)', 'Economic Register Number'],
  ['D-U-N-S Number', 'D-U-N-S'],
  ['Diplomatic Passport', 'Diplomatic Passport'],
  ['Passport', 'Passport'],
  ['National ID No.', 'National ID No.'],
  ['Tax ID No.', 'Tax ID No.'],
  ['Business Registration Number', 'Business Registration Number'],
  ['Registration Number', 'Registration Number'],
  ['Registration ID', 'Registration ID'],
  ['Identification Number', 'Identification Number'],
  ['Government Gazette Number', 'Government Gazette Number'],
  ['Commercial Registry Number', 'Commercial Registry Number'],
  ['Chamber of Commerce Number', 'Chamber of Commerce Number'],
  ['Company Number', 'Company Number'],
  ['Trade License No.', 'Trade License No.'],
  ['V.A.T. Number', 'V.A.T. Number'],
  ['Cedula No.', 'Cedula No.'],
  ['C.U.R.P.', 'C.U.R.P.'],
  ['R.F.C.', 'R.F.C.'],
  ['NIT #', 'NIT #'],
  ['RUC #', 'RUC #'],
  ['C.R. No.', 'C.R. No.'],
  ['D.N.I.', 'D.N.I.'],
  ['Folio Mercantil No.', 'Folio Mercantil No.'],
  ['Matricula Mercantil No', 'Matricula Mercantil No'],
];

const digitalCurrencyPrefix = /^(Digital Currency Address - [A-Z0-9]+) (\S+)$/;
// Any other "<Something> No./Number/ID/#/Card <value with a digit> (<country>)" is an identifier too.
const genericIdentifier =
  /^([A-Z][A-Za-z.' /#-]*?(?:No\.?|Number|ID|#|Card)) ([^\s()]*\d[^\s()]*)(?: \(([^()]+)\))?(?: (?:issued|expires|Issue Date|Expire Date)\b.*)?$/;
const valueCountryTail =
  /^([^\s()]+(?: [^\s()]+)?)(?: \(([^()]+)\))?(?: (?:issued|expires|Issue Date|Expire Date)\b.*)?$/;
const quotedAlias = /^([afn])\.k\.a\.,? '(.+)'$/;

/** Splits a remarks text into its "; "-separated statements, without the closing full stop. */
export function remarkStatements(remarks: string): string[] {
  return remarks
    .split(/;\s+/)
    .map((part) => part.trim().replace(/\.$/, '').trim())
    .filter((part) => part.length > 0);
}

export function parseOfacRemarks(remarks: string): OfacRemarkFacts {
  const facts: OfacRemarkFacts = {
    birthDates: [],
    birthPlaces: [],
    nationalities: [],
    identifiers: [],
    weakAliases: [],
    formerNames: [],
  };
  for (const statement of remarkStatements(remarks)) readStatement(statement, facts);
  return facts;
}

function readStatement(statement: string, facts: OfacRemarkFacts): void {
  const alias = quotedAlias.exec(statement);
  if (alias) {
    // OFAC sometimes quotes a nickname twice (a.k.a. ''FOOPIE''); a single leading apostrophe
    // is the Arabic ayn ('ABD AL-MUHSI) and stays.
    const text = alias[2]!.trim().replace(/^'(.*)'$/, '$1');
    (alias[1] === 'f' ? facts.formerNames : facts.weakAliases).push(text);
    return;
  }
  // "alt. DOB", "alt. nationality", "alt. Passport": an alternative carries the same weight here.
  const text = statement.replace(/^alt\.\s+/, '');
  if (text.startsWith('DOB ')) {
    facts.birthDates.push(...parseListedBirthDate(text.slice(4)));
    return;
  }
  if (text.startsWith('POB ')) {
    facts.birthPlaces.push(text.slice(4).trim());
    return;
  }
  const nationality = /^(?:nationality|citizen)\s+(.+)$/.exec(text);
  if (nationality) {
    facts.nationalities.push(nationality[1]!.trim());
    return;
  }
  const identifier = readIdentifier(text);
  if (identifier) facts.identifiers.push(identifier);
}

const knownPrefix = new RegExp(
  `^(${identifierTypeByPrefix.map(([prefix]) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) `,
);
const typeByPrefix = new Map(identifierTypeByPrefix);

export function readIdentifier(text: string): ListedIdentifier | null {
  const known = knownPrefix.exec(text);
  if (known) {
    const type = typeByPrefix.get(known[1]!)!;
    const match = valueCountryTail.exec(text.slice(known[0].length).trim());
    // A known prefix is trusted even without digits in the value: BICs are often all letters.
    if (!match) return null;
    return withCountry({ type, value: match[1]! }, match[2]);
  }
  const currency = digitalCurrencyPrefix.exec(text);
  if (currency) return { type: currency[1]!, value: currency[2]! };
  const generic = genericIdentifier.exec(text);
  if (generic) return withCountry({ type: generic[1]!, value: generic[2]! }, generic[3]);
  return null;
}

function withCountry(
  identifier: { type: string; value: string },
  country: string | undefined,
): ListedIdentifier {
  return country === undefined ? identifier : { ...identifier, country: country.trim() };
}
