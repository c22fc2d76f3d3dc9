/**
 * Stories, and the "helpful" marks on them (one per person and story).
 *
 * Besides the story itself a document carries the fields the library searches on, derived by the
 * repository from the domain value on every write: `reach` (the visibility key of a listed
 * story, null otherwise), `publishedAt`, `featured`, `kind`, `terms` (normalised search terms)
 * and `criterionKeys`. There is no text index (our embedded server has none): the three search
 * indexes lead with the tenant, then the reach, then a multikey tag array, then the publication
 * date, which both MongoDB and the embedded server scan newest-first and stop at the page size.
 */
import { Schema, type Connection, type Model } from 'mongoose';

export interface StoryContentDoc {
  title: string;
  narrative: string;
  kind: string;
  criteria: { name: string; criterionId?: string }[];
  standard?: { standardId: string; version: number };
  visibility: string;
}

export interface StoryDoc {
  _id: string;
  tenant: string;
  courseId: string;
  taskId?: string;
  teamId?: string;
  authors: string[];
  draft: StoryContentDoc;
  published?: StoryContentDoc & { at: Date; by: string };
  status: string;
  returnComment?: string;
  history: { action: string; by: string; at: Date; comment?: string }[];
  helpfulCount: number;
  viewCount: number;
  createdAt: Date;
  updatedAt: Date;
  revision: number;
  reach: string | null;
  publishedAt: Date | null;
  featured: boolean;
  kind: string;
  terms: string[];
  criterionKeys: string[];
}

export interface StoryHelpfulMarkDoc {
  _id: string;
  storyId: string;
  userId: string;
  at: Date;
}

/** One reader's view of a story on one UTC day (`_id` = story, reader and day). */
export interface StoryViewDoc {
  _id: string;
  storyId: string;
  userId: string;
  day: string;
  at: Date;
}

const contentFields = {
  title: { type: String, required: true },
  narrative: { type: String, required: true },
  kind: { type: String, required: true },
  criteria: {
    type: [new Schema({ name: { type: String, required: true }, criterionId: String }, { _id: false })],
    default: [],
  },
  standard: { type: new Schema({ standardId: String, version: Number }, { _id: false }) },
  visibility: { type: String, required: true },
};

const storySchema = new Schema<StoryDoc>(
  {
    _id: { type: String, required: true },
    tenant: { type: String, required: true },
    courseId: { type: String, required: true },
    taskId: String,
    teamId: String,
    authors: { type: [String], required: true },
    draft: { type: new Schema(contentFields, { _id: false }), required: true },
    published: {
      type: new Schema(
        { ...contentFields, at: { type: Date, required: true }, by: { type: String, required: true } },
        { _id: false },
      ),
    },
    status: { type: String, required: true },
    returnComment: String,
    history: {
      type: [
        new Schema(
          {
            action: { type: String, required: true },
            by: { type: String, required: true },
            at: { type: Date, required: true },
            comment: String,
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    helpfulCount: { type: Number, default: 0 },
    viewCount: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
    reach: { type: String, default: null },
    publishedAt: { type: Date, default: null },
    featured: { type: Boolean, default: false },
    kind: { type: String, required: true },
    terms: { type: [String], default: [] },
    criterionKeys: { type: [String], default: [] },
  },
  { collection: 'stories', versionKey: false, minimize: true },
);
// Library search: browse, text, criterion. Tenant first: no query can leave its tenant.
storySchema.index({ tenant: 1, reach: 1, publishedAt: -1 }, { name: 'library_browse' });
storySchema.index({ tenant: 1, reach: 1, terms: 1, publishedAt: -1 }, { name: 'library_terms' });
storySchema.index({ tenant: 1, reach: 1, criterionKeys: 1, publishedAt: -1 }, { name: 'library_criteria' });
// Curation queue of a course, a team's stories, a person's stories.
storySchema.index({ courseId: 1, status: 1, createdAt: 1 });
storySchema.index({ teamId: 1, createdAt: -1 });
storySchema.index({ authors: 1, createdAt: -1 });

const helpfulMarkSchema = new Schema<StoryHelpfulMarkDoc>(
  {
    _id: { type: String, required: true },
    storyId: { type: String, required: true },
    userId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'storyHelpfulMarks', versionKey: false },
);
helpfulMarkSchema.index({ storyId: 1, userId: 1 }, { unique: true });
helpfulMarkSchema.index({ userId: 1 });

const viewSchema = new Schema<StoryViewDoc>(
  {
    _id: { type: String, required: true },
    storyId: { type: String, required: true },
    userId: { type: String, required: true },
    day: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'storyViews', versionKey: false },
);
viewSchema.index({ storyId: 1, day: 1 });

export function storyModel(connection: Connection): Model<StoryDoc> {
  return (
    (connection.models['Story'] as Model<StoryDoc> | undefined) ??
    connection.model<StoryDoc>('Story', storySchema)
  );
}

export function storyHelpfulMarkModel(connection: Connection): Model<StoryHelpfulMarkDoc> {
  return (
    (connection.models['StoryHelpfulMark'] as Model<StoryHelpfulMarkDoc> | undefined) ??
    connection.model<StoryHelpfulMarkDoc>('StoryHelpfulMark', helpfulMarkSchema)
  );
}

export function storyViewModel(connection: Connection): Model<StoryViewDoc> {
  return (
    (connection.models['StoryView'] as Model<StoryViewDoc> | undefined) ??
    connection.model<StoryViewDoc>('StoryView', viewSchema)
  );
}
