// UN Security Council consolidated list, official XML (CONSOLIDATED_LIST → INDIVIDUALS/ENTITIES).
// REFERENCE_NUMBER (e.g. "IRi.039") is the stable id; names are split over FIRST..FOURTH_NAME and
// may also be given in original script (mostly Arabic), which is what cross-script matching needs.
import type { ListEntry, ListedIdentifier, ListedName } from '../../core/screening/entry.js';
import { uniqueIdentifiers, uniqueNames, uniqueStrings } from './entry-limits.js';
import { expandYearRange, parseListedDate } from './list-dates.js';
import { listError } from './list-error.js';
import { unAliasNames } from './un-alias-names.js';
import type { ListFileInput, ListImport } from './list-import.js';
import { childText, childrenNamed, type XmlElement } from './xml-records.js';
import { importXmlList } from './xml-list-import.js';

export const unRootName = 'CONSOLIDATED_LIST';
const recordNames: ReadonlySet<string> = new Set(['INDIVIDUAL', 'ENTITY']);
const nameParts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'] as const;

export function importUnXml(file: ListFileInput): Promise<ListImport> {
  return importXmlList(file, {
    source: 'un',
    listLabel: 'UN consolidated list',
    rootName: unRootName,
    recordNames,
    publishedAtAttribute: 'dateGenerated',
    idLabel: 'REFERENCE_NUMBER',
    emptyMessage: 'UN list holds no INDIVIDUAL or ENTITY records',
    toEntry: unEntry,
  });
}

function unEntry(record: XmlElement, fileName: string): ListEntry {
  const entryId = childText(record, 'REFERENCE_NUMBER');
  if (entryId.length === 0)
    throw listError(
      'list.malformed',
      fileName,
      `<${record.name}> without REFERENCE_NUMBER`,
      record.line,
    );
  const isPerson = record.name === 'INDIVIDUAL';
  const aliasElement = isPerson ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS';

  const names: ListedName[] = [];
  const primary = nameParts
    .map((part) => childText(record, part))
    .filter((part) => part.length > 0)
    .join(' ');
  names.push({ text: primary, kind: 'primary' });
  for (const original of childrenNamed(record, 'NAME_ORIGINAL_SCRIPT'))
    names.push({ text: original.text, kind: 'original-script' });
  const aliasBirthDates: string[] = [];
  for (const alias of childrenNamed(record, aliasElement)) {
    // Matching a packed string ("Qasim Soleimani; Qasem Sulaimani; …" on IRi.039) would find none
    // of its names, so each becomes a name of its own.
    names.push(
      ...unAliasNames(childText(alias, 'ALIAS_NAME'), aliasKind(childText(alias, 'QUALITY'))),
    );
    const aliasBirthDate = parseListedDate(childText(alias, 'DATE_OF_BIRTH'));
    if (aliasBirthDate !== null) aliasBirthDates.push(aliasBirthDate);
  }

  const birthPlaces = childrenNamed(record, 'INDIVIDUAL_PLACE_OF_BIRTH').map((place) =>
    ['CITY', 'STATE_PROVINCE', 'COUNTRY']
      .map((part) => childText(place, part))
      .filter((part) => part.length > 0)
      .join(', '),
  );
  const remarks = childText(record, 'COMMENTS1');
  return {
    source: 'un',
    entryId,
    kind: isPerson ? 'person' : 'entity',
    names: uniqueNames(names),
    birthDates: uniqueStrings([
      ...childrenNamed(record, 'INDIVIDUAL_DATE_OF_BIRTH').flatMap(unBirthDates),
      ...aliasBirthDates,
    ]),
    nationalities: uniqueStrings(
      childrenNamed(record, 'NATIONALITY').flatMap((nationality) =>
        childrenNamed(nationality, 'VALUE').map((value) => value.text),
      ),
    ),
    identifiers: uniqueIdentifiers(
      childrenNamed(record, 'INDIVIDUAL_DOCUMENT').flatMap(unDocument),
    ),
    programmes: uniqueStrings([childText(record, 'UN_LIST_TYPE')]),
    ...(birthPlaces.some((place) => place.length > 0)
      ? { birthPlaces: uniqueStrings(birthPlaces) }
      : {}),
    ...(remarks.length > 0 ? { remarks } : {}),
  };
}

/** "Good" and "a.k.a." are strong aliases, "Low" is the UN's weak alias, "f.k.a." a former name. */
function aliasKind(quality: string): ListedName['kind'] {
  const normalized = quality.toLowerCase();
  if (normalized === 'low') return 'weak-alias';
  if (normalized === 'f.k.a.' || normalized === 'fka') return 'former';
  return 'alias';
}

function unBirthDates(birth: XmlElement): string[] {
  const date = parseListedDate(childText(birth, 'DATE'));
  if (date !== null) return [date];
  const year = parseListedDate(childText(birth, 'YEAR'));
  if (year !== null) return [year];
  const from = parseListedDate(childText(birth, 'FROM_YEAR'));
  const to = parseListedDate(childText(birth, 'TO_YEAR'));
  if (from !== null && to !== null) return expandYearRange(from, to);
  return [from, to].filter((end): end is string => end !== null);
}

function unDocument(document: XmlElement): ListedIdentifier[] {
  const value = childText(document, 'NUMBER');
  if (value.length === 0) return [];
  const type =
    childText(document, 'TYPE_OF_DOCUMENT') ||
    childText(document, 'TYPE_OF_DOCUMENT2') ||
    'Document';
  const country = childText(document, 'ISSUING_COUNTRY') || childText(document, 'COUNTRY_OF_ISSUE');
  return [country.length > 0 ? { type, value, country } : { type, value }];
}
