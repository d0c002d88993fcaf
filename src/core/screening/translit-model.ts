// Learned Arabic-script → Latin transliteration, scored as a weighted alignment: every Arabic
// letter produces a Latin substring of 0–3 letters (ق → q, gh, k, g; ا → a, e, nothing), and
// Latin letters with no Arabic source (the short vowels Arabic does not write) are inserted.
// Costs are −log relative frequencies learned from the Wikidata TRAIN split
// (evaluation/train-translit.ts) and stored in data/translit-costs.ts. The distance between an
// Arabic token and a Latin token is the cheapest alignment; no single "correct" romanisation is
// ever guessed, which is what lets قاآنی meet QANI, GHANI, GHAANI and Qaani alike.

/** Longest Latin substring one Arabic letter may produce ("sch"). */
export const emitLengthMax = 3;
/** Longest Latin substring inserted without an Arabic source ("ou", "ee"). */
export const insertLengthMax = 2;
/** Tokens longer than this are cut before alignment (bounded work per pair). */
export const alignLengthMax = 40;
/** Cost of producing a substring never seen in training; a full edit. */
export const unseenEmitCost = 1;
export const unseenInsertCost = 1;

const alphabetSize = 27; // 1..26 = a..z; 0 = end of substring
const substringCodes = alphabetSize ** emitLengthMax;

export interface TranslitCostTable {
  /** [Arabic letter, Latin substring ('' = letter not written), cost] */
  readonly emit: ReadonlyArray<readonly [string, string, number]>;
  /** [Latin substring, cost] */
  readonly insert: ReadonlyArray<readonly [string, number]>;
}

export interface TranslitModel {
  /** Arabic letter → row; a letter with positional rows also has `letter + positionSuffix.*` */
  readonly letterIndex: ReadonlyMap<string, number>;
  /** letterIndex * substringCodes + substringCode → cost */
  readonly emit: Float32Array;
  readonly insert: Float32Array;
  readonly table: TranslitCostTable;
}

function charCode(char: string): number {
  const code = char.charCodeAt(0) - 96;
  return code >= 1 && code <= 26 ? code : 0;
}

export function substringCode(latin: string): number {
  let code = 0;
  for (let k = latin.length - 1; k >= 0; k--) code = code * alphabetSize + charCode(latin[k]!);
  return code;
}

function defaultEmitCost(length: number): number {
  return length <= 1 ? unseenEmitCost : length === 2 ? unseenEmitCost * 1.5 : unseenEmitCost * 2.5;
}

export function buildTranslitModel(
  table: TranslitCostTable,
  letters: readonly string[],
): TranslitModel {
  const letterIndex = new Map<string, number>();
  for (const letter of letters)
    if (!letterIndex.has(letter)) letterIndex.set(letter, letterIndex.size);
  for (const [letter] of table.emit)
    if (!letterIndex.has(letter)) letterIndex.set(letter, letterIndex.size);
  for (const key of [
    yehLetter,
    yehLetter + positionSuffix.initial,
    yehLetter + positionSuffix.medial,
  ]) {
    if (!letterIndex.has(key)) letterIndex.set(key, letterIndex.size);
  }
  // one extra row for letters the table does not know
  const rows = letterIndex.size + 1;
  const emit = new Float32Array(rows * substringCodes);
  for (let row = 0; row < rows; row++) {
    for (let code = 0; code < substringCodes; code++) {
      const length = code === 0 ? 0 : code < alphabetSize ? 1 : code < alphabetSize ** 2 ? 2 : 3;
      emit[row * substringCodes + code] = defaultEmitCost(length);
    }
  }
  const insert = new Float32Array(substringCodes).fill(unseenInsertCost * 1.5);
  for (let code = 1; code < alphabetSize; code++) insert[code] = unseenInsertCost;
  const setEmit = (letter: string, latin: string, cost: number) => {
    const at = letterIndex.get(letter)! * substringCodes + substringCode(latin);
    emit[at] = Math.min(emit[at]!, cost);
  };
  for (const [letter, latin, cost] of table.emit) setEmit(letter, latin, cost);
  // Arabic does not write doubled consonants (shadda); romanisations often do: م → mm in Mohammad.
  for (const [letter, latin, cost] of table.emit) {
    if (latin.length === 1 && !'aeiou'.includes(latin))
      setEmit(letter, latin + latin, cost + geminationCost);
  }
  for (const [latin, cost] of table.insert)
    insert[substringCode(latin)] = Math.min(insert[substringCode(latin)]!, cost);
  const yeh = letterIndex.get(yehLetter)!;
  positionalRow(emit, yeh, letterIndex.get(yehLetter + positionSuffix.initial)!, 'initial');
  positionalRow(emit, yeh, letterIndex.get(yehLetter + positionSuffix.medial)!, 'medial');
  return { letterIndex, emit, insert, table };
}

/** Keys of the rows a letter uses when it is not the last letter of its word. */
export const positionSuffix = { initial: '\u0001initial', medial: '\u0001medial' } as const;

/**
 * ي is a vowel letter only where Arabic writes a vowel with it. It stands for ī, ē, ai/ei or the
 * consonant y anywhere, but for a bare "a" only at the end of a word, where it is the unified
 * alef maqsura (ى of Mustafa, Musa, Yahya); inside a word ي as "a" is how حسين (Hossein) would
 * become HASAN. At the start of a word it is the consonant y: Arabic writes an initial vowel with
 * alef or ain, so ي as a bare vowel there (يزيد as "Izid") pays `initialYehVowelCost`.
 */
export const yehLetter = 'ي';
export const initialYehVowelCost = 0.5;
const yehVowelEmissions = ['a', 'e', 'i', 'ee', 'ei', 'ey', 'ai', 'ay', 'ie', 'iy', 'ia'];

function positionalRow(
  emit: Float32Array,
  from: number,
  to: number,
  position: 'initial' | 'medial',
): void {
  emit.copyWithin(to * substringCodes, from * substringCodes, (from + 1) * substringCodes);
  // a bare "a" is the alef maqsura, which only ends a word
  const a = to * substringCodes + substringCode('a');
  emit[a] = Math.max(emit[a]!, unseenEmitCost);
  if (position !== 'initial') return;
  for (const vowel of yehVowelEmissions)
    emit[to * substringCodes + substringCode(vowel)]! += initialYehVowelCost;
}

/** The row of the letter at `position` of a word of `length` letters. */
function letterRow(model: TranslitModel, letter: string, position: number, length: number): number {
  const unknownRow = model.letterIndex.size;
  if (letter === yehLetter && position < length - 1) {
    const key = letter + (position === 0 ? positionSuffix.initial : positionSuffix.medial);
    return model.letterIndex.get(key) ?? unknownRow;
  }
  return model.letterIndex.get(letter) ?? unknownRow;
}

/** Extra cost of writing an Arabic consonant doubled (an unwritten shadda). */
export const geminationCost = 0.1;

/** Merges cost tables, keeping the cheaper cost of each choice (used for learned + list conventions). */
export function mergeCostTables(...tables: readonly TranslitCostTable[]): TranslitCostTable {
  const emit = new Map<string, readonly [string, string, number]>();
  const insert = new Map<string, readonly [string, number]>();
  for (const table of tables) {
    for (const row of table.emit) {
      const key = `${row[0]}\u0000${row[1]}`;
      const seen = emit.get(key);
      if (seen === undefined || row[2] < seen[2]) emit.set(key, row);
    }
    for (const row of table.insert) {
      const seen = insert.get(row[0]);
      if (seen === undefined || row[1] < seen[1]) insert.set(row[0], row);
    }
  }
  return { emit: [...emit.values()], insert: [...insert.values()] };
}

export type AlignmentStep =
  | { readonly op: 'emit'; readonly arabic: string; readonly latin: string; readonly cost: number }
  | { readonly op: 'insert'; readonly latin: string; readonly cost: number };

interface AlignmentTable {
  /** two layers: [0] last step was not an inserted vowel, [1] it was */
  readonly cost: readonly [Float64Array, Float64Array];
  /** back-pointer per layer: kind * 8 + length (kind 1 = emit, 2 = insert), + 32 if it came from layer 1 */
  readonly back: readonly [Uint8Array, Uint8Array];
  readonly width: number;
}

/**
 * Each unwritten short vowel is cheap, but a run of inserted vowels ("ou" in MAHMOUD against
 * محمد) is a long vowel that Arabic would have written: the second vowel of a run pays this.
 */
export const insertedVowelRunCost = 0.6;
/** Extra cost of a Latin letter inserted before the first Arabic letter (Arabic writes a word-initial vowel). */
export const initialInsertCost = 0.8;
/** Extra cost of a Latin letter inserted after the last Arabic letter (Karimi against كريم). */
export const finalInsertCost = 0.45;

function latinLetters(latin: string): string {
  return latin.replace(/[^a-z]/g, '').slice(0, alignLengthMax);
}

const vowelCodes = new Set([1, 5, 9, 15, 21]);

function align(
  model: TranslitModel,
  arabic: readonly string[],
  latin: string,
  withBack: boolean,
  bound = Infinity,
): AlignmentTable | undefined {
  const width = latin.length + 1;
  const size = (arabic.length + 1) * width;
  const cost0 = new Float64Array(size).fill(Infinity);
  const cost1 = new Float64Array(size).fill(Infinity);
  const back0 = new Uint8Array(withBack ? size : 0);
  const back1 = new Uint8Array(withBack ? size : 0);
  const codes = new Int32Array(latin.length);
  for (let j = 0; j < latin.length; j++) codes[j] = charCode(latin[j]!);
  cost0[0] = 0;
  for (let i = 0; i <= arabic.length; i++) {
    const rowBase =
      i > 0 ? letterRow(model, arabic[i - 1]!, i - 1, arabic.length) * substringCodes : 0;
    let rowMin = Infinity;
    for (let j = 0; j <= latin.length; j++) {
      if (i === 0 && j === 0) continue;
      let best0 = Infinity;
      let pointer0 = 0;
      let best1 = Infinity;
      let pointer1 = 0;
      // Arabic letter i produces latin[j-k .. j)
      if (i > 0) {
        let code = 0;
        for (let k = 0; k <= emitLengthMax && k <= j; k++) {
          if (k > 0) code = code * alphabetSize + codes[j - k]!;
          const at = (i - 1) * width + j - k;
          const fromLayer1 = cost1[at]! < cost0[at]!;
          const candidate = (fromLayer1 ? cost1[at]! : cost0[at]!) + model.emit[rowBase + code]!;
          if (candidate < best0) {
            best0 = candidate;
            pointer0 = 8 + k + (fromLayer1 ? 32 : 0);
          }
        }
      }
      // latin[j-k .. j) inserted without an Arabic source
      let code = 0;
      for (let k = 1; k <= insertLengthMax && k <= j; k++) {
        code = code * alphabetSize + codes[j - k]!;
        const at = i * width + j - k;
        // a Latin vowel before the first or after the last Arabic letter has no unwritten short
        // vowel to stand for: Arabic writes a word-initial vowel with alef or ain (AHMAD ≠ حماد)
        const edge =
          i === 0
            ? initialInsertCost
            : i === arabic.length && j === latin.length
              ? finalInsertCost
              : 0;
        const insertCost = model.insert[code]! + edge;
        if (k === 1 && vowelCodes.has(code)) {
          const fromLayer1Cost = cost1[at]! + insertCost + insertedVowelRunCost;
          const fromLayer0Cost = cost0[at]! + insertCost;
          const fromLayer1 = fromLayer1Cost < fromLayer0Cost;
          const candidate = fromLayer1 ? fromLayer1Cost : fromLayer0Cost;
          if (candidate < best1) {
            best1 = candidate;
            pointer1 = 16 + k + (fromLayer1 ? 32 : 0);
          }
        } else {
          const fromLayer1 = cost1[at]! < cost0[at]!;
          const candidate = (fromLayer1 ? cost1[at]! : cost0[at]!) + insertCost;
          if (candidate < best0) {
            best0 = candidate;
            pointer0 = 16 + k + (fromLayer1 ? 32 : 0);
          }
        }
      }
      cost0[i * width + j] = best0;
      cost1[i * width + j] = best1;
      if (best0 < rowMin) rowMin = best0;
      if (best1 < rowMin) rowMin = best1;
      if (withBack) {
        back0[i * width + j] = pointer0;
        back1[i * width + j] = pointer1;
      }
    }
    // costs only grow along a row-to-row path: once a whole row is over the bound, so is the end
    if (i > 0 && rowMin > bound) return undefined;
  }
  return { cost: [cost0, cost1], back: [back0, back1], width };
}

function finalCost(table: AlignmentTable, at: number): number {
  return Math.min(table.cost[0][at]!, table.cost[1][at]!);
}

/** An Arabic token resolved to its rows of the cost table once, for many comparisons. */
export interface PreparedArabic {
  readonly rowBases: Int32Array;
}

export function prepareArabic(model: TranslitModel, arabic: string): PreparedArabic {
  const letters = [...arabic].slice(0, alignLengthMax);
  return {
    rowBases: Int32Array.from(
      letters,
      (letter, i) => letterRow(model, letter, i, letters.length) * substringCodes,
    ),
  };
}

/** A Latin token as letter codes 1..26 (other characters dropped), for many comparisons. */
export function encodeLatin(latin: string): Uint8Array {
  const letters = latinLetters(latin);
  return Uint8Array.from(letters, (letter) => charCode(letter));
}

// Scratch rows for the cost-only alignment; every call overwrites what it reads.
const scratchSize = (alignLengthMax + 1) * (alignLengthMax + 1);
const scratch0 = new Float64Array(scratchSize);
const scratch1 = new Float64Array(scratchSize);

/** How far above the bound alignCost still keeps a cell (far above float rounding of costs). */
const alignCutSlack = 1e-9;

/**
 * Same recurrence as align() without back-pointers or allocation: the hot path of screening.
 * Costs are never negative, so a cell over `bound` cannot lie on an alignment within it: such
 * cells are set to Infinity and each row is computed only over the columns its live cells can
 * reach (emissions from the previous row's live columns, then inserts to the right while the
 * row's last cells are live). The result is exact whenever it is within `bound`.
 */
function alignCost(
  model: TranslitModel,
  rows: Int32Array,
  codes: Uint8Array,
  bound: number,
): number {
  const n = rows.length;
  const m = codes.length;
  const width = m + 1;
  const cost0 = scratch0;
  const cost1 = scratch1;
  const emit = model.emit;
  const insert = model.insert;
  // Cells are cut a little above the bound: a cell within rounding of it keeps its exact cost,
  // so every row's minimum, and the end, are what the full recurrence gives whenever the row
  // rule below lets them through (identical results, not merely results within the bound).
  const cellBound = bound + alignCutSlack;
  // live columns of the previous row: [previousLow, previousHigh]
  let previousLow = 0;
  let previousHigh = 0;
  for (let i = 0; i <= n; i++) {
    const rowBase = i > 0 ? rows[i - 1]! : 0;
    const rowStart = i * width;
    const first = i === 0 ? 0 : previousLow;
    for (let j = 0; j < first; j++) {
      cost0[rowStart + j] = Infinity;
      cost1[rowStart + j] = Infinity;
    }
    let low = -1;
    let high = -1;
    let rowMin = Infinity;
    let j = first;
    for (; j <= m; j++) {
      // past the previous row's reach only inserts continue, from the last two cells
      if (i > 0 && j > previousHigh + emitLengthMax && high < j - insertLengthMax) break;
      if (i === 0 && j > 0 && high < j - insertLengthMax) break;
      const at = rowStart + j;
      if (i === 0 && j === 0) {
        cost0[0] = 0;
        cost1[0] = Infinity;
        low = 0;
        high = 0;
        continue;
      }
      let best0 = Infinity;
      let best1 = Infinity;
      if (i > 0) {
        let code = 0;
        for (let k = 0; k <= emitLengthMax && k <= j; k++) {
          if (k > 0) code = code * alphabetSize + codes[j - k]!;
          const from = at - width - k;
          const previous = cost0[from]! < cost1[from]! ? cost0[from]! : cost1[from]!;
          const candidate = previous + emit[rowBase + code]!;
          if (candidate < best0) best0 = candidate;
        }
      }
      const edge = i === 0 ? initialInsertCost : i === n && j === m ? finalInsertCost : 0;
      let code = 0;
      for (let k = 1; k <= insertLengthMax && k <= j; k++) {
        code = code * alphabetSize + codes[j - k]!;
        const from = at - k;
        const insertCost = insert[code]! + edge;
        if (k === 1 && (code === 1 || code === 5 || code === 9 || code === 15 || code === 21)) {
          const viaRun = cost1[from]! + insertCost + insertedVowelRunCost;
          const viaStart = cost0[from]! + insertCost;
          const candidate = viaRun < viaStart ? viaRun : viaStart;
          if (candidate < best1) best1 = candidate;
        } else {
          const previous = cost0[from]! < cost1[from]! ? cost0[from]! : cost1[from]!;
          const candidate = previous + insertCost;
          if (candidate < best0) best0 = candidate;
        }
      }
      if (best0 > cellBound) best0 = Infinity;
      if (best1 > cellBound) best1 = Infinity;
      cost0[at] = best0;
      cost1[at] = best1;
      if (best0 !== Infinity || best1 !== Infinity) {
        if (low < 0) low = j;
        high = j;
        if (best0 < rowMin) rowMin = best0;
        if (best1 < rowMin) rowMin = best1;
      }
    }
    for (; j <= m; j++) {
      cost0[rowStart + j] = Infinity;
      cost1[rowStart + j] = Infinity;
    }
    // the row rule of align(): once a whole row is over the bound, so is the end
    if (i > 0 && rowMin > bound) return Infinity;
    previousLow = low;
    previousHigh = high;
  }
  const end = n * width + m;
  return Math.min(cost0[end]!, cost1[end]!);
}

/** Cheapest alignment cost of an Arabic-script token (unified letters) and a Latin token; Infinity once over `bound`. */
export function translitDistance(
  model: TranslitModel,
  arabic: string,
  latin: string,
  bound = Infinity,
): number {
  return alignCost(model, prepareArabic(model, arabic).rowBases, encodeLatin(latin), bound);
}

/** The cheapest alignment, step by step (for explanations and for training). */
export function translitAlignment(
  model: TranslitModel,
  arabic: string,
  latin: string,
): AlignmentStep[] {
  const letters = [...arabic].slice(0, alignLengthMax);
  const text = latinLetters(latin);
  const table = align(model, letters, text, true)!;
  const steps: AlignmentStep[] = [];
  let i = letters.length;
  let j = text.length;
  let layer: 0 | 1 =
    table.cost[1][i * table.width + j]! < table.cost[0][i * table.width + j]! ? 1 : 0;
  while (i > 0 || j > 0) {
    const at = i * table.width + j;
    const pointer = table.back[layer][at]!;
    const k = pointer & 7;
    const previousLayer: 0 | 1 = pointer & 32 ? 1 : 0;
    const here = table.cost[layer][at]!;
    if ((pointer & 24) === 16) {
      const before = table.cost[previousLayer][at - k]!;
      steps.push({ op: 'insert', latin: text.slice(j - k, j), cost: here - before });
      j -= k;
    } else if ((pointer & 24) === 8) {
      const before = table.cost[previousLayer][at - table.width - k]!;
      steps.push({
        op: 'emit',
        arabic: letters[i - 1]!,
        latin: text.slice(j - k, j),
        cost: here - before,
      });
      i -= 1;
      j -= k;
    } else {
      break;
    }
    layer = previousLayer;
  }
  return steps.reverse();
}

/**
 * Similarity in [0, 1]. The cost is spread over the Arabic letters (each one is a decision the
 * romaniser made); see docs/screening.md for how the scale was calibrated on the TRAIN split.
 */
export function translitSimilarity(
  model: TranslitModel,
  arabic: string,
  latin: string,
  similarityMin = 0,
): number {
  return preparedTranslitSimilarity(
    model,
    prepareArabic(model, arabic),
    encodeLatin(latin),
    similarityMin,
  );
}

/** translitSimilarity on prepared tokens; 0 when below similarityMin is certain early. */
export function preparedTranslitSimilarity(
  model: TranslitModel,
  arabic: PreparedArabic,
  latin: Uint8Array,
  similarityMin = 0,
): number {
  const letterCount = arabic.rowBases.length;
  if (letterCount === 0) return 0;
  // one Arabic letter yields at most emitLengthMax Latin letters plus inserted vowels between
  if (latin.length > letterCount * (emitLengthMax + insertLengthMax) + insertLengthMax) return 0;
  const scale = letterCount + translitLengthSlack;
  // alignCost keeps cells within rounding of the bound: (1 - 0.8) * 2.5 is 0.49999999999999994,
  // while a cost of 0.5 gives similarity 0.8 exactly (translit-model.test.ts)
  const distance = alignCost(model, arabic.rowBases, latin, (1 - similarityMin) * scale);
  return Math.max(0, 1 - distance / scale);
}

/** Added to the letter count so one costly letter in a short name does not sink it. */
export const translitLengthSlack = 0.5;
