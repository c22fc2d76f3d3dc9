/** Download headers: always an attachment, nosniff, sandboxed, text as plain text, safe file names. */
import { expect } from 'chai';
import { attachmentHeaders, contentDisposition } from '../../../../src/web/files/send-attachment.js';

describe('web: file downloads as attachments', function () {
  it('sends text as text/plain with nosniff, a sandboxing CSP and no caching', function () {
    expect(attachmentHeaders({ name: 'a.md', size: 12, contentType: 'text/markdown' })).to.deep.equal({
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': '12',
      'Content-Disposition': `attachment; filename="a.md"; filename*=UTF-8''a.md`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
    expect(
      attachmentHeaders({ name: 'x.pdf', size: 1, contentType: 'application/pdf' })['Content-Type'],
    ).to.equal('application/pdf');
  });

  it('encodes names so quotes, newlines and non-ASCII cannot break the header', function () {
    expect(contentDisposition('report "final".pdf')).to.equal(
      `attachment; filename="report _final_.pdf"; filename*=UTF-8''report%20%22final%22.pdf`,
    );
    expect(contentDisposition('a\r\nSet-Cookie: x=1')).to.equal(
      `attachment; filename="a__Set-Cookie: x=1"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1`,
    );
    expect(contentDisposition("naïve (1)'.txt")).to.equal(
      `attachment; filename="na_ve (1)'.txt"; filename*=UTF-8''na%C3%AFve%20%281%29%27.txt`,
    );
  });
});
