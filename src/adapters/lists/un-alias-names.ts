// A UN ALIAS_NAME is sometimes several names in one string: spellings packed with ";", and names
// in Arabic or Cyrillic script paired with romanisations in parentheses ("حسن غول (Hassan Ghul;
// Hassan Gul)", "Abubakar (original script: Абубакар)"). Each becomes a name of its own, and the
// non-Latin ones become original-script names: those are what cross-script matching needs.
import type { ListedName } from '../../core/screening/entry.js';
import { hasLatinLetter, hasNonLatinLetter, splitByScript } from './name-script.js';

type AliasKind = ListedName['kind'];

export function unAliasNames(aliasText: string, kind: AliasKind): ListedName[] {
  const text = aliasText.replace(/\s+/g, ' ').trim();
  if (text.length === 0) return [];
  const mixedScripts = hasNonLatinLetter(text) && hasLatinLetter(text);
  // Parentheses only separate names when scripts are mixed: in a Latin-only alias they are part
  // of the name as published ("Ansar al Charia in Libya (ASL)" stays whole).
  const pieces = mixedScripts ? text.split(/[;()]/).flatMap(splitByScript) : text.split(';');
  return pieces
    .map(cleanPiece)
    .filter((piece) => /\p{L}/u.test(piece))
    .map((piece) => ({
      text: piece,
      kind: hasNonLatinLetter(piece) && kind !== 'weak-alias' ? 'original-script' : kind,
    }));
}

function cleanPiece(piece: string): string {
  return piece
    .replace(/\boriginal script:?/i, '')
    .replace(/\s+-\s+sub-unit name$/i, '')
    .replace(/^[\s,:;-]+|[\s,:;-]+$/g, '')
    .trim();
}
