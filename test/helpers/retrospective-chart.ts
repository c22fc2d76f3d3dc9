/** Reading the retrospective page's chart (`#rating-chart`) in page tests. */

/** The text of some HTML: tags dropped, white space collapsed. */
export const squash = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The chart's list item of a criterion, from after `<li` (its attributes first); '' when absent. */
export function chartItem(html: string, name: string): string {
  const chart = html.slice(html.indexOf('id="rating-chart"'));
  const items = chart.slice(0, chart.indexOf('</ul>')).split('<li').slice(1);
  return items.find((li) => li.includes(name)) ?? '';
}

/** The chart row of a criterion as text, e.g. "Clarity Team 3 / 3 3 / 3 Peers 1 / 3 1 / 3". */
export const chartRowText = (html: string, name: string): string => squash(`<li${chartItem(html, name)}`);
