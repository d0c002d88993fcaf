// How sanctions lists romanise Arabic and Persian, as costs in the same units as the learned
// table (0 = the usual choice, 1 = a full edit). The Wikidata TRAIN pairs are mostly Arabic
// spellings of European names (ف → v, ج → g, ق → k dominate there), while OFAC and the UN write
// Arabic and Persian names: ق as Q or GH (GHANI, QANI), و as V/OU (VAHIDI, DAVOUD), ذ ض ظ as Z in
// Persian (REZA, KAZEM), the unwritten vowels as E/O in Persian. The model uses the cheaper of the
// learned and the listed cost for each choice, so these conventions are never priced as errors.
import type { TranslitCostTable } from './translit-model.js';

const conventions: Record<string, Record<string, number>> = {
  ا: { a: 0, aa: 0.1, e: 0.3, i: 0.3, o: 0.35, u: 0.35, '': 0.3 },
  ب: { b: 0 },
  پ: { p: 0, b: 0.3 },
  ت: { t: 0 },
  ث: { th: 0, s: 0.2, t: 0.3 },
  ج: { j: 0, g: 0.3, dj: 0.2, dsh: 0.5 },
  چ: { ch: 0, tch: 0.2, j: 0.4 },
  ح: { h: 0, kh: 0.6, '': 0.6 },
  خ: { kh: 0, h: 0.4, x: 0.4, ch: 0.4 },
  د: { d: 0 },
  ذ: { dh: 0, z: 0.1, th: 0.2, d: 0.2 },
  ر: { r: 0 },
  ز: { z: 0 },
  ژ: { zh: 0, j: 0.2, z: 0.3 },
  س: { s: 0 },
  ش: { sh: 0, ch: 0.2, sch: 0.3, s: 0.4 },
  ص: { s: 0 },
  ض: { d: 0, dh: 0.1, z: 0.1 },
  ط: { t: 0 },
  ظ: { z: 0, dh: 0.1, th: 0.2, d: 0.3 },
  ع: { '': 0, a: 0, e: 0.1, i: 0.2, o: 0.2, u: 0.2, aa: 0.3 },
  غ: { gh: 0, g: 0.2, q: 0.3 },
  ف: { f: 0, ph: 0.4 },
  ق: { q: 0, gh: 0.1, k: 0.15, g: 0.25 },
  // Afghan and Pakistani names are often typed with Arabic ك where Persian writes گ (كل, Gul)
  ك: { k: 0, c: 0.2, ck: 0.3, g: 0.3 },
  گ: { g: 0, gu: 0.3, k: 0.3 },
  ل: { l: 0 },
  م: { m: 0 },
  ن: { n: 0 },
  ه: { h: 0, eh: 0.1, ah: 0.1, ha: 0.15, e: 0.2, a: 0.2, '': 0.3, at: 0.4 },
  و: { o: 0, u: 0, w: 0, v: 0.1, ou: 0.1, oo: 0.1, ow: 0.3, aw: 0.3, ov: 0.3, av: 0.3 },
  // a: the final alef maksura (ى, unified with ي) of Mustafa, Musa, Yahya, Isa
  ي: { i: 0, y: 0, e: 0.2, ee: 0.1, ey: 0.1, ei: 0.1, ai: 0.2, ay: 0.2, iy: 0.2, a: 0.25 },
};

/**
 * Short vowels Arabic script does not write; Persian romanisations add e and o. The lists write an
 * unwritten o or u as often as an e or i (MOHAMMAD, MUHAMMAD, MOHSEN, HOSSEIN), so they cost the
 * same: at 0.2 the commonest name, محمد, was 0.889 against MOHAMMAD, now 0.9 (the knee).
 */
const unwrittenVowels: Record<string, number> = { a: 0.1, e: 0.15, i: 0.15, o: 0.15, u: 0.15 };

export const listRomanisationTable: TranslitCostTable = {
  emit: Object.entries(conventions).flatMap(([letter, subs]) =>
    Object.entries(subs).map(([latin, cost]) => [letter, latin, cost] as const),
  ),
  insert: Object.entries(unwrittenVowels).map(([latin, cost]) => [latin, cost] as const),
};
