// The candidate index: every distinct listed token once (the vocabulary), with the names that use
// it (postings), its rarity weight, and its consonant skeletons. A query token is looked up by
// skeleton — exactly and with one consonant deleted on either side, SymSpell-style, which reaches
// one-consonant typos — and only those vocabulary tokens are compared with it. No query ever
// compares itself with every entry.
import type { ListEntry, ListedName } from './entry.js';
import { tokenizeName, type NameToken, type TokenRole, type TokenScript } from './normalize.js';
import { arabicSkeletons, latinPhonetic, latinSkeleton } from './phonetic-key.js';
import { encodeLatin } from './translit-model.js';

/** Skeletons shorter than this are not expanded by deletion (a 2-consonant key minus one matches everything). */
export const skeletonDeletionLengthMin = 3;
/** Names per entry indexed; real entries have at most a few dozen aliases. */
export const namesPerEntryIndexedMax = 200;

export interface VocabToken {
  readonly id: number;
  readonly text: string;
  readonly script: TokenScript;
  readonly role: TokenRole;
  readonly phonetic: string;
  /** Latin letter codes for the transliteration model (empty for Arabic tokens) */
  readonly latinCodes: Uint8Array;
  readonly skeletons: readonly string[];
  /** rarity weight in (0, 1]: ln(1 + N/df) / ln(1 + N) over names of the same script, times the role factor */
  weight: number;
  /** an English word of the organisation vocabulary (set by the engine: translations.ts) */
  orgWord?: boolean;
  /** ids of the names using this token, ascending, no repeats */
  readonly postings: number[];
}

export interface IndexedName {
  readonly id: number;
  readonly entryIndex: number;
  readonly text: string;
  readonly kind: ListedName['kind'];
  readonly tokenIds: readonly number[];
  /** the vocabulary tokens of tokenIds, in order (what the scorer reads) */
  readonly listedTokens: readonly VocabToken[];
  /**
   * Bit j set when token j is a person's first given name (score.ts: a query that leaves it out
   * is not excused as omitting a middle name). 0 = positions unknown, or not a person.
   */
  readonly givenNameMask: number;
}

export interface CandidateIndex {
  readonly entries: readonly ListEntry[];
  readonly names: readonly IndexedName[];
  readonly vocab: readonly VocabToken[];
  readonly vocabByKey: ReadonlyMap<string, number>;
  readonly bySkeleton: ReadonlyMap<string, readonly number[]>;
  readonly bySkeletonDeletion: ReadonlyMap<string, readonly number[]>;
  /** Latin tokens by phonetic spelling and by each one-letter deletion of it: one typo away */
  readonly byPhoneticDeletion: ReadonlyMap<string, readonly number[]>;
  /** Latin tokens by written form and each one-letter deletion: a typo that splits a digraph (MAKbHLUF) */
  readonly byTextDeletion: ReadonlyMap<string, readonly number[]>;
}

export function vocabKey(script: TokenScript, text: string): string {
  return `${script}:${text}`;
}

export function tokenSkeletons(token: { text: string; script: TokenScript }): string[] {
  return token.script === 'arabic' ? arabicSkeletons(token.text) : [latinSkeleton(token.text)];
}

/** Phonetic spellings shorter than this are not expanded by deletion (too unselective). */
export const phoneticDeletionLengthMin = 4;

/** The phonetic spelling and its one-letter deletions (SymSpell, edit distance 1). */
export function phoneticDeletions(phonetic: string): string[] {
  if (phonetic.length < phoneticDeletionLengthMin) return [phonetic];
  const out = new Set<string>([phonetic]);
  for (let i = 0; i < phonetic.length; i++) out.add(phonetic.slice(0, i) + phonetic.slice(i + 1));
  return [...out];
}

export function skeletonDeletions(skeleton: string): string[] {
  if (skeleton.length < skeletonDeletionLengthMin) return [];
  const out = new Set<string>();
  for (let i = 0; i < skeleton.length; i++) {
    // deleting the consonant between two equal ones leaves a double, which skeletons never hold
    const deleted = skeleton.slice(0, i) + skeleton.slice(i + 1);
    out.add(
      i > 0 && skeleton[i - 1] === skeleton[i + 1]
        ? skeleton.slice(0, i) + skeleton.slice(i + 2)
        : deleted,
    );
  }
  return [...out];
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

export function buildCandidateIndex(entries: readonly ListEntry[]): CandidateIndex {
  const names: IndexedName[] = [];
  const vocab: VocabToken[] = [];
  const vocabByKey = new Map<string, number>();
  const bySkeleton = new Map<string, number[]>();
  const bySkeletonDeletion = new Map<string, number[]>();
  const byPhoneticDeletion = new Map<string, number[]>();
  const byTextDeletion = new Map<string, number[]>();
  const roleFactor: number[] = [];

  const vocabId = (token: NameToken): number => {
    const key = vocabKey(token.script, token.text);
    const known = vocabByKey.get(key);
    if (known !== undefined) return known;
    const id = vocab.length;
    const skeletons = tokenSkeletons(token);
    vocab.push({
      id,
      text: token.text,
      script: token.script,
      role: token.role,
      phonetic: token.script === 'latin' ? latinPhonetic(token.text) : '',
      latinCodes: token.script === 'latin' ? encodeLatin(token.text) : new Uint8Array(0),
      skeletons,
      weight: 0,
      postings: [],
    });
    roleFactor.push(token.weightFactor);
    vocabByKey.set(key, id);
    if (token.script === 'latin') {
      for (const variant of phoneticDeletions(latinPhonetic(token.text)))
        push(byPhoneticDeletion, variant, id);
      for (const variant of phoneticDeletions(token.text)) push(byTextDeletion, variant, id);
    }
    for (const skeleton of skeletons) {
      push(bySkeleton, skeleton, id);
      for (const deletion of skeletonDeletions(skeleton)) push(bySkeletonDeletion, deletion, id);
    }
    return id;
  };

  entries.forEach((entry, entryIndex) => {
    const seen = new Set<string>();
    for (const name of entry.names.slice(0, namesPerEntryIndexedMax)) {
      const tokens = tokenizeName(name.text);
      const signature = tokens.map((token) => token.text).join(' ');
      if (tokens.length === 0 || seen.has(signature)) continue;
      seen.add(signature);
      const id = names.length;
      const tokenIds = tokens.map(vocabId);
      names.push({
        id,
        entryIndex,
        text: name.text,
        kind: name.kind,
        tokenIds,
        listedTokens: tokenIds.map((tokenId) => vocab[tokenId]!),
        givenNameMask: entry.kind === 'person' ? givenNameMask(name.text, tokens) : 0,
      });
      for (const tokenId of tokenIds) {
        const postings = vocab[tokenId]!.postings;
        if (postings[postings.length - 1] !== id) postings.push(id);
      }
    }
  });

  assignWeights(names, vocab, roleFactor);
  return {
    entries,
    names,
    vocab,
    vocabByKey,
    bySkeleton,
    bySkeletonDeletion,
    byPhoneticDeletion,
    byTextDeletion,
  };
}

/** Tokens beyond this bit are never marked (the scorer reads at most 32 per side). */
const givenNameMaskBits = 31;

/**
 * Which name word is the first given name, in the order people say the name: "SURNAME, Given
 * Middle" (OFAC) is Given Middle SURNAME, and a name without a comma is read as written. Titles,
 * particles and legal forms are never marked. Without the given name, the rest of a name is
 * another person's (Isam Ahmad SAAD's father or brother is also "Ahmad Saad"); a name that drops
 * its family name ("Naser Hassan" for Naser Hassan NESER) is still how Arabic writes a person by
 * given and father's name, so only the given name is marked. Names of fewer than three name words
 * are not marked: leaving out one of two words leaves one agreeing word, never excused anyway.
 */
export function givenNameMask(text: string, tokens: readonly NameToken[]): number {
  const comma = text.indexOf(',');
  let order = tokens.map((_, i) => i);
  if (comma > 0) {
    const before = tokenizeName(text.slice(0, comma)).length;
    const after = tokenizeName(text.slice(comma + 1)).length;
    // a comma inside a name the tokenizer reads otherwise: positions stay as written
    if (before > 0 && after > 0 && before + after === tokens.length)
      order = [...order.slice(before), ...order.slice(0, before)];
  }
  const names = order.filter((i) => tokens[i]!.role === 'name' && i < givenNameMaskBits);
  if (names.length === 0) return 0;
  return names.length < 3 ? 0 : 1 << names[0]!;
}

// Rarity is counted among names of the same script: the few hundred Arabic-script names of the
// UN list must not look rare merely because the Latin names are forty times more numerous.
function assignWeights(
  names: readonly IndexedName[],
  vocab: VocabToken[],
  roleFactor: readonly number[],
): void {
  const namesOfScript = { latin: 0, arabic: 0 };
  for (const name of names) {
    const scripts = new Set(name.tokenIds.map((id) => vocab[id]!.script));
    for (const script of scripts) namesOfScript[script] += 1;
  }
  for (const token of vocab) {
    const total = Math.max(namesOfScript[token.script], 1);
    token.weight =
      roleFactor[token.id]! * (Math.log(1 + total / token.postings.length) / Math.log(1 + total));
  }
}
