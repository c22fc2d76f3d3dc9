import { expect } from 'chai';
import { renderMarkdown } from '../../../src/web/markdown.js';

describe('renderMarkdown', () => {
  it('renders the usual markdown: emphasis, lists, links that open outside the LMS frame', () => {
    const html = renderMarkdown(
      'Do **this** and *that*:\n\n- one\n- two\n\n[Guide](https://example.org/guide)',
    );
    expect(html).to.contain('<strong>this</strong>').and.contain('<em>that</em>');
    expect(html).to.contain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(html).to.contain(
      '<a href="https://example.org/guide" target="_blank" rel="noopener noreferrer nofollow">Guide</a>',
    );
  });

  it('keeps raw HTML as text: no script, no event handlers, no inline frames', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror="alert(2)"> <iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.to.match(/<script|<img|<iframe/);
    expect(html).to.contain('&lt;img src=x onerror=');
    expect(html).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops links with a dangerous scheme', () => {
    for (const source of [
      '[x](javascript:alert(1))',
      '[x](vbscript:msgbox)',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
    ]) {
      expect(renderMarkdown(source)).not.to.match(/href=/);
    }
  });

  it('turns a top-level heading into h2 so the page keeps one h1, and empty source into nothing', () => {
    expect(renderMarkdown('# Title')).to.equal('<h2>Title</h2>');
    expect(renderMarkdown('   \n')).to.equal('');
  });
});
