// Checks for bank identifiers. A mistyped IBAN would send escrow money to the wrong account, so
// identifiers are verified by their own check digits on load, not merely by shape.

/** IBAN lengths per country (ISO 13616 registry); an IBAN from a country not listed is rejected. */
const ibanLengthByCountry: Readonly<Record<string, number>> = {
  AE: 23,
  AT: 20,
  BE: 16,
  BH: 22,
  CH: 21,
  CY: 28,
  DE: 22,
  DK: 18,
  ES: 24,
  FR: 27,
  GB: 22,
  GR: 27,
  IE: 22,
  IQ: 23,
  IR: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  LB: 28,
  LU: 20,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PT: 25,
  QA: 29,
  SA: 24,
  SE: 24,
  TR: 26,
};

/** mod-97 of a digit string too long for a Number, computed in chunks. */
function mod97(digits: string): number {
  let remainder = 0;
  for (let index = 0; index < digits.length; index += 7) {
    remainder = Number(`${remainder}${digits.slice(index, index + 7)}`) % 97;
  }
  return remainder;
}

function lettersToDigits(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
}

export type IbanProblem = 'shape' | 'country' | 'length' | 'check-digits';

/** Returns undefined for a valid IBAN (electronic form: no spaces, upper case), else what is wrong. */
export function ibanProblem(iban: string): IbanProblem | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) return 'shape';
  const expectedLength = ibanLengthByCountry[iban.slice(0, 2)];
  if (expectedLength === undefined) return 'country';
  if (iban.length !== expectedLength) return 'length';
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  return mod97(lettersToDigits(rearranged)) === 1 ? undefined : 'check-digits';
}

export function isValidIban(iban: string): boolean {
  return ibanProblem(iban) === undefined;
}

/** The two check digits that make `country + ?? + bban` a valid IBAN (used to build test data). */
export function ibanCheckDigits(country: string, bban: string): string {
  const remainder = mod97(lettersToDigits(`${bban}${country}00`));
  return String(98 - remainder).padStart(2, '0');
}

/** BIC (ISO 9362): 4-letter institution, 2-letter country, 2 alphanumerics location, optional 3 branch. */
export function isValidBic(bic: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic);
}

export function bicCountry(bic: string): string {
  return bic.slice(4, 6);
}

/** LEI (ISO 17442): 18 alphanumerics + 2 check digits, mod-97 = 1 like an IBAN. */
export function isValidLei(lei: string): boolean {
  return /^[A-Z0-9]{18}\d{2}$/.test(lei) && mod97(lettersToDigits(lei)) === 1;
}
