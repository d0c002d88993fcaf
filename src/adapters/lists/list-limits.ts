// Every list input is bounded so a hostile or corrupt file fails loudly instead of exhausting
// memory. Sized with headroom over the real lists: OFAC sdn.csv is ~4 MB / ~15k entries, the EU
// consolidated XML ~25 MB / ~6k entries, the UN XML ~2 MB / ~1k entries.
export const fileSizeBytesMax = 256 * 1024 * 1024;
export const entriesCountMax = 200_000;
/** the longest real primary name is ~200 characters; a 1,000-character "name" is corruption */
export const nameLengthCharsMax = 1_000;
export const namesPerEntryMax = 1_000;
/** remarks plus comments overflow; real ones stay under ~6,000 characters */
export const remarksLengthCharsMax = 100_000;
/** deepest real element nesting is 4 (UN) / 4 (EU); anything much deeper is not a sanctions list */
export const xmlDepthMax = 32;
/** one XML text node; the longest real one (UN COMMENTS1) is a few thousand characters */
export const xmlTextLengthCharsMax = 200_000;
/** rows of alt/add/comments files that may reference unknown entries are sampled, not all kept */
export const warningSamplesMax = 10;
/** a DOB range "1940 to 1990" is expanded year by year only up to this span; wider ranges keep their ends */
export const birthYearRangeSpanMax = 20;
/** rows in any one CSV file (alt/add files run ~25k in reality) */
export const csvRowsCountMax = 2_000_000;
/** one CSV record; bounds the buffer a missing closing quote can grow */
export const csvRecordSizeCharsMax = 128 * 1024;
