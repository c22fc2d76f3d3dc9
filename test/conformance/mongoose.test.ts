/**
 * Pins what mongoose 9 relies on: schema indexes (autoIndex on init, syncIndexes adding and
 * dropping), versioned save() of arrays (VersionError on a stale copy), populate, countDocuments,
 * lean(), duplicate keys surfacing as MongoServerError 11000 with keyPattern/keyValue, and
 * findOneAndUpdate with upsert applying schema defaults on insert.
 */
import { expect } from 'chai';
import mongoose from 'mongoose';
import { startMongoTarget, type MongoTarget } from '../helpers/mongo-target.js';
import { captureError } from '../helpers/server-error.js';

const userSchema = new mongoose.Schema({
  email: { type: String, required: true, unique: true },
  org: String,
  createdAt: { type: Date, default: () => new Date(), expires: 3600 },
  tags: [String],
});
userSchema.index({ org: 1, email: -1 });

const authorSchema = new mongoose.Schema({ name: String });
const bookSchema = new mongoose.Schema({
  title: String,
  author: { type: mongoose.Schema.Types.ObjectId, ref: 'Author' },
});
const counterSchema = new mongoose.Schema({
  key: { type: String, required: true },
  status: { type: String, default: 'new' },
  hits: { type: Number, default: 0 },
});

function models(connection: mongoose.Connection) {
  return {
    User: connection.model('User', userSchema),
    Author: connection.model('Author', authorSchema),
    Book: connection.model('Book', bookSchema),
    Counter: connection.model('Counter', counterSchema),
  };
}

describe('conformance: mongoose 9', function () {
  let target: MongoTarget;
  let connection: mongoose.Connection;
  let m: ReturnType<typeof models>;

  before(async function () {
    target = await startMongoTarget();
    connection = await mongoose.createConnection(target.uriFor(target.dbName('mongoose'))).asPromise();
    m = models(connection);
    await Promise.all(Object.values(m).map((model) => model.init()));
  });

  after(async function () {
    await connection?.close();
    await target?.stop();
  });

  describe('schema indexes', function () {
    it('creates the schema indexes (unique, compound, TTL) when the model initialises', async function () {
      const indexes = await m.User.listIndexes();
      const byName = Object.fromEntries(indexes.map((i) => [i.name, i]));

      expect(Object.keys(byName).sort()).to.deep.equal(['_id_', 'createdAt_1', 'email_1', 'org_1_email_-1']);
      expect(byName.email_1).to.deep.include({ key: { email: 1 }, unique: true });
      expect(byName.createdAt_1).to.deep.include({ key: { createdAt: 1 }, expireAfterSeconds: 3600 });
      expect(byName['org_1_email_-1']).to.deep.include({ key: { org: 1, email: -1 } });
    });

    it('drops indexes that are not in the schema with syncIndexes', async function () {
      await m.User.collection.createIndex({ tags: 1 });

      const dropped = await m.User.syncIndexes();

      expect(dropped).to.deep.equal(['tags_1']);
      const names = (await m.User.listIndexes()).map((i) => i.name).sort();
      expect(names).to.deep.equal(['_id_', 'createdAt_1', 'email_1', 'org_1_email_-1']);
    });
  });

  describe('duplicate keys', function () {
    it('surfaces a unique violation as MongoServerError 11000 with keyPattern and keyValue', async function () {
      await m.User.create({ email: 'dup@example.org' });

      const error = await captureError(m.User.create({ email: 'dup@example.org' }));

      expect(error.name).to.equal('MongoServerError');
      expect(error.code).to.equal(11000);
      expect(error.keyPattern).to.deep.equal({ email: 1 });
      expect(error.keyValue).to.deep.equal({ email: 'dup@example.org' });
    });
  });

  describe('versioned save()', function () {
    it('increments __v when array positions shift and rejects a stale positional write with VersionError', async function () {
      const created = await m.User.create({ email: 'v@example.org', tags: ['a', 'b'] });
      expect(created.__v).to.equal(0);
      const first = await m.User.findById(created._id).orFail();
      const stale = await m.User.findById(created._id).orFail();

      (first.tags as unknown as mongoose.Types.Array<string>).pull('a');
      await first.save();
      (stale.tags as unknown as mongoose.Types.Array<string>).set(1, 'z');
      const error = await captureError(stale.save());

      expect(error.name).to.equal('VersionError');
      const stored = await m.User.findById(created._id).lean().orFail();
      expect(stored.tags).to.deep.equal(['b']);
      expect(stored.__v).to.equal(1);
    });

    it('appends with push() and saves with $push', async function () {
      const user = await m.User.create({ email: 'push@example.org', tags: ['a'] });

      user.tags.push('b', 'c');
      await user.save();

      const stored = await m.User.findById(user._id).lean().orFail();
      expect(stored.tags).to.deep.equal(['a', 'b', 'c']);
    });
  });

  describe('populate', function () {
    it('replaces a reference with the referenced document', async function () {
      const author = await m.Author.create({ name: 'Ursula' });
      await m.Book.create([{ title: 'The Dispossessed', author: author._id }, { title: 'Orphan' }]);

      const books = await m.Book.find()
        .sort({ title: 1 })
        .populate<{ author: { name: string } | null }>('author')
        .lean();

      expect(books.map((b) => [b.title, b.author?.name ?? null])).to.deep.equal([
        ['Orphan', null],
        ['The Dispossessed', 'Ursula'],
      ]);
    });
  });

  describe('queries', function () {
    it('counts with countDocuments and returns plain objects with lean()', async function () {
      await m.Author.create([{ name: 'L1' }, { name: 'L2' }, { name: 'Other' }]);

      expect(await m.Author.countDocuments({ name: /^L\d$/ })).to.equal(2);
      const lean = await m.Author.findOne({ name: 'L1' }).lean().orFail();
      expect(lean).to.not.be.instanceOf(mongoose.Document);
      expect(lean._id).to.be.instanceOf(mongoose.Types.ObjectId);
      expect(lean.name).to.equal('L1');
      expect(await m.Author.estimatedDocumentCount()).to.be.at.least(3);
    });
  });

  describe('findOneAndUpdate with upsert', function () {
    it('applies schema defaults only when inserting', async function () {
      const inserted = await m.Counter.findOneAndUpdate(
        { key: 'page' },
        { $inc: { hits: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      await m.Counter.updateOne({ key: 'page' }, { $set: { status: 'seen' } });
      const updated = await m.Counter.findOneAndUpdate(
        { key: 'page' },
        { $inc: { hits: 1 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();

      expect(inserted).to.deep.include({ key: 'page', status: 'new', hits: 1 });
      expect(updated).to.deep.include({ key: 'page', status: 'seen', hits: 2 });
      expect(await m.Counter.countDocuments({ key: 'page' })).to.equal(1);
    });
  });
});
