// OFAC's official CSV set: a primary file (sdn.csv / cons_prim.csv) plus alias (alt), address (add)
// and remarks-overflow (comments) files joined on ent_num. The alias and address files are often
// newer than the primary file, so rows naming unknown ent_nums are reported and skipped, never fatal.
import type {
  ListEntry,
  ListedIdentifier,
  ListedName,
  PartyKind,
} from '../../core/screening/entry.js';
import { WarningTally, type ImportWarning } from '../../core/screening/import-warning.js';
import {
  assertEntryCountWithinLimit,
  assertEntryWithinLimits,
  uniqueIdentifiers,
  uniqueNames,
  uniqueStrings,
} from './entry-limits.js';
import { listError } from './list-error.js';
import type { ListFileInput, ListImport } from './list-import.js';
import { warningSamplesMax } from './list-limits.js';
import { readOfacCsvRows, type OfacCsvReadResult } from './ofac-csv-rows.js';
import { parseOfacRemarks } from './ofac-remarks.js';

export type OfacListSource = 'ofac-sdn' | 'ofac-cons';

export interface OfacCsvSetInput {
  readonly source: OfacListSource;
  /** sdn.csv or cons_prim.csv */
  readonly primary: ListFileInput;
  readonly alt?: ListFileInput;
  readonly add?: ListFileInput;
  readonly comments?: ListFileInput;
}

/** OFAC cuts the remarks column at this length and continues it in the comments file. */
export const remarksColumnLengthChars = 1000;
/** fields are trimmed, so a cut that fell on spaces leaves slightly fewer characters */
const remarksCutSlackChars = 5;

/** Column counts of the official formats; a different count means a different (or damaged) file. */
export const ofacColumnCount = { primary: 12, alt: 5, add: 6, comments: 2 } as const;

interface EntryDraft {
  readonly entryId: string;
  readonly kind: PartyKind;
  readonly line: number;
  readonly names: ListedName[];
  readonly programmes: string[];
  readonly identifiers: ListedIdentifier[];
  readonly primaryRemarksLength: number;
  remarks: string;
}

const kindBySdnType: Readonly<Record<string, PartyKind>> = {
  '': 'entity',
  individual: 'person',
  vessel: 'vessel',
  aircraft: 'aircraft',
};

export async function importOfacCsvSet(input: OfacCsvSetInput): Promise<ListImport> {
  const drafts = new Map<string, EntryDraft>();
  const warnings: ImportWarning[] = [];

  warnings.push(
    ...eofWarning(
      input.primary,
      await readOfacCsvRows(input.primary, ofacColumnCount.primary, (fields, line) => {
        const draft = primaryDraft(fields, line, input.primary.name);
        if (drafts.has(draft.entryId)) {
          throw listError(
            'list.malformed',
            input.primary.name,
            `ent_num ${draft.entryId} appears twice`,
            line,
          );
        }
        drafts.set(draft.entryId, draft);
      }),
    ),
  );
  assertEntryCountWithinLimit(drafts.size, input.primary.name);

  if (input.alt === undefined) {
    warnings.push(missingFileWarning('alt', 'aliases'));
  } else {
    const unknown = unknownReferenceTally(input.alt.name);
    const altFile = input.alt.name;
    warnings.push(
      ...eofWarning(
        input.alt,
        await readOfacCsvRows(input.alt, ofacColumnCount.alt, (fields, line) => {
          const draft = drafts.get(entNum(fields[0]!, altFile, line));
          if (draft === undefined) return unknown.note(`${fields[0]} (line ${line})`);
          draft.names.push({
            text: fields[3]!,
            kind: altNameKind(fields[2]!, fields[4]!, altFile, line),
          });
        }),
      ),
    );
    warnings.push(...unknown.toWarnings());
  }

  if (input.comments === undefined) {
    warnings.push(missingFileWarning('comments', 'remarks longer than the remarks column'));
  } else {
    const unknown = unknownReferenceTally(input.comments.name);
    const notTruncated = new WarningTally(
      'ofac.comments_version_mismatch',
      (count) =>
        `${count} overflow rows continue remarks that the primary file did not cut at ${remarksColumnLengthChars} characters (files from different publications?); skipped`,
      input.comments.name,
      warningSamplesMax,
    );
    const commentsFile = input.comments.name;
    warnings.push(
      ...eofWarning(
        input.comments,
        await readOfacCsvRows(input.comments, ofacColumnCount.comments, (fields, line) => {
          const draft = drafts.get(entNum(fields[0]!, commentsFile, line));
          if (draft === undefined) return unknown.note(`${fields[0]} (line ${line})`);
          // Appending an overflow to remarks that were never cut would splice text from two
          // publications into one statement (and forge identifiers out of the pieces).
          if (draft.primaryRemarksLength < remarksColumnLengthChars - remarksCutSlackChars)
            return notTruncated.note(`${fields[0]} (line ${line})`);
          // The overflow continues the remarks column where OFAC cut it (mid-word), so no separator.
          draft.remarks += fields[1]!;
        }),
      ),
    );
    warnings.push(...unknown.toWarnings(), ...notTruncated.toWarnings());
  }

  // Addresses are not (yet) matching evidence; the file is still read so that a damaged or
  // mismatched add file fails the import and its unknown references are reported.
  if (input.add !== undefined) {
    const unknown = unknownReferenceTally(input.add.name);
    const addFile = input.add.name;
    warnings.push(
      ...eofWarning(
        input.add,
        await readOfacCsvRows(input.add, ofacColumnCount.add, (fields, line) => {
          if (!drafts.has(entNum(fields[0]!, addFile, line)))
            unknown.note(`${fields[0]} (line ${line})`);
        }),
      ),
    );
    warnings.push(...unknown.toWarnings());
  }

  const entries: ListEntry[] = [];
  for (const draft of drafts.values()) {
    const entry = finishEntry(draft, input.source);
    assertEntryWithinLimits(entry, input.primary.name, draft.line);
    entries.push(entry);
  }
  return { source: input.source, publishedAt: null, entries, warnings };
}

function primaryDraft(fields: readonly string[], line: number, fileName: string): EntryDraft {
  const [entNumText, name, sdnType, programme, , callSign, vesselType, , , vesselFlag, , remarks] =
    fields;
  const entryId = entNum(entNumText!, fileName, line);
  const kind = kindBySdnType[sdnType!.toLowerCase()];
  if (kind === undefined)
    throw listError('list.malformed', fileName, `unknown SDN_Type "${sdnType}"`, line);
  if (name!.length === 0)
    throw listError('list.malformed', fileName, `ent_num ${entryId} has no name`, line);
  const identifiers: ListedIdentifier[] = [];
  if (callSign!.length > 0) identifiers.push({ type: 'Call Sign', value: callSign! });
  if (vesselFlag!.length > 0) identifiers.push({ type: 'Vessel Flag', value: vesselFlag! });
  if (vesselType!.length > 0) identifiers.push({ type: 'Vessel Type', value: vesselType! });
  return {
    entryId,
    kind,
    line,
    names: [{ text: name!, kind: 'primary' }],
    programmes: splitProgrammes(programme!),
    identifiers,
    primaryRemarksLength: remarks!.length,
    remarks: remarks!,
  };
}

/** "SDGT] [IRGC] [IFSR": OFAC joins several programmes with "] [" inside one field. */
export function splitProgrammes(field: string): string[] {
  return field
    .split(/\]\s*\[/)
    .map((programme) => programme.replace(/^\[|\]$/g, '').trim())
    .filter((programme) => programme.length > 0);
}

function entNum(text: string, fileName: string, line: number): string {
  if (!/^\d{1,12}$/.test(text))
    throw listError(
      'list.malformed',
      fileName,
      `ent_num "${text.slice(0, 40)}" is not a number`,
      line,
    );
  return text;
}

function altNameKind(
  altType: string,
  altRemarks: string,
  fileName: string,
  line: number,
): ListedName['kind'] {
  const type = altType.replace(/\./g, '').toLowerCase();
  if (type === 'fka') return 'former';
  if (type !== 'aka' && type !== 'nka')
    throw listError('list.malformed', fileName, `unknown alt_type "${altType}"`, line);
  return /\bweak\b/i.test(altRemarks) ? 'weak-alias' : 'alias';
}

function finishEntry(draft: EntryDraft, source: ListEntry['source']): ListEntry {
  const facts = parseOfacRemarks(draft.remarks);
  const names = uniqueNames([
    ...draft.names,
    ...facts.weakAliases.map((text) => ({ text, kind: 'weak-alias' as const })),
    ...facts.formerNames.map((text) => ({ text, kind: 'former' as const })),
  ]);
  const entry: ListEntry = {
    source,
    entryId: draft.entryId,
    kind: draft.kind,
    names,
    birthDates: uniqueStrings(facts.birthDates),
    nationalities: uniqueStrings(facts.nationalities),
    identifiers: uniqueIdentifiers([...draft.identifiers, ...facts.identifiers]),
    programmes: uniqueStrings(draft.programmes),
    ...(facts.birthPlaces.length > 0 ? { birthPlaces: uniqueStrings(facts.birthPlaces) } : {}),
    ...(draft.remarks.length > 0 ? { remarks: draft.remarks } : {}),
  };
  return entry;
}

function unknownReferenceTally(fileName: string): WarningTally {
  return new WarningTally(
    'ofac.unknown_entry_reference',
    (count) => `${count} rows reference ent_nums that the primary file does not have; skipped`,
    fileName,
    warningSamplesMax,
  );
}

function missingFileWarning(slot: string, what: string): ImportWarning {
  return {
    code: 'ofac.file_missing',
    message: `no ${slot} file in the set: ${what} are not loaded`,
    count: 1,
    samples: [],
  };
}

function eofWarning(file: ListFileInput, result: OfacCsvReadResult): ImportWarning[] {
  if (result.eofMarkerSeen) return [];
  // Official files always end with 0x1A; without it a cut at a row boundary is indistinguishable
  // from a complete file. Not fatal, because re-saved or mirrored copies drop the byte.
  return [
    {
      code: 'ofac.eof_marker_missing',
      message:
        'file does not end with the OFAC end-of-file marker (0x1A); it may have been truncated at a row boundary',
      file: file.name,
      count: 1,
      samples: [],
    },
  ];
}
