// The transliteration model the engine ships: costs learned from the TRAIN split, merged with the
// list romanisation conventions (list-romanisation.ts says why both). Built once per process.
import { translitCostTable } from './data/translit-costs.js';
import { listRomanisationTable } from './list-romanisation.js';
import { buildTranslitModel, mergeCostTables, type TranslitModel } from './translit-model.js';

let model: TranslitModel | undefined;

export function defaultTranslitModel(): TranslitModel {
  model ??= buildTranslitModel(mergeCostTables(translitCostTable, listRomanisationTable), []);
  return model;
}
