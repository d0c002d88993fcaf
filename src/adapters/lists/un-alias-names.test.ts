import { describe, expect, it } from 'vitest';
import { splitByScript } from './name-script.js';
import { unAliasNames } from './un-alias-names.js';

// Every input below is a verbatim ALIAS_NAME of the real UN consolidated list.
describe('unAliasNames', () => {
  it('splits packed Latin spellings on ";"', () => {
    expect(unAliasNames('Qasim Soleimani; Qasem Sulaimani', 'alias')).toEqual([
      { text: 'Qasim Soleimani', kind: 'alias' },
      { text: 'Qasem Sulaimani', kind: 'alias' },
    ]);
  });

  it('keeps parentheses of a Latin-only alias as part of the name', () => {
    expect(unAliasNames('Ansar al Charia in Libya (ASL)', 'alias')).toEqual([
      { text: 'Ansar al Charia in Libya (ASL)', kind: 'alias' },
    ]);
  });

  it('separates an Arabic name from its romanisations', () => {
    expect(unAliasNames('حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)', 'alias')).toEqual([
      { text: 'حسن غول', kind: 'original-script' },
      { text: 'Hassan Ghul', kind: 'alias' },
      { text: 'Hassan Gul', kind: 'alias' },
      { text: 'Hasan Gul', kind: 'alias' },
    ]);
  });

  it('drops the "original script:" label and trailing punctuation', () => {
    expect(unAliasNames('Abubakar (original script: Абубакар)', 'alias')).toEqual([
      { text: 'Abubakar', kind: 'alias' },
      { text: 'Абубакар', kind: 'original-script' },
    ]);
    expect(
      unAliasNames('Akhter Mohmad son of Noor Mohmad (اختر محمد ولد نور محمد ),', 'alias').map(
        (name) => name.text,
      ),
    ).toEqual(['Akhter Mohmad son of Noor Mohmad', 'اختر محمد ولد نور محمد']);
  });

  it('splits a name written twice without parentheses, and keeps a weak alias weak in any script', () => {
    expect(unAliasNames('Agha Jan Alizai اغا جان عالیزی', 'weak-alias')).toEqual([
      { text: 'Agha Jan Alizai', kind: 'weak-alias' },
      { text: 'اغا جان عالیزی', kind: 'weak-alias' },
    ]);
  });

  it('handles the nested form of QDe.137', () => {
    const names = unAliasNames(
      'Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); Hay’at Tahrir al-Sham; Assembly for the Liberation of Syria)',
      'alias',
    );
    expect(names.map((name) => name.text)).toEqual([
      'Hay’at Tahrir al-Sham',
      'HTS',
      'هيئة تحرير الشام',
      'Hay’at Tahrir al-Sham',
      'Assembly for the Liberation of Syria',
    ]);
    expect(names[2]!.kind).toBe('original-script');
  });

  it('gives nothing for an empty alias', () => {
    expect(unAliasNames('  ', 'alias')).toEqual([]);
  });
});

describe('splitByScript', () => {
  it('splits at script changes only', () => {
    expect(splitByScript('El Harrachi الحراشي')).toEqual(['El Harrachi', 'الحراشي']);
    expect(splitByScript('Abu-Shaima')).toEqual(['Abu-Shaima']);
  });
});
