/**
 * `npm run bench:library`: library search over 100,000 stories in the embedded server (its own
 * process, as in development), through the real repository (`StoryRepo.search`, mongoose,
 * driver). A mix of realistic queries — browsing, one/two/prefix words, rare and common words,
 * criterion, kind, course, recency, featured, the next page, no hits — each answered by the
 * tenant-first tag indexes; the baseline is the same filters, sort and limit as a collection
 * scan (`hint: {$natural: 1}`) in the same run. Prints median and p95 per side, the ratio, a
 * line per query kind with the plan the server chose, and the target (median < 100 ms).
 *
 * Options: `--stories N` (default 100000), `--rounds N` (default 7).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import type { Document } from 'mongodb';
import { toLibraryLookup, type LibraryQuery } from '../src/domain/library/library-query.js';
import { asCourseId, asTeamId, asTeamTaskId, asUserId, type CourseId } from '../src/domain/shared/ids.js';
import { seededRandom, type RandomSource } from '../src/domain/shared/random.js';
import { tenantKeyOf, type TenantKey } from '../src/domain/shared/tenant.js';
import { authorAction, curateStory } from '../src/domain/story/curation.js';
import {
  STORY_KINDS,
  asStoryId,
  submitStory,
  type Story,
  type StoryVisibility,
} from '../src/domain/story/story.js';
import { reachKeysOf } from '../src/domain/story/visibility.js';
import { createLibraryStore, prepareLibraryCollections } from '../src/store/app-store.js';
import { storyModel } from '../src/store/mongo/models/story.model.js';
import { searchFilter, toDoc } from '../src/store/stories/story-repo.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const STORIES = arg('stories', 100_000);
const ROUNDS = arg('rounds', 7);
const BASELINE_ROUNDS = 2;

async function startServer(): Promise<{ uri: string; stop(): Promise<void> }> {
  const child = fork(path.join(here, 'db-server-process.js'), [], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: ['--max-old-space-size=8192'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve((JSON.parse(buf.split('\n')[0]!) as { uri: string }).uri);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    uri,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// ---- realistic data ------------------------------------------------------------------------

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ran',
  'te',
  'vo',
  'sil',
  'den',
  'pra',
  'qu',
  'nor',
  'bel',
  'fin',
  'gar',
  'hu',
];
const DOMAIN_WORDS = (
  'review checklist feedback standard criterion retrospective deadline planning stakeholder prototype ' +
  'interview survey evidence clarity structure argument presentation rehearsal timebox backlog sprint ' +
  'estimate dependency handover onboarding customer requirement scope risk budget quality testing ' +
  'collaboration communication conflict consensus facilitation coaching mentoring workshop pairing ' +
  'documentation research analysis synthesis visualisation storyboard pitch poster report essay ' +
  'dataset experiment hypothesis measurement calibration accessibility usability iteration learning'
).split(' ');

/** A vocabulary of 1,500 words: the domain words first (most frequent), then made-up words. */
function vocabulary(random: RandomSource): string[] {
  const words = [...DOMAIN_WORDS];
  while (words.length < 1500) {
    let w = '';
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!words.includes(w)) words.push(w);
  }
  return words;
}

/** Zipf-like pick: rank r with probability ∝ 1/(r+1). */
function zipf(words: readonly string[], random: RandomSource): string {
  const u = random();
  return words[Math.min(words.length - 1, Math.floor(Math.exp(u * Math.log(words.length + 1)) - 1))]!;
}

const CRITERIA = [
  'Clarity',
  'Evidence',
  'Structure',
  'Timeliness',
  'Collaboration',
  'Creativity',
  'Accuracy',
  'Audience awareness',
  'Use of sources',
  'Reflection depth',
  'Technical quality',
  'Presentation',
  'Planning',
  'Communication',
  'Data quality',
  'Usability',
  'Accessibility',
  'Argumentation',
  'Originality',
  'Teamwork',
  'Feedback quality',
  'Risk handling',
  'Scope control',
  'Testing',
  'Documentation',
  'Stakeholder focus',
  'Ethics',
  'Consistency',
  'Initiative',
  'Learning from mistakes',
];

interface Tenant {
  readonly key: TenantKey;
  readonly courses: readonly CourseId[];
  readonly share: number;
}

const T_START = Date.UTC(2023, 0, 1);
const T_NOW = Date.UTC(2026, 0, 1);
const NOW = new Date(T_NOW);

function makeTenants(): Tenant[] {
  const make = (name: string, courses: number, share: number): Tenant => ({
    key: tenantKeyOf({ issuer: `https://${name}.example.edu`, clientId: `${name}-client` }),
    courses: Array.from({ length: courses }, (_, i) => asCourseId(`${name}-course-${i + 1}`)),
    share,
  });
  return [make('alpha', 40, 0.7), make('beta', 15, 0.2), make('gamma', 5, 0.1)];
}

function makeStory(
  i: number,
  tenants: readonly Tenant[],
  words: readonly string[],
  random: RandomSource,
): Story {
  const pickT = random();
  const tenant =
    pickT < tenants[0]!.share
      ? tenants[0]!
      : pickT < tenants[0]!.share + tenants[1]!.share
        ? tenants[1]!
        : tenants[2]!;
  const courseId = tenant.courses[Math.floor(random() * tenant.courses.length)]!;
  const members = [asUserId(`u${i}a`), asUserId(`u${i}b`), asUserId(`u${i}c`)];
  const v = random();
  const visibility: StoryVisibility = v < 0.5 ? 'platform' : v < 0.95 ? 'course' : 'team';
  const title = Array.from({ length: 3 + Math.floor(random() * 4) }, () => zipf(words, random)).join(' ');
  const narrative = Array.from({ length: 50 + Math.floor(random() * 100) }, () => zipf(words, random)).join(
    ' ',
  );
  const criteria = Array.from(
    new Set(
      Array.from(
        { length: 1 + Math.floor(random() * 3) },
        () => CRITERIA[Math.floor(random() * CRITERIA.length)]!,
      ),
    ),
  ).map((name) => ({ name }));
  const submittedAt = new Date(T_START + random() * (T_NOW - T_START - 86_400_000));
  let story = submitStory(
    {
      id: asStoryId(`story-${i}`),
      tenant: tenant.key,
      courseId,
      team: { taskId: asTeamTaskId(`task-${i % 5000}`), teamId: asTeamId(`team-${i}`), members },
      content: { title, narrative, kind: STORY_KINDS[i % 3]!, criteria, visibility },
    },
    { userId: members[0]!, role: 'learner' },
    submittedAt,
  );
  const curator = {
    actor: { userId: asUserId('facilitator'), role: 'facilitator' as const },
    tenant: tenant.key,
    courseId,
  };
  const s = random();
  const later = new Date(submittedAt.getTime() + 3_600_000 * (1 + random() * 48));
  if (s < 0.85) story = curateStory(story, { action: 'publish' }, curator, later);
  else if (s < 0.9) story = curateStory(story, { action: 'feature' }, curator, later);
  else if (s < 0.95)
    story = curateStory(story, { action: 'return', comment: 'Add the numbers.' }, curator, later);
  else if (s < 0.97)
    story = authorAction(
      curateStory(story, { action: 'publish' }, curator, later),
      'retract',
      { userId: members[1]!, role: 'learner' },
      later,
    );
  return story;
}

// ---- queries -------------------------------------------------------------------------------

interface QueryCase {
  readonly label: string;
  readonly query: LibraryQuery;
  /** Page 2: continue before the last result of page 1. */
  readonly nextPage?: boolean;
}

function queryCases(words: readonly string[], tenant: Tenant): QueryCase[] {
  const c = tenant.courses;
  return [
    { label: 'browse newest', query: {} },
    { label: 'one common word', query: { text: 'feedback' } },
    { label: 'one mid-frequency word', query: { text: words[120]! } },
    { label: 'one rare word', query: { text: words[1400]! } },
    { label: 'two words', query: { text: 'review checklist' } },
    { label: 'three words', query: { text: 'planning deadline stakeholder' } },
    { label: 'title prefix', query: { text: 'retro' } },
    { label: 'criterion', query: { criterion: 'Audience awareness' } },
    { label: 'criterion + word', query: { criterion: 'Evidence', text: 'survey' } },
    { label: 'kind + word', query: { kind: 'lesson-learned', text: 'conflict' } },
    { label: 'course filter', query: { courseId: c[7]! } },
    { label: 'course + word', query: { courseId: c[3]!, text: 'report' } },
    { label: 'last month', query: { recency: 'month' } },
    { label: 'last year + word', query: { recency: 'year', text: 'workshop' } },
    { label: 'featured strip', query: { featuredOnly: true, limit: 6 } },
    { label: 'next page', query: { text: 'quality' }, nextPage: true },
    { label: 'no hits', query: { text: 'zzyzzyva' } },
  ];
}

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;

function stagesOf(plan: unknown, out: string[] = []): string[] {
  if (Array.isArray(plan)) for (const p of plan) stagesOf(p, out);
  else if (plan !== null && typeof plan === 'object') {
    const p = plan as Document;
    if (typeof p.stage === 'string')
      out.push(typeof p.indexName === 'string' ? `${p.stage}(${p.indexName})` : p.stage);
    for (const v of Object.values(p)) if (typeof v === 'object') stagesOf(v, out);
  }
  return out;
}

// ---- run -----------------------------------------------------------------------------------

const server = await startServer();
// Long timeouts: a busy shared machine can stall the single-threaded server for a while during the load.
const connection = await mongoose
  .createConnection(`${server.uri}/library-bench`, {
    connectTimeoutMS: 600_000,
    socketTimeoutMS: 0,
    serverSelectionTimeoutMS: 600_000,
  })
  .asPromise();
try {
  await prepareLibraryCollections(connection);
  const store = createLibraryStore(connection);
  const raw = storyModel(connection).collection;
  const random = seededRandom(20261127);
  const words = vocabulary(random);
  const tenants = makeTenants();

  let t0 = performance.now();
  let batch: Document[] = [];
  let listed = 0;
  for (let i = 0; i < STORIES; i++) {
    const story = makeStory(i, tenants, words, random);
    if (story.status === 'published' || story.status === 'featured') listed++;
    batch.push(toDoc(story) as unknown as Document);
    if (batch.length === 250) {
      await raw.insertMany(batch, { ordered: false });
      batch = [];
    }
    if ((i + 1) % 20_000 === 0)
      process.stderr.write(`  loaded ${i + 1} stories (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  if (batch.length > 0) await raw.insertMany(batch, { ordered: false });
  const loadS = (performance.now() - t0) / 1000;
  console.log(
    `loaded ${STORIES.toLocaleString('en')} stories (${listed.toLocaleString('en')} listed; 3 tenants, 60 courses) in ${loadS.toFixed(1)} s`,
  );

  // The viewer: a learner in a course of the largest tenant (70% of all stories).
  const tenant = tenants[0]!;
  const viewerCourse = tenant.courses[3]!;
  const reach = reachKeysOf({ courseId: viewerCourse });
  const cases = queryCases(words, tenant);

  const lookups = await Promise.all(
    cases.map(async (c) => {
      let lookup = toLibraryLookup(c.query, NOW);
      if (c.nextPage) {
        const first = await store.stories.search(tenant.key, reach, lookup);
        const last = first.at(-1)?.published?.at;
        if (last !== undefined) lookup = toLibraryLookup({ ...c.query, before: last }, NOW);
      }
      return lookup;
    }),
  );

  // Warm-up, and a check that the indexed answer is exactly the scan's (same stories, same order).
  for (const [i, lookup] of lookups.entries()) {
    const indexed = (await store.stories.search(tenant.key, reach, lookup)).map((s) => s.id);
    const scanned = (
      await raw
        .find(searchFilter(tenant.key, reach, lookup) as Document, { projection: { _id: 1 } })
        .sort({ publishedAt: -1, _id: 1 })
        .hint({ $natural: 1 })
        .limit(lookup.limit)
        .toArray()
    ).map((d) => d._id);
    if (JSON.stringify(indexed) !== JSON.stringify(scanned)) {
      throw new Error(`${cases[i]!.label}: the indexed answer differs from the scan's`);
    }
  }

  // Indexed and scanned runs interleave, so a busy shared machine slows both sides alike.
  const indexedTimes: number[] = [];
  const scanTimes: number[] = [];
  const perCase = new Map<string, number[]>();
  const perCaseScan = new Map<string, number[]>();
  const record = (map: Map<string, number[]>, label: string, t: number): void => {
    map.set(label, [...(map.get(label) ?? []), t]);
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, lookup] of lookups.entries()) {
      const label = cases[i]!.label;
      t0 = performance.now();
      await store.stories.search(tenant.key, reach, lookup);
      const t = performance.now() - t0;
      indexedTimes.push(t);
      record(perCase, label, t);
      if (r >= BASELINE_ROUNDS) continue;
      t0 = performance.now();
      await storyModel(connection)
        .find(searchFilter(tenant.key, reach, lookup))
        .sort({ publishedAt: -1 })
        .hint({ $natural: 1 })
        .limit(lookup.limit)
        .lean();
      const ts = performance.now() - t0;
      scanTimes.push(ts);
      record(perCaseScan, label, ts);
    }
  }

  console.log(
    `\nper query kind (median of ${ROUNDS} indexed / ${BASELINE_ROUNDS} scanned; plan chosen by the server):`,
  );
  for (const [i, c] of cases.entries()) {
    const lookup = lookups[i]!;
    const explained = await raw
      .find(searchFilter(tenant.key, reach, lookup) as Document)
      .sort({ publishedAt: -1 })
      .limit(lookup.limit)
      .explain('queryPlanner');
    const plan = stagesOf((explained as Document).queryPlanner).join(' > ');
    const hits = (await store.stories.search(tenant.key, reach, lookup)).length;
    console.log(
      `  ${c.label.padEnd(24)} ${ms(percentile(perCase.get(c.label)!, 0.5)).padStart(9)}  scan ${ms(percentile(perCaseScan.get(c.label)!, 0.5)).padStart(9)}  ${String(hits).padStart(2)} hits  ${plan}`,
    );
  }
  const med = percentile(indexedTimes, 0.5);
  const scanMed = percentile(scanTimes, 0.5);
  console.log(`\nlibrary search, ${STORIES.toLocaleString('en')} stories, ${indexedTimes.length} queries:`);
  console.log(`  indexed:         median ${ms(med)}, p95 ${ms(percentile(indexedTimes, 0.95))}`);
  console.log(
    `  collection scan: median ${ms(scanMed)}, p95 ${ms(percentile(scanTimes, 0.95))} (same filters, sort and limit; baseline)`,
  );
  console.log(`  ratio: indexed median is ${(scanMed / med).toFixed(1)}× faster than the scan`);
  console.log(`  target median < 100 ms: ${med < 100 ? 'met' : 'NOT met'}`);
} finally {
  await connection.close();
  await server.stop();
}
