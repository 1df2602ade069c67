import { describe, expect, it } from 'vitest';
import { messages, siteKinds, t } from '../src/i18n';
import { formSpecs } from '../src/formSpecs';
import { tileSpecs } from '../src/indicators';

describe('i18n', () => {
  it('has a Chinese and an English text for every key', () => {
    for (const [key, value] of Object.entries(messages)) {
      expect(value.zh.trim(), `${key}.zh`).not.toBe('');
      expect(value.en.trim(), `${key}.en`).not.toBe('');
    }
  });
  it('writes Chinese in the Chinese texts of the indicators and site kinds', () => {
    const han = /\p{Script=Han}/u;
    for (const spec of tileSpecs) {
      expect(han.test(t(spec.key, 'zh')), spec.key).toBe(true);
    }
    for (const [kind, label] of Object.entries(siteKinds)) {
      expect(han.test(label.zh), kind).toBe(true);
      expect(label.en.trim(), kind).not.toBe('');
    }
  });
  it('labels every form field in both languages', () => {
    for (const spec of formSpecs) {
      expect(messages[spec.title], spec.key).toBeDefined();
      for (const field of spec.fields) {
        expect(field.label.zh.trim(), `${spec.key}.${field.name}.zh`).not.toBe('');
        expect(field.label.en.trim(), `${spec.key}.${field.name}.en`).not.toBe('');
      }
    }
  });
});
