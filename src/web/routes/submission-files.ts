/**
 * Downloads of submission files: `GET /lti/app/tasks/:taskId/submissions/:submissionId/files/:fileId`.
 * Who may download is decided by `openSubmissionFile` (authors, the work's peer reviewers,
 * facilitators of the course); the file always goes out as an attachment (`sendAttachment`).
 * Mounted inside the LTI chain, after the course actor is resolved.
 */
import { Router } from 'express';
import { asTeamTaskId } from '../../domain/shared/ids.js';
import { asSubmissionId } from '../../domain/submission/submission.js';
import type { ReviewDeps } from '../../services/shared/review-deps.js';
import { openSubmissionFile } from '../../services/submissions/open-submission-file.js';
import { asyncRoute } from '../async-route.js';
import { sendAttachment } from '../files/send-attachment.js';
import { courseActorOf } from '../launch/course-actor.js';

export const SUBMISSION_FILE_PATH = '/lti/app/tasks/:taskId/submissions/:submissionId/files/:fileId';

export function createSubmissionFileRouter(options: { readonly reviews: () => ReviewDeps }): Router {
  const router = Router();
  router.get(
    SUBMISSION_FILE_PATH,
    asyncRoute(async (req, res) => {
      const params = req.params as Record<string, string>;
      const file = await openSubmissionFile(options.reviews(), {
        ...courseActorOf(res),
        taskId: asTeamTaskId(params['taskId'] ?? ''),
        submissionId: asSubmissionId(params['submissionId'] ?? ''),
        fileId: params['fileId'] ?? '',
      });
      await sendAttachment(res, file);
    }),
  );
  return router;
}
