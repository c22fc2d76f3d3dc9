import { expect } from 'chai';
import { en } from '../../../../src/web/i18n/messages/en.js';
import { nl } from '../../../../src/web/i18n/messages/nl.js';
import { resolveLocale, translate, UnknownMessageError } from '../../../../src/web/i18n/translate.js';

describe('translate', () => {
  it('returns the text for a key in the asked locale', () => {
    expect(translate('en', 'errors.notFound.title')).to.equal(en.errors.notFound.title);
    expect(translate('nl', 'errors.notFound.title')).to.equal(nl.errors.notFound.title);
    expect(translate('nl', 'errors.notFound.title')).not.to.equal(translate('en', 'errors.notFound.title'));
  });

  it('fills {placeholders} from the parameters', () => {
    expect(translate('en', 'errors.server.errorId', { id: 'e-123' })).to.equal(
      en.errors.server.errorId.replace('{id}', 'e-123'),
    );
  });

  it('falls back to English for a key the locale has not translated', () => {
    expect(nl.errors.invalid).not.to.have.property('issue');
    expect(translate('nl', 'errors.invalid.issue', { field: 'name', problem: 'x' })).to.equal('name: x');
  });

  it('chooses the plural form the count asks for, by the locale’s rules', () => {
    expect(translate('en', 'library.adoptedBy', { count: 1 })).to.equal('Adopted by 1 team');
    expect(translate('en', 'library.adoptedBy', { count: 0 })).to.equal('Adopted by 0 teams');
    expect(translate('en', 'library.adoptedBy', { count: 3 })).to.equal('Adopted by 3 teams');
    expect(translate('nl', 'tasks.page.placesOpen', { count: 1 })).to.equal('1 lid');
    expect(translate('nl', 'tasks.page.placesOpen', { count: 4 })).to.equal('4 leden');
    // A count from a template may arrive as text; a form the locale lacks falls back to "other".
    expect(translate('en', 'library.views', { count: '1' })).to.equal('1 view');
    expect(translate('nl', 'library.views', { count: 1 })).to.equal('1 keer bekeken');
    expect(translate('en', 'library.views')).to.equal('{count} views');
  });

  it('has a Dutch text for every English message (the field-issue line reads the same in both)', () => {
    const untranslated: string[] = [];
    const walk = (english: object, dutch: unknown, prefix: string): void => {
      for (const [name, value] of Object.entries(english)) {
        const key = prefix + name;
        const there = (dutch as Record<string, unknown> | undefined)?.[name];
        if (typeof value === 'string' || 'other' in value) {
          if (there === undefined) untranslated.push(key);
        } else walk(value as object, there, `${key}.`);
      }
    };
    walk(en, nl, '');
    expect(untranslated).to.deep.equal(['errors.invalid.issue']);
  });

  it('fails loudly for a key English does not have, so a template typo is caught by tests', () => {
    expect(() => translate('en', 'home.nope')).to.throw(UnknownMessageError);
  });
});

describe('resolveLocale', () => {
  it('takes the first supported candidate, matching by language', () => {
    expect(resolveLocale(['nl-BE'])).to.equal('nl');
    expect(resolveLocale(['fr', 'nl'])).to.equal('nl');
    expect(resolveLocale([undefined, 'EN-gb'])).to.equal('en');
  });

  it('falls back to English', () => {
    expect(resolveLocale(['fr-FR', 'de'])).to.equal('en');
    expect(resolveLocale([])).to.equal('en');
  });
});
