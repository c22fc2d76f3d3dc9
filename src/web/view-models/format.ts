/** Dates for people: in the page's language, in UTC (the tool does not know the viewer's zone). */
import type { Locale } from '../i18n/translate.js';

const formats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDateTime(date: Date, locale: Locale): string {
  let format = formats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    formats.set(locale, format);
  }
  return format.format(date);
}
