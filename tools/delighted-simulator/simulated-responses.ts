/**
 * Compact, deterministic store of simulated Delighted survey responses and people.
 *
 * Rows are kept struct-of-arrays (typed arrays plus small pools for strings and JSON values), so
 * that a million responses take well under 200 MB, and are serialised to the wire format on
 * demand. Generation is deterministic for a given `seed` and `endAt` (see SimulatedDataOptions).
 */
import type {
  DelightedPerson,
  DelightedSurveyResponse,
  DelightedSurveyType,
} from '../../src/sources/delighted-api/delighted-api.types';

// Hot loops use module constants, not globals: inside VM contexts (Jest's test environment)
// every global lookup goes through an interceptor and costs about a hundred times more.
const { floor, imul, max } = Math;
const isNan = Number.isNaN;
const NAN = Number.NaN;
const { stringify } = JSON;

/** mulberry32: a tiny, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inclusive score range of each known survey type; other types accept any integer. */
export const SURVEY_SCORE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  five_star: [1, 5],
};

const DAY = 86_400;

/** A person given with a response (`person` of SimulatedResponseInput). */
export interface SimulatedPersonInput {
  id?: string;
  email?: string | null;
  name?: string | null;
  phone_number?: string | null;
  created_at?: number;
}

/**
 * A response supplied by a test (`setResponses`, `addResponse`, constructor `responses: [...]`).
 * Defaults: id = highest numeric id + 1; person = a new person `respondent-<id>@example.com`;
 * survey_type 'nps'; score = top of the type's range (10 for NPS); comment null; permalink
 * derived from the id; created_at = now; updated_at null; person_properties null;
 * notes/tags/additional_answers []; trend null.
 * `person` may be an existing person's id (an unknown id creates a person with no email or phone)
 * or a person object: an existing id, or else an exact (as typed) existing email, is reused.
 * `trend` is not part of the wire format; it only drives the `trend` filter.
 */
export interface SimulatedResponseInput {
  id?: string;
  person?: string | SimulatedPersonInput;
  survey_type?: DelightedSurveyType;
  score?: number;
  comment?: string | null;
  permalink?: string;
  created_at?: number;
  updated_at?: number | null;
  person_properties?: Record<string, unknown> | null;
  notes?: unknown[];
  tags?: unknown[];
  additional_answers?: unknown[];
  trend?: string | null;
}

/** A person as listed by `listPeople()`: enough to create matching users in the app. */
export interface SimulatedPersonSummary {
  id: string;
  /** Exactly as the API returns it (odd case, spaces), or null for SMS-only people. */
  email: string | null;
  /** `email.trim().toLowerCase()`, or null. */
  normalizedEmail: string | null;
  phoneNumber: string | null;
  name: string | null;
  createdAt: number;
  responseCount: number;
}

/** Options of the generator. */
export interface SimulatedDataOptions {
  /** Number of responses. */
  count: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Newest possible created_at/updated_at, Unix seconds. Default: today's 00:00 UTC. */
  endAt?: number;
  /** Width of the created_at range ending at endAt, seconds. Default: two years (730 days). */
  spanSeconds?: number;
  /** Share of responses updated after creation (the rest keep updated_at null). Default 0.65. */
  updatedShare?: number;
  /** Share of new people reached by SMS only (no email). Default 0.07. */
  smsOnlyShare?: number;
  /** Share of responses given by an already-seen person. Default 0.4. */
  repeatShare?: number;
  /**
   * Share of new people whose email equals an earlier person's email once trimmed and lower-cased
   * (typed differently, different person id). Default 0.01; 0 disables.
   */
  duplicateEmailShare?: number;
  /** Share of responses that are not NPS (csat, ces, five_star). Default 0.1. */
  nonNpsShare?: number;
}

/** Default end of the generated time range: 00:00 UTC today, so runs on one day agree. */
export function defaultEndAt(nowMs: number = Date.now()): number {
  const now = floor(nowMs / 1000);
  return now - (now % DAY);
}

export function normalizeEmail(email: string | null | undefined): string | null {
  if (email === null || email === undefined) return null;
  const normalized = email.trim().toLowerCase();
  return normalized === '' ? null : normalized;
}

// ---------------------------------------------------------------------------------------------
// Pools

// prettier-ignore
const FIRST_NAMES = [
  'Alice', 'Bob', 'Carla', 'Dmitri', 'Emma', 'François', 'Grace', 'Hiro', 'Inès', 'Jamal', 'Kofi',
  'Lena', 'Mateo', 'Nadia', 'Oliver', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor',
  'Wen', 'Ximena', 'Yusuf', 'Zoë', 'Aisha', 'Björn', 'Chloé', 'Diego', 'Elif', 'Farah',
];

// prettier-ignore
const LAST_NAMES = [
  'Smith', 'García', 'Nguyen', 'Müller', "O'Brien", 'Kowalski', 'Okafor', 'Tanaka', 'Silva',
  'Johansson', 'Dubois', 'Rossi', 'Khan', 'Cohen', 'Novak', 'Petrov', 'Haddad', 'López', 'Kim',
  'Schmidt', 'Andersen', 'Moreau', 'Ivanova', 'Mensah', 'Costa', 'Fischer', 'Sato', 'Walsh',
  'Nakamura', 'Reyes', 'van der Berg', 'Smith-Jones',
];

const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'eu.example.org'];

const COMMENTS = [
  'Great product, the team loves it.',
  'Setup took longer than expected.',
  'Support answered within minutes. Impressive!',
  'Too expensive for what we use.',
  'The new dashboard is much faster.',
  'Exports keep timing out on large reports.',
  "I'd recommend it to any team our size.",
  'Missing an integration with our CRM.',
  'Solid, but the mobile app is clunky.',
  'Pricing page is confusing: "per seat" or "per workspace"?',
  'Works as advertised.',
  'We almost churned last quarter; the new billing fixed it.',
  'Love it ❤️',
  'Très bien, mais la traduction est incomplète.',
  'Sehr zuverlässig, danke!',
  'ok',
  '10/10 would recommend',
  'Onboarding emails were\nhelpful, but\nthe docs are out of date.',
  'The <b>search</b> is great & fast.',
  'Too many notifications.',
  'Reporting is the reason we bought it.',
  'Had an outage during our launch. Not happy.',
  'Customer success manager was fantastic 🙌',
  'UI feels dated compared to competitors.',
  'Does everything we need, nothing more.',
  'Please add SSO for the Starter plan.',
  'Back-slash \\ and tab\tcharacters survive?',
  'Fast, reliable, and fairly priced.',
  'Hard to find settings.',
  '😐',
  'The API is well documented.',
  'Our admins find user management painful.',
  'Best tool we adopted this year.',
  'It is fine.',
  'Slow on Mondays when everyone logs in.',
  'Keyboard shortcuts would be nice.',
  '日本語のサポートが欲しいです。',
  'Billing support resolved my issue quickly.',
  'The trial was too short to evaluate properly.',
  'Integrations break whenever the other side changes anything.',
];

const TREND_IDS = ['1001', '1002', '1003'];

const PLANS = ['Free', 'Starter', 'Pro', 'Enterprise'];
const SOURCES = ['Email', 'SMS', 'Web', 'Link'];
const SIZES = ['1-10', '11-50', '51-200'];
const LOCALES = ['en', 'fr', 'de', 'es', 'ja'];
const PERSON_PROPERTIES: Array<Record<string, unknown>> = Array.from({ length: 24 }, (_, i) => ({
  Plan: PLANS[i % PLANS.length],
  'Delighted Source': SOURCES[(i >> 2) % SOURCES.length],
  'Company size': SIZES[i % SIZES.length],
  Locale: LOCALES[i % LOCALES.length],
  ...(i % 6 === 0 ? { 'Customer ID': `cus_${1000 + i}` } : {}),
}));

const TAGS: unknown[][] = [
  [],
  ['billing'],
  ['onboarding', 'ux'],
  ['bug'],
  ['feature-request'],
  ['pricing', 'churn-risk'],
];
// prettier-ignore
const NOTES: unknown[][] = [
  [],
  [{ id: '501', text: 'Followed up by phone.', user_email: 'cs@example.com', created_at: 1_700_000_000 }],
  [{ id: '502', text: 'Escalated to product.', user_email: 'pm@example.com', created_at: 1_710_000_000 }],
];
const ADDITIONAL_ANSWERS: unknown[][] = [
  [],
  [
    {
      id: '9001',
      value: { free_response: 'Faster exports' },
      question: { id: '77', type: 'free_response', text: 'What could we improve?' },
    },
  ],
  [
    {
      id: '9002',
      value: { scale: 4 },
      question: { id: '78', type: 'scale', text: 'How easy was the setup?' },
    },
  ],
  [
    {
      id: '9003',
      value: { select_one: { id: '5', text: 'Price' } },
      question: { id: '79', type: 'select_one', text: 'Main reason for your score?' },
    },
  ],
];

/** NPS score weights for 0..10 (skewed towards promoters, like most real programmes). */
const NPS_WEIGHTS = [3, 1, 1, 2, 2, 4, 5, 9, 14, 24, 35];
const NPS_CUMULATIVE = cumulative(NPS_WEIGHTS);

/** Email spellings: 0 clean; others vary case and surrounding spaces. */
const EMAIL_STYLE_WEIGHTS = [50, 12, 8, 8, 7, 7, 8];
const EMAIL_STYLE_CUMULATIVE = cumulative(EMAIL_STYLE_WEIGHTS);

function cumulative(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

function pick(cum: number[], r: number): number {
  for (let i = 0; i < cum.length; i++) if (r < cum[i]) return i;
  return cum.length - 1;
}

function asciiSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const FIRST_ASCII = FIRST_NAMES.map(asciiSlug);
const LAST_ASCII = LAST_NAMES.map(asciiSlug);

function capitalize(part: string): string {
  return part.charAt(0).toUpperCase() + part.slice(1);
}

// Precomputed spellings, so that an email costs a few concatenations when serialised.
const FIRST_CAP = FIRST_ASCII.map(capitalize);
const LAST_CAP = LAST_ASCII.map(capitalize);
const DOMAIN_CAP = DOMAINS.map((domain) => {
  const labels = domain.split('.');
  return labels
    .map((l, i) => (i === labels.length - 1 ? l.toUpperCase() : capitalize(l)))
    .join('.');
});
const FULL_NAMES_JSON = FIRST_NAMES.map((f) => LAST_NAMES.map((l) => stringify(`${f} ${l}`)));

// Generated emails and names are written into JSON without escaping: make sure none is needed.
for (const text of [...FIRST_NAMES, ...LAST_NAMES, ...DOMAINS]) {
  if (stringify(text) !== `"${text}"`) throw new Error(`pool entry needs escaping: ${text}`);
}

/** An email as typed: 0 clean; 1–6 vary case and surrounding spaces. */
function styleEmail(
  first: number,
  last: number,
  num: number,
  domain: number,
  style: number,
): string {
  switch (style) {
    case 1:
      return `${FIRST_CAP[first]}.${LAST_CAP[last]}${num}@${DOMAIN_CAP[domain]}`;
    case 2:
      return `  ${FIRST_ASCII[first]}.${LAST_ASCII[last]}${num}@${DOMAINS[domain]} `;
    case 3:
      return `${FIRST_ASCII[first]}.${LAST_ASCII[last]}${num}@${DOMAINS[domain]}`.toUpperCase();
    case 4:
      return ` ${FIRST_CAP[first]}.${LAST_CAP[last]}${num}@${DOMAINS[domain]}`;
    case 5:
      return `${FIRST_ASCII[first]}.${LAST_ASCII[last]}${num}@${DOMAINS[domain]}  `;
    case 6:
      return `  ${FIRST_CAP[first]}.${LAST_CAP[last]}${num}@${DOMAIN_CAP[domain]} `;
    default:
      return `${FIRST_ASCII[first]}.${LAST_ASCII[last]}${num}@${DOMAINS[domain]}`;
  }
}

/** Interns strings; keeps their JSON encoding for fast serialisation. */
class StringPool {
  readonly values: string[] = [];
  readonly json: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.json.push(stringify(value));
      this.index.set(value, i);
    }
    return i;
  }

  find(value: string): number {
    return this.index.get(value) ?? -1;
  }
}

/** Interns JSON values by their serialisation. */
class JsonPool {
  readonly json: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: unknown): number {
    const text = stringify(value);
    if (text === undefined) throw new TypeError('value is not JSON-serialisable');
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.json.length;
      this.json.push(text);
      this.index.set(text, i);
    }
    return i;
  }

  parse(i: number): unknown {
    return JSON.parse(this.json[i]);
  }
}

// ---------------------------------------------------------------------------------------------
// People

const PERSON_ID_BASE = 50_000_000;

/** E.164 in the fictional 555 range; unique per generated person index below 9,000,000. */
function generatedPhone(i: number): string {
  return `+1555${1_000_000 + (i % 9_000_000)}`;
}
const RESPONSE_ID_BASE = 100_000_000;
const KIND_EMAIL = 0;
const KIND_SMS_ONLY = 1;
const KIND_BOTH = 2;

/**
 * People: generated ones are derived on demand from a few bytes each (id = base + index, email
 * from name pools + index + spelling style); people supplied by tests are plain objects.
 */
export class PersonTable {
  private generated = 0;
  private first = new Uint8Array(0);
  private last = new Uint8Array(0);
  /** Index of the person whose name and number form the email (self, or an earlier person). */
  private emailOwner = new Uint32Array(0);
  private style = new Uint8Array(0);
  private domain = new Uint8Array(0);
  private kind = new Uint8Array(0);
  private named = new Uint8Array(0);
  private createdAt = new Float64Array(0);
  private readonly custom: DelightedPerson[] = [];
  private readonly customIndex = new Map<string, number>();
  private readonly customByEmail = new Map<string, number>();
  private byNormalizedEmail: Map<string, number[]> | null = null;
  private maxNumericId = PERSON_ID_BASE;

  get count(): number {
    return this.generated + this.custom.length;
  }

  /** Reserves room for `capacity` generated people; only valid before any other person. */
  reserveGenerated(capacity: number): void {
    if (this.count > 0) throw new Error('generated people must come first');
    this.first = new Uint8Array(capacity);
    this.last = new Uint8Array(capacity);
    this.emailOwner = new Uint32Array(capacity);
    this.style = new Uint8Array(capacity);
    this.domain = new Uint8Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.named = new Uint8Array(capacity);
    this.createdAt = new Float64Array(capacity);
  }

  addGenerated(
    first: number,
    last: number,
    emailOwner: number,
    style: number,
    domain: number,
    kind: number,
    named: boolean,
    createdAt: number,
  ): number {
    const i = this.generated++;
    this.first[i] = first;
    this.last[i] = last;
    this.emailOwner[i] = emailOwner;
    this.style[i] = style;
    this.domain[i] = domain;
    this.kind[i] = kind;
    this.named[i] = named ? 1 : 0;
    this.createdAt[i] = createdAt;
    this.maxNumericId = PERSON_ID_BASE + i;
    return i;
  }

  generatedKind(i: number): number {
    return this.kind[i];
  }

  generatedName(i: number): [number, number] {
    return [this.first[i], this.last[i]];
  }

  /** Adds a person; returns its index. An existing id returns the existing person. */
  add(person: SimulatedPersonInput, createdAtFallback: number): number {
    if (person.id !== undefined) {
      const existing = this.indexOfId(person.id);
      if (existing >= 0) return existing;
    } else if (person.email !== undefined && person.email !== null) {
      const existing = this.customByEmail.get(person.email);
      if (existing !== undefined) return existing;
    }
    const id = person.id ?? String(++this.maxNumericId);
    if (typeof id !== 'string' || id === '') throw new TypeError('person id must be a string');
    if (/^\d{1,15}$/.test(id)) this.maxNumericId = max(this.maxNumericId, Number(id));
    const createdAt = person.created_at ?? createdAtFallback;
    if (!Number.isInteger(createdAt)) throw new TypeError('person created_at must be an integer');
    const stored: DelightedPerson = {
      id,
      email: person.email ?? null,
      name: person.name ?? null,
      created_at: createdAt,
      phone_number: person.phone_number ?? null,
    };
    const index = this.count;
    this.custom.push(stored);
    this.customIndex.set(id, index);
    if (stored.email !== null && !this.customByEmail.has(stored.email)) {
      this.customByEmail.set(stored.email, index);
    }
    if (this.byNormalizedEmail) this.indexEmail(this.byNormalizedEmail, index);
    return index;
  }

  indexOfId(id: string): number {
    if (/^\d{1,15}$/.test(id)) {
      const n = Number(id) - PERSON_ID_BASE;
      if (n >= 0 && n < this.generated && String(PERSON_ID_BASE + n) === id) return n;
    }
    return this.customIndex.get(id) ?? -1;
  }

  idOf(i: number): string {
    return i < this.generated ? `${PERSON_ID_BASE + i}` : this.custom[i - this.generated].id;
  }

  /** The person's email as typed (case and spaces preserved), or null. */
  emailOf(i: number): string | null {
    if (i >= this.generated) return this.custom[i - this.generated].email;
    if (this.kind[i] === KIND_SMS_ONLY) return null;
    const owner = this.emailOwner[i];
    return styleEmail(
      this.first[owner],
      this.last[owner],
      owner + 1,
      this.domain[owner],
      this.style[i],
    );
  }

  get(i: number): DelightedPerson {
    if (i >= this.generated) return { ...this.custom[i - this.generated] };
    const hasPhone = this.kind[i] !== KIND_EMAIL;
    return {
      id: `${PERSON_ID_BASE + i}`,
      email: this.emailOf(i),
      name: this.named[i] ? `${FIRST_NAMES[this.first[i]]} ${LAST_NAMES[this.last[i]]}` : null,
      created_at: this.createdAt[i],
      phone_number: hasPhone ? generatedPhone(i) : null,
    };
  }

  /** Wire JSON of a person (keys in the order of `get`). */
  json(i: number): string {
    if (i >= this.generated) return stringify(this.get(i));
    // Generated strings never need escaping (checked at load), so concatenate directly.
    const email = this.emailOf(i);
    return (
      `{"id":"${PERSON_ID_BASE + i}","email":${email === null ? 'null' : `"${email}"`}` +
      `,"name":${this.named[i] ? FULL_NAMES_JSON[this.first[i]][this.last[i]] : 'null'}` +
      `,"created_at":${this.createdAt[i]}` +
      `,"phone_number":${this.kind[i] === KIND_EMAIL ? 'null' : `"${generatedPhone(i)}"`}}`
    );
  }

  /** People whose email, trimmed and lower-cased, equals `normalized` (already normalised). */
  findByNormalizedEmail(normalized: string): readonly number[] {
    if (!this.byNormalizedEmail) {
      const map = new Map<string, number[]>();
      for (let i = 0; i < this.count; i++) this.indexEmail(map, i);
      this.byNormalizedEmail = map;
    }
    return this.byNormalizedEmail.get(normalized) ?? [];
  }

  private indexEmail(map: Map<string, number[]>, i: number): void {
    const key = normalizeEmail(this.emailOf(i));
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

/** Patch accepted by `updateResponse`. */
export interface SimulatedResponsePatch {
  score?: number;
  comment?: string | null;
  person_properties?: Record<string, unknown> | null;
  notes?: unknown[];
  tags?: unknown[];
  additional_answers?: unknown[];
}

const NUMERIC_ID = /^(0|[1-9]\d{0,14})$/;
const DIGITS = /^\d+$/;

/**
 * Orders ids: all-digit ids numerically (by length after leading zeros, then digits), before
 * any other id; other ids by code unit.
 */
export function compareIds(a: string, b: string): number {
  const ad = DIGITS.test(a);
  const bd = DIGITS.test(b);
  if (ad && bd) {
    const as = a.replace(/^0+(?=\d)/, '');
    const bs = b.replace(/^0+(?=\d)/, '');
    if (as.length !== bs.length) return as.length - bs.length;
    return as < bs ? -1 : as > bs ? 1 : 0;
  }
  if (ad !== bd) return ad ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkScore(surveyType: string, score: number): void {
  if (!Number.isInteger(score)) throw new TypeError(`score must be an integer, got ${score}`);
  const range = SURVEY_SCORE_RANGES[surveyType];
  if (range && (score < range[0] || score > range[1])) {
    throw new RangeError(`${surveyType} score must be ${range[0]}..${range[1]}, got ${score}`);
  }
}

function checkTimestamp(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer (Unix seconds), got ${value}`);
  }
}

function checkArray(name: string, value: unknown): void {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array`);
}

/** Struct-of-arrays store of responses. Row order is insertion order; see the query index. */
export class ResponseStore {
  readonly persons = new PersonTable();
  private rows = 0;
  private capacity = 0;
  private idNum = new Float64Array(0);
  private readonly idText = new Map<number, string>();
  person = new Uint32Array(0);
  private surveyType = new Uint8Array(0);
  score = new Int32Array(0);
  private comment = new Int32Array(0);
  createdAt = new Float64Array(0);
  /** NaN encodes null. */
  updatedAt = new Float64Array(0);
  private props = new Int32Array(0);
  private notes = new Int32Array(0);
  private tags = new Int32Array(0);
  private answers = new Int32Array(0);
  trend = new Int32Array(0);
  private readonly permalinks = new Map<number, string>();
  private readonly comments = new StringPool();
  private readonly surveyTypes = new StringPool();
  private readonly trends = new StringPool();
  private readonly jsonValues = new JsonPool();
  private readonly emptyArray: number;
  private maxNumericId = 0;
  /** True while numeric ids strictly increase with the row: ids are then found by bisection. */
  private idsAscending = true;
  private idIndex: Map<string, number> | null = null;
  readonly npsType: number;

  constructor(capacity = 16) {
    this.grow(max(16, capacity));
    this.emptyArray = this.jsonValues.intern([]);
    this.npsType = this.surveyTypes.intern('nps');
  }

  get length(): number {
    return this.rows;
  }

  private grow(minCapacity: number): void {
    if (minCapacity <= this.capacity) return;
    const capacity = max(minCapacity, Math.ceil(this.capacity * 1.5));
    const resize = <T extends Float64Array | Uint32Array | Uint8Array | Int32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.rows) as never);
      return next;
    };
    this.idNum = resize(this.idNum, (n) => new Float64Array(n));
    this.person = resize(this.person, (n) => new Uint32Array(n));
    this.surveyType = resize(this.surveyType, (n) => new Uint8Array(n));
    this.score = resize(this.score, (n) => new Int32Array(n));
    this.comment = resize(this.comment, (n) => new Int32Array(n));
    this.createdAt = resize(this.createdAt, (n) => new Float64Array(n));
    this.updatedAt = resize(this.updatedAt, (n) => new Float64Array(n));
    this.props = resize(this.props, (n) => new Int32Array(n));
    this.notes = resize(this.notes, (n) => new Int32Array(n));
    this.tags = resize(this.tags, (n) => new Int32Array(n));
    this.answers = resize(this.answers, (n) => new Int32Array(n));
    this.trend = resize(this.trend, (n) => new Int32Array(n));
    this.capacity = capacity;
  }

  idOf(row: number): string {
    const n = this.idNum[row];
    return isNan(n) ? (this.idText.get(row) as string) : String(n);
  }

  /** Row of a response id, or -1. */
  rowOfId(id: string): number {
    if (this.idsAscending && NUMERIC_ID.test(id)) {
      const target = Number(id);
      let lo = 0;
      let hi = this.rows;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.idNum[mid] < target) lo = mid + 1;
        else hi = mid;
      }
      return lo < this.rows && this.idNum[lo] === target ? lo : -1;
    }
    if (!this.idIndex) {
      const index = new Map<string, number>();
      for (let r = 0; r < this.rows; r++) index.set(this.idOf(r), r);
      this.idIndex = index;
    }
    return this.idIndex.get(id) ?? -1;
  }

  /** Orders rows by created_at, then id (see compareIds). */
  compareRows(a: number, b: number): number {
    const d = this.createdAt[a] - this.createdAt[b];
    if (d !== 0) return d;
    const ia = this.idNum[a];
    const ib = this.idNum[b];
    if (!isNan(ia) && !isNan(ib)) return ia - ib;
    return compareIds(this.idOf(a), this.idOf(b));
  }

  trendIndex(trend: string): number {
    return this.trends.find(trend);
  }

  trendOf(row: number): string | null {
    const t = this.trend[row];
    return t < 0 ? null : this.trends.values[t];
  }

  isNps(row: number): boolean {
    return this.surveyType[row] === this.npsType;
  }

  /** Wire JSON of one row; `expand` embeds the person object. */
  responseJson(row: number, expand: boolean): string {
    const n = this.idNum[row];
    const id = isNan(n) ? stringify(this.idText.get(row)) : `"${n}"`;
    const p = this.person[row];
    const person = expand ? this.persons.json(p) : stringify(this.persons.idOf(p));
    const c = this.comment[row];
    const u = this.updatedAt[row];
    const pp = this.props[row];
    const permalink =
      this.permalinks.get(row) ??
      `https://delighted.com/r/${isNan(n) ? encodeURIComponent(this.idText.get(row) as string) : n}`;
    return (
      `{"id":${id},"person":${person},"survey_type":${this.surveyTypes.json[this.surveyType[row]]}` +
      `,"score":${this.score[row]},"comment":${c < 0 ? 'null' : this.comments.json[c]}` +
      `,"permalink":${stringify(permalink)}` +
      `,"created_at":${this.createdAt[row]},"updated_at":${isNan(u) ? 'null' : u}` +
      `,"person_properties":${pp < 0 ? 'null' : this.jsonValues.json[pp]}` +
      `,"notes":${this.jsonValues.json[this.notes[row]]},"tags":${this.jsonValues.json[this.tags[row]]}` +
      `,"additional_answers":${this.jsonValues.json[this.answers[row]]}}`
    );
  }

  toResponse(row: number, expand: true): DelightedSurveyResponse<DelightedPerson>;
  toResponse(row: number, expand?: false): DelightedSurveyResponse<string>;
  toResponse(row: number, expand = false): DelightedSurveyResponse {
    return JSON.parse(this.responseJson(row, expand)) as DelightedSurveyResponse;
  }

  /** Appends a response supplied by a test; returns its row. Validates every field. */
  addInput(input: SimulatedResponseInput, now: number): number {
    const id = input.id ?? String(this.maxNumericId + 1);
    if (typeof id !== 'string' || id === '') throw new TypeError('id must be a non-empty string');
    if (this.rowOfId(id) >= 0) throw new Error(`duplicate response id ${id}`);
    const surveyType = input.survey_type ?? 'nps';
    const score = input.score ?? SURVEY_SCORE_RANGES[surveyType]?.[1] ?? 10;
    checkScore(surveyType, score);
    const createdAt = input.created_at ?? now;
    checkTimestamp('created_at', createdAt);
    const updatedAt = input.updated_at ?? null;
    if (updatedAt !== null) checkTimestamp('updated_at', updatedAt);
    for (const key of ['notes', 'tags', 'additional_answers'] as const) {
      if (input[key] !== undefined) checkArray(key, input[key]);
    }
    const comment = input.comment ?? null;
    if (comment !== null && typeof comment !== 'string') throw new TypeError('comment: string');

    let personIndex: number;
    if (input.person === undefined) {
      personIndex = this.persons.add({ email: `respondent-${id}@example.com` }, createdAt);
    } else if (typeof input.person === 'string') {
      personIndex = this.persons.indexOfId(input.person);
      if (personIndex < 0) personIndex = this.persons.add({ id: input.person }, createdAt);
    } else {
      personIndex = this.persons.add(input.person, createdAt);
    }

    const typeIndex = this.surveyTypes.intern(surveyType);
    if (typeIndex > 255) throw new RangeError('too many distinct survey types');
    const row = this.appendRow(
      id,
      personIndex,
      typeIndex,
      score,
      comment === null ? -1 : this.comments.intern(comment),
      createdAt,
      updatedAt ?? NAN,
      input.person_properties ? this.jsonValues.intern(input.person_properties) : -1,
      input.notes ? this.jsonValues.intern(input.notes) : this.emptyArray,
      input.tags ? this.jsonValues.intern(input.tags) : this.emptyArray,
      input.additional_answers ? this.jsonValues.intern(input.additional_answers) : this.emptyArray,
      input.trend === undefined || input.trend === null ? -1 : this.trends.intern(input.trend),
    );
    if (input.permalink !== undefined) this.permalinks.set(row, input.permalink);
    return row;
  }

  private appendRow(
    id: string | number,
    person: number,
    surveyType: number,
    score: number,
    comment: number,
    createdAt: number,
    updatedAt: number,
    props: number,
    notes: number,
    tags: number,
    answers: number,
    trend: number,
  ): number {
    const row = this.rows;
    if (row >= this.capacity) this.grow(row + 1);
    const text = typeof id === 'number' ? String(id) : id;
    if (typeof id === 'number' || NUMERIC_ID.test(id)) {
      const n = typeof id === 'number' ? id : Number(id);
      if (row > 0 && !(n > this.idNum[row - 1])) this.idsAscending = false;
      this.idNum[row] = n;
      if (n > this.maxNumericId) this.maxNumericId = n;
    } else {
      this.idsAscending = false;
      this.idNum[row] = NAN;
      this.idText.set(row, id);
    }
    this.person[row] = person;
    this.surveyType[row] = surveyType;
    this.score[row] = score;
    this.comment[row] = comment;
    this.createdAt[row] = createdAt;
    this.updatedAt[row] = updatedAt;
    this.props[row] = props;
    this.notes[row] = notes;
    this.tags[row] = tags;
    this.answers[row] = answers;
    this.trend[row] = trend;
    this.rows = row + 1;
    if (this.idIndex) this.idIndex.set(text, row);
    return row;
  }

  /** Applies a patch and sets updated_at = `at`. Returns the previous updated_at (NaN = null). */
  update(row: number, patch: SimulatedResponsePatch, at: number): number {
    checkTimestamp('updated_at', at);
    const typeName = this.surveyTypes.values[this.surveyType[row]];
    if (patch.score !== undefined) checkScore(typeName, patch.score);
    for (const key of ['notes', 'tags', 'additional_answers'] as const) {
      if (patch[key] !== undefined) checkArray(key, patch[key]);
    }
    if (patch.score !== undefined) this.score[row] = patch.score;
    if (patch.comment !== undefined) {
      this.comment[row] = patch.comment === null ? -1 : this.comments.intern(patch.comment);
    }
    if (patch.person_properties !== undefined) {
      this.props[row] =
        patch.person_properties === null ? -1 : this.jsonValues.intern(patch.person_properties);
    }
    if (patch.notes !== undefined) this.notes[row] = this.jsonValues.intern(patch.notes);
    if (patch.tags !== undefined) this.tags[row] = this.jsonValues.intern(patch.tags);
    if (patch.additional_answers !== undefined) {
      this.answers[row] = this.jsonValues.intern(patch.additional_answers);
    }
    const previous = this.updatedAt[row];
    this.updatedAt[row] = at;
    return previous;
  }

  /** Lists people with their response counts. */
  listPeople(): SimulatedPersonSummary[] {
    const counts = new Uint32Array(this.persons.count);
    for (let r = 0; r < this.rows; r++) counts[this.person[r]]++;
    const people: SimulatedPersonSummary[] = [];
    for (let i = 0; i < this.persons.count; i++) {
      const p = this.persons.get(i);
      people.push({
        id: p.id,
        email: p.email,
        normalizedEmail: normalizeEmail(p.email),
        phoneNumber: p.phone_number,
        name: p.name,
        createdAt: p.created_at,
        responseCount: counts[i],
      });
    }
    return people;
  }

  /** Builds a store from test-supplied responses (in any order). */
  static fromInputs(inputs: readonly SimulatedResponseInput[], now: number): ResponseStore {
    const store = new ResponseStore(inputs.length);
    for (const input of inputs) store.addInput(input, now);
    return store;
  }

  /**
   * Generates `count` responses deterministically from `seed` (see SimulatedDataOptions):
   * created_at ascending over [endAt - spanSeconds, endAt], ids ascending with it; some
   * responses share a second; ~35% never updated (updated_at null); comments mostly arrive with
   * the update; ~10% non-NPS types; repeat respondents; SMS-only people; oddly typed emails.
   */
  static generate(options: SimulatedDataOptions): ResponseStore {
    const count = options.count;
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError('count must be an integer >= 0');
    const rng = mulberry32(options.seed ?? 1);
    const endAt = options.endAt ?? defaultEndAt();
    const span = options.spanSeconds ?? 730 * DAY;
    const startAt = endAt - span;
    checkTimestamp('endAt - spanSeconds', startAt);
    const updatedShare = options.updatedShare ?? 0.65;
    const smsOnlyShare = options.smsOnlyShare ?? 0.07;
    const repeatShare = options.repeatShare ?? 0.4;
    const duplicateEmailShare = options.duplicateEmailShare ?? 0.01;
    const nonNpsShare = options.nonNpsShare ?? 0.1;

    const store = new ResponseStore(count);
    const persons = store.persons;
    persons.reserveGenerated(count);
    const types = ['csat', 'ces', 'five_star'].map((t) => store.surveyTypes.intern(t));
    const comments = COMMENTS.map((c) => store.comments.intern(c));
    const trends = TREND_IDS.map((t) => store.trends.intern(t));
    const props = PERSON_PROPERTIES.map((p) => store.jsonValues.intern(p));
    const tags = TAGS.map((t) => store.jsonValues.intern(t));
    const notes = NOTES.map((n) => store.jsonValues.intern(n));
    const answers = ADDITIONAL_ANSWERS.map((a) => store.jsonValues.intern(a));
    const nonNps = types.map((t) => [t, SURVEY_SCORE_RANGES[store.surveyTypes.values[t]]] as const);

    let previousCreated = startAt;
    for (let i = 0; i < count; i++) {
      // Strictly increasing before flooring, so created_at never decreases; 3% share a second.
      let createdAt = startAt + floor(((i + rng()) * span) / count);
      if (i > 0 && rng() < 0.03) createdAt = previousCreated;
      if (createdAt < previousCreated) createdAt = previousCreated;
      if (createdAt > endAt) createdAt = endAt;
      previousCreated = createdAt;

      let person: number;
      if (persons.count > 0 && rng() < repeatShare) {
        person = floor(rng() * persons.count);
      } else {
        const r = rng();
        const kind =
          r < smsOnlyShare ? KIND_SMS_ONLY : r < smsOnlyShare + 0.08 ? KIND_BOTH : KIND_EMAIL;
        let first = floor(rng() * FIRST_NAMES.length);
        let last = floor(rng() * LAST_NAMES.length);
        const self = persons.count;
        let owner = self;
        if (kind !== KIND_SMS_ONLY && self > 10 && rng() < duplicateEmailShare) {
          const candidate = floor(rng() * self);
          if (persons.generatedKind(candidate) !== KIND_SMS_ONLY) {
            owner = candidate;
            [first, last] = persons.generatedName(candidate);
          }
        }
        const style = pick(EMAIL_STYLE_CUMULATIVE, rng());
        const domain = floor(rng() * DOMAINS.length);
        const named = rng() >= 0.1;
        const personCreated = max(0, createdAt - floor(rng() * 90 * DAY));
        person = persons.addGenerated(
          first,
          last,
          owner,
          style,
          domain,
          kind,
          named,
          personCreated,
        );
      }

      let surveyType = store.npsType;
      let score: number;
      if (rng() < nonNpsShare) {
        const [t, [lowest, highest]] = nonNps[floor(rng() * nonNps.length)];
        surveyType = t;
        score = lowest + floor(rng() * (highest - lowest + 1));
      } else {
        score = pick(NPS_CUMULATIVE, rng());
      }

      let updatedAt = NAN;
      if (rng() < updatedShare) {
        const r = rng();
        const delta =
          r < 0.1
            ? 0
            : r < 0.6
              ? 1 + floor(rng() * 300)
              : r < 0.9
                ? 301 + floor(rng() * DAY)
                : DAY + floor(rng() * 30 * DAY);
        if (createdAt + delta <= endAt) updatedAt = createdAt + delta;
      }
      const hasComment = isNan(updatedAt) ? rng() < 0.15 : rng() < 0.75;
      const comment = hasComment ? comments[floor(rng() * comments.length)] : -1;
      const trend = rng() < 0.5 ? -1 : trends[floor(rng() * trends.length)];
      const propsIndex =
        rng() < 0.12 ? -1 : props[(person * 7 + (rng() < 0.1 ? 1 : 0)) % props.length];
      const tagsIndex = rng() < 0.1 ? tags[1 + floor(rng() * (tags.length - 1))] : tags[0];
      const notesIndex = rng() < 0.03 ? notes[1 + floor(rng() * (notes.length - 1))] : notes[0];
      const answersIndex =
        rng() < 0.2 ? answers[1 + floor(rng() * (answers.length - 1))] : answers[0];

      store.appendRow(
        RESPONSE_ID_BASE + 1 + i,
        person,
        surveyType,
        score,
        comment,
        createdAt,
        updatedAt,
        propsIndex,
        notesIndex,
        tagsIndex,
        answersIndex,
        trend,
      );
    }
    return store;
  }
}

/** The people of the dataset `generate(options)` would produce (same seed, same people). */
export function listSimulatedPeople(options: SimulatedDataOptions): SimulatedPersonSummary[] {
  return ResponseStore.generate(options).listPeople();
}

/** Materialises a generated dataset as wire objects (person as id), created_at ascending. */
export function generateSimulatedResponses(
  options: SimulatedDataOptions,
): DelightedSurveyResponse<string>[] {
  const store = ResponseStore.generate(options);
  const list: DelightedSurveyResponse<string>[] = [];
  for (let r = 0; r < store.length; r++) list.push(store.toResponse(r));
  return list;
}
