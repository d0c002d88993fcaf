// The form under which an Arabic-script word of an organisation name is looked up for its
// translation: the same key for a dictionary's word and a document's. Arabic joins the article
// and a preposition or "and" to the word (للنفط "for the oil", والبحوث "and the research"),
// inflects an adjective for the feminine nouns of organisation names (علمية beside علمي), and
// writes a final ta marbuta that normalisation has already made ه; Persian adds the plural
// suffix ها/های. Only these are taken off; a bare و or ب stays (وزارة is not و + زارة).
/** Letters a word keeps at least after a clitic or suffix is taken off. */
export const orgWordStemLettersMin = 3;

const cliticArticle = /^(?:وال|بال|فال|كال|لل|ال)/;
const persianPlural = /(?:هاي|ها)$/;

/** Key of a normalised (unified-letter) Arabic-script word; idempotent. */
export function orgWordKey(word: string): string {
  let key = word;
  const long = (letters: number) => letters >= orgWordStemLettersMin;
  // the plural first: the stem the article leaves must be long without it (المدها is المد + ها,
  // whose stem مد is too short to lose its article, as المد alone keeps it)
  const plural = persianPlural.exec(key);
  if (plural !== null && long(key.length - plural[0].length)) key = key.slice(0, -plural[0].length);
  const clitic = cliticArticle.exec(key);
  if (clitic !== null && long(key.length - clitic[0].length)) key = key.slice(clitic[0].length);
  if (key.endsWith('يه') && long(key.length - 1)) key = key.slice(0, -1);
  else if (key.endsWith('ه') && long(key.length - 1)) key = key.slice(0, -1);
  return key === word ? key : orgWordKey(key);
}
