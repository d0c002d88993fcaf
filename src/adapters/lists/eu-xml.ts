// EU Financial Sanctions Files (FSF) consolidated XML: export → sanctionEntity, almost everything
// in attributes. Written from the published schema (export namespace
// http://eu.europa.ec/fpi/fsd/export); no real EU file is available to this project, so it is
// tested on hand-made fixtures in that schema.
import type {
  ListEntry,
  ListedIdentifier,
  ListedName,
  PartyKind,
} from '../../core/screening/entry.js';
import { uniqueIdentifiers, uniqueNames, uniqueStrings } from './entry-limits.js';
import { expandYearRange, parseListedDate } from './list-dates.js';
import { listError } from './list-error.js';
import { hasNonLatinLetter } from './name-script.js';
import type { ListFileInput, ListImport } from './list-import.js';
import { childrenNamed, type XmlElement } from './xml-records.js';
import { importXmlList } from './xml-list-import.js';

export const euRootName = 'export';
const recordNames: ReadonlySet<string> = new Set(['sanctionEntity']);
/** The FSF writes "00" / "UNKNOWN" where it does not know the country. */
const unknownCountryCode = '00';

const kindBySubjectType: Readonly<Record<string, PartyKind>> = {
  person: 'person',
  enterprise: 'entity',
};

export function importEuXml(file: ListFileInput): Promise<ListImport> {
  return importXmlList(file, {
    source: 'eu',
    listLabel: 'EU FSF export',
    rootName: euRootName,
    recordNames,
    publishedAtAttribute: 'generationDate',
    idLabel: 'logicalId',
    emptyMessage: 'EU list holds no sanctionEntity records',
    toEntry: euEntry,
  });
}

function euEntry(record: XmlElement, fileName: string): ListEntry {
  const entryId = attribute(record, 'logicalId');
  if (entryId.length === 0)
    throw listError('list.malformed', fileName, '<sanctionEntity> without logicalId', record.line);
  const subjectType = attribute(childrenNamed(record, 'subjectType')[0], 'code').toLowerCase();
  const birthdates = childrenNamed(record, 'birthdate');
  const birthPlaces = birthdates.map(euBirthPlace).filter((place) => place.length > 0);
  const remarks = childrenNamed(record, 'remark')
    .map((remark) => remark.text.trim())
    .filter((text) => text.length > 0)
    .join('; ');
  return {
    source: 'eu',
    entryId,
    kind: kindBySubjectType[subjectType] ?? 'unknown',
    names: uniqueNames(euNames(childrenNamed(record, 'nameAlias'))),
    birthDates: uniqueStrings(birthdates.flatMap(euBirthDates)),
    nationalities: uniqueStrings(childrenNamed(record, 'citizenship').map(euCountry)),
    identifiers: uniqueIdentifiers(childrenNamed(record, 'identification').flatMap(euIdentifier)),
    programmes: uniqueStrings(
      childrenNamed(record, 'regulation').map((regulation) => attribute(regulation, 'programme')),
    ),
    ...(birthPlaces.length > 0 ? { birthPlaces: uniqueStrings(birthPlaces) } : {}),
    ...(remarks.length > 0 ? { remarks } : {}),
  };
}

/**
 * The FSF has no "primary" flag: all nameAliases are equal. The first strong Latin-script one is
 * taken as primary (the FSF lists the regulation's main spelling first); other strong ones are
 * aliases, strong="false" ones weak aliases, and names in another script original-script.
 */
function euNames(aliases: readonly XmlElement[]): ListedName[] {
  const names: ListedName[] = [];
  let primaryTaken = false;
  for (const alias of aliases) {
    const text =
      attribute(alias, 'wholeName') ||
      ['firstName', 'middleName', 'lastName']
        .map((part) => attribute(alias, part))
        .filter((part) => part.length > 0)
        .join(' ');
    if (text.length === 0) continue;
    const strong = attribute(alias, 'strong').toLowerCase() !== 'false';
    if (hasNonLatinLetter(text)) {
      names.push({ text, kind: 'original-script' });
    } else if (!strong) {
      names.push({ text, kind: 'weak-alias' });
    } else if (!primaryTaken) {
      names.push({ text, kind: 'primary' });
      primaryTaken = true;
    } else {
      names.push({ text, kind: 'alias' });
    }
  }
  // An entry named only weakly or only in another script still needs a primary name to be listed.
  if (!primaryTaken && names.length > 0) names[0] = { text: names[0]!.text, kind: 'primary' };
  return names;
}

function euBirthDates(birthdate: XmlElement): string[] {
  const full = parseListedDate(attribute(birthdate, 'birthdate'));
  if (full !== null) return [full];
  const year = attribute(birthdate, 'year');
  if (/^\d{4}$/.test(year)) {
    const month = attribute(birthdate, 'monthOfYear');
    const day = attribute(birthdate, 'dayOfMonth');
    if (/^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)) {
      return [parseListedDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`) ?? year];
    }
    return [/^\d{1,2}$/.test(month) ? `${year}-${month.padStart(2, '0')}` : year];
  }
  const from = attribute(birthdate, 'yearRangeFrom');
  const to = attribute(birthdate, 'yearRangeTo');
  if (/^\d{4}$/.test(from) && /^\d{4}$/.test(to)) return expandYearRange(from, to);
  return [from, to].filter((end) => /^\d{4}$/.test(end));
}

function euBirthPlace(birthdate: XmlElement): string {
  const country = euCountry(birthdate);
  return [
    attribute(birthdate, 'city'),
    attribute(birthdate, 'place'),
    attribute(birthdate, 'region'),
    country,
  ]
    .filter((part) => part.length > 0)
    .join(', ');
}

function euCountry(element: XmlElement): string {
  const code = attribute(element, 'countryIso2Code');
  if (code === unknownCountryCode) return '';
  return attribute(element, 'countryDescription') || code;
}

function euIdentifier(identification: XmlElement): ListedIdentifier[] {
  const value = attribute(identification, 'number') || attribute(identification, 'latinNumber');
  if (value.length === 0) return [];
  const type =
    attribute(identification, 'identificationTypeDescription') ||
    attribute(identification, 'identificationTypeCode') ||
    'Identification';
  const country = euCountry(identification);
  return [country.length > 0 ? { type, value, country } : { type, value }];
}

function attribute(element: XmlElement | undefined, name: string): string {
  return element?.attributes[name]?.replace(/\s+/g, ' ').trim() ?? '';
}
