/**
 * Submission files in GridFS on the real store: the size limit (reading stops once it is passed)
 * and the content-type allow-list on sniffed content (HTML or SVG posing as text, unknown
 * binaries) refuse an upload and store nothing; the client's type is not trusted; and a download
 * over real HTTP on 127.0.0.1 is an attachment with nosniff, never inline HTML.
 */
import { expect } from 'chai';
import express from 'express';
import { InvalidInputError, NotPermittedError } from '../../../../src/domain/shared/errors.js';
import type { UserId } from '../../../../src/domain/shared/ids.js';
import { asSubmissionId } from '../../../../src/domain/submission/submission.js';
import { openSubmissionFile } from '../../../../src/services/submissions/open-submission-file.js';
import { saveSubmissionDraft } from '../../../../src/services/submissions/save-submission-draft.js';
import { uploadSubmissionFile } from '../../../../src/services/submissions/upload-submission-file.js';
import { SUBMISSION_FILES_BUCKET } from '../../../../src/store/files/submission-file-store.js';
import { sendAttachment } from '../../../../src/web/files/send-attachment.js';
import { expectRejection } from '../../../helpers/expect-rejection.js';
import { listenOnLoopback, type LoopbackServer } from '../../../helpers/loopback-server.js';
import { startReviewHarness, TEST_LIMITS, type ReviewHarness } from '../../../helpers/review-harness.js';
import { as, course, learner } from '../../../helpers/teamwork-harness.js';
import { TEAM_MEMBERS, setUpRound, type Round } from '../../../fixtures/review-round.js';

describe('services: submission files (GridFS)', function () {
  let h: ReviewHarness;
  let round: Round;
  let server: LoopbackServer;
  const [t0, t1] = TEAM_MEMBERS as [UserId[], UserId[], UserId[]];
  const d = () => h.reviewDeps;
  const who = (u: UserId) => as(learner(u));

  before(async function () {
    h = await startReviewHarness('submission-files');
    round = await setUpRound(h, {});
    h.at(2);
    const app = express();
    // The smallest web layer: who acts comes from headers here (the LTI layer in the tool).
    app.get('/files/:submissionId/:fileId', (req, res) => {
      const actor = learner(req.header('x-user') as UserId);
      openSubmissionFile(d(), {
        actor,
        courseId: course,
        taskId: round.taskId,
        submissionId: asSubmissionId(req.params.submissionId),
        fileId: req.params.fileId,
      })
        .then((file) => sendAttachment(res, file))
        .catch((error: unknown) => {
          res
            .status(error instanceof NotPermittedError ? 403 : 404)
            .type('text/plain')
            .send('refused');
        });
    });
    server = await listenOnLoopback(app);
  });
  after(async function () {
    await server?.close();
    await h?.stop();
  });

  async function stored(): Promise<{ files: number; chunks: number }> {
    const db = h.connection.db!;
    return {
      files: await db.collection(`${SUBMISSION_FILES_BUCKET}.files`).countDocuments(),
      chunks: await db.collection(`${SUBMISSION_FILES_BUCKET}.chunks`).countDocuments(),
    };
  }

  async function refusedUpload(
    name: string,
    declaredType: string,
    content: Uint8Array | AsyncIterable<Uint8Array>,
    code: string,
  ) {
    const before = await stored();
    const submissionBefore = await d().submissions.findByOwner(round.taskId, {
      kind: 'team',
      teamId: round.teams[1]!,
      members: t1,
    });
    const error = await expectRejection(
      uploadSubmissionFile(d(), { ...who(t1[0]!), taskId: round.taskId, name, declaredType, content }),
      InvalidInputError,
    );
    expect(error.issues).to.deep.equal([{ field: 'file', code }]);
    expect(await stored()).to.deep.equal(before);
    expect(
      await d().submissions.findByOwner(round.taskId, { kind: 'team', teamId: round.teams[1]!, members: t1 }),
    ).to.deep.equal(submissionBefore);
  }

  it('refuses a file over the size limit, reading no further than the limit, and stores nothing', async function () {
    await refusedUpload(
      'big.pdf',
      'application/pdf',
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(TEST_LIMITS.maxFileBytes)]),
      'too-large',
    );
    let produced = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      for (;;) {
        produced++;
        yield Buffer.alloc(16 * 1024, 0x41);
      }
    }
    await refusedUpload('endless.txt', 'text/plain', endless(), 'too-large');
    expect(produced).to.equal(Math.floor(TEST_LIMITS.maxFileBytes / (16 * 1024)) + 1);
  });

  it('refuses HTML and SVG declared as plain text, unknown binaries and empty files, storing nothing', async function () {
    await refusedUpload(
      'notes.txt',
      'text/plain',
      Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      'not-allowed',
    );
    await refusedUpload(
      'notes.txt',
      'text/plain',
      Buffer.from('\n  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'not-allowed',
    );
    await refusedUpload(
      'report.pdf',
      'application/pdf',
      Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]),
      'not-allowed',
    );
    await refusedUpload(
      'photo.gif',
      'image/gif',
      Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
      'not-allowed',
    );
    await refusedUpload('empty.txt', 'text/plain', Buffer.alloc(0), 'empty');
  });

  it('stores what the content is, not what the client said, and names it without a path', async function () {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    const submission = await uploadSubmissionFile(d(), {
      ...who(t0[0]!),
      taskId: round.taskId,
      name: '..\\..\\etc/diagram.png',
      declaredType: 'text/html',
      content: png,
    });
    expect(submission.draft[0]).to.deep.include({
      kind: 'file',
      name: 'diagram.png',
      contentType: 'image/png',
      size: png.length,
    });
  });

  it('serves a download as an attachment with nosniff over HTTP, and refuses it to another team', async function () {
    const text = 'Meeting notes: <b>not</b> HTML.\n';
    const submission = await uploadSubmissionFile(d(), {
      ...who(t0[1]!),
      taskId: round.taskId,
      name: 'notes – week 1.txt',
      declaredType: 'text/markdown',
      content: Buffer.from(text),
    });
    const part = submission.draft.find((p) => p.kind === 'file' && p.name.startsWith('notes'));
    const fileId = part?.kind === 'file' ? part.fileId : '';
    const url = `${server.url}/files/${submission.id}/${fileId}`;
    const res = await fetch(url, { headers: { 'x-user': t0[2]! } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('content-disposition')).to.equal(
      `attachment; filename="notes _ week 1.txt"; filename*=UTF-8''notes%20%E2%80%93%20week%201.txt`,
    );
    expect(res.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
    expect(await res.text()).to.equal(text);
    const refused = await fetch(url, { headers: { 'x-user': t1[0]! } });
    expect(refused.status).to.equal(403);
    expect(await refused.text()).to.equal('refused');
  });

  it('drops a file from the working copy when the draft is saved without it, and refuses pointing at a file not in it', async function () {
    const mine = await d().submissions.findByOwner(round.taskId, {
      kind: 'team',
      teamId: round.teams[0]!,
      members: t0,
    });
    const kept = mine!.draft.filter((p) => p.kind === 'file').slice(0, 1);
    const saved = await saveSubmissionDraft(d(), {
      ...who(t0[0]!),
      taskId: round.taskId,
      parts: kept.map((p) => ({ kind: 'file' as const, fileId: p.kind === 'file' ? p.fileId : '' })),
    });
    expect(saved.draft).to.deep.equal(kept);
    const error = await expectRejection(
      saveSubmissionDraft(d(), {
        ...who(t1[0]!),
        taskId: round.taskId,
        parts: [{ kind: 'file', fileId: kept[0]!.kind === 'file' ? kept[0]!.fileId : '' }],
      }),
      InvalidInputError,
    );
    expect(error.issues).to.deep.equal([{ field: 'parts.0.fileId', code: 'unknown-file' }]);
  });
});
