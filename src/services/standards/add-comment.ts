/** A member or a facilitator comments on the standard or a criterion, or replies in a thread. */
import { asCommentId, type CommentId, type CriterionId } from '../../domain/shared/ids.js';
import { addComment as decide } from '../../domain/standard/discussion.js';
import type { TeamworkDeps } from '../shared/deps.js';
import type { TeamStandard } from '../../domain/standard/team-standard.js';
import { criterionFacts } from './standard-events.js';
import { changeStandard, type StandardDeps, type StandardInput } from './change-standard.js';

export async function addComment(
  deps: StandardDeps & Pick<TeamworkDeps, 'newId'>,
  input: StandardInput & {
    readonly body: string;
    readonly criterionId?: CriterionId;
    readonly replyTo?: CommentId;
  },
): Promise<TeamStandard> {
  const commentId = asCommentId(deps.newId());
  const { standard } = await changeStandard(
    deps,
    input,
    'comment',
    (s, ctx) =>
      decide(
        s,
        {
          commentId,
          body: input.body,
          ...(input.criterionId !== undefined ? { criterionId: input.criterionId } : {}),
          ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
        },
        ctx,
      ),
    ({ standard: after }, _before, base) => {
      const comment = after.comments.find((c) => c.id === commentId);
      const criterion = criterionFacts(after, comment?.criterionId);
      return [
        {
          ...base,
          type: 'comment-added',
          commentId,
          ...(criterion !== undefined ? { criterion } : {}),
          text: comment?.body ?? input.body,
        },
      ];
    },
  );
  return standard;
}
