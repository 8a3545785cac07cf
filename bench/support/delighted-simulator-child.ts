/**
 * Child process of the Delighted benchmark: generates the simulator's data, serves it on
 * 127.0.0.1 (any free port) and answers the benchmark's IPC requests (see
 * delighted-simulator-control.ts). Exits when the IPC channel closes.
 *
 *   node -r ts-node/register/transpile-only bench/support/delighted-simulator-child.ts \
 *     --responses 1000000 --seed 1 --api-key bench_key      (forked with an IPC channel)
 */
import { parseArgs } from 'node:util';
import { DelightedSimulator } from '../../tools/delighted-simulator/delighted-simulator';
import { SURVEY_SCORE_RANGES } from '../../tools/delighted-simulator/simulated-responses';
import type {
  ChangedResponse,
  PeopleSample,
  SimulatorReply,
  SimulatorRequest,
} from './delighted-simulator-control';

/** Generated response ids are 100000001, 100000002, … in created_at order. */
const FIRST_GENERATED_ID = 100_000_001;

function send(reply: SimulatorReply): void {
  process.send?.(reply);
}

function peopleSample(simulator: DelightedSimulator, every: number): PeopleSample {
  const people = simulator.listPeople();
  const users: PeopleSample['users'] = [];
  const chosen = new Set<string>();
  let withEmail = 0;
  for (const person of people) {
    if (person.email === null || person.normalizedEmail === null) continue;
    if (withEmail++ % every !== 0) continue;
    users.push({ personId: person.id, email: person.email });
    chosen.add(person.normalizedEmail);
  }
  // Someone else typing the same email differently is matched to the same user.
  let expectedMatched = 0;
  for (const person of people) {
    if (person.normalizedEmail !== null && chosen.has(person.normalizedEmail)) {
      expectedMatched += person.responseCount;
    }
  }
  return { users, expectedMatched, peopleWithEmail: withEmail, people: people.length };
}

function change(simulator: DelightedSimulator, count: number, at: number): ChangedResponse[] {
  const total = simulator.responseCount;
  const changed: ChangedResponse[] = [];
  for (let i = 0; i < Math.min(count, total); i++) {
    const id = String(FIRST_GENERATED_ID + Math.floor(((i + 0.5) * total) / count));
    const before = simulator.getResponse(id);
    const [lowest, highest] = SURVEY_SCORE_RANGES[before.survey_type] ?? [0, 10];
    const after = simulator.updateResponse(
      id,
      {
        score: before.score >= highest ? lowest : before.score + 1,
        comment: `Changed by the benchmark (#${i + 1}, ${at})`,
      },
      at,
    );
    changed.push({
      id: after.id,
      score: after.score,
      comment: after.comment,
      updatedAt: after.updated_at!,
    });
  }
  return changed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      responses: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '1' },
      'api-key': { type: 'string', default: 'bench_key' },
    },
  });
  const started = Date.now();
  const simulator = new DelightedSimulator({
    apiKey: values['api-key'],
    responses: Number(values.responses),
    seed: Number(values.seed),
  });
  if (simulator.responseCount > 0) simulator.getResponse(String(FIRST_GENERATED_ID));
  const baseUrl = await simulator.start(0);
  send({
    type: 'ready',
    baseUrl,
    responseCount: simulator.responseCount,
    generatedMs: Date.now() - started,
  });

  process.on('message', (request: SimulatorRequest) => {
    try {
      switch (request.type) {
        case 'people':
          send({ type: 'people', id: request.id, sample: peopleSample(simulator, request.every) });
          break;
        case 'change':
          send({
            type: 'change',
            id: request.id,
            changed: change(simulator, request.count, request.at),
          });
          break;
        case 'stats': {
          const cpu = process.cpuUsage();
          send({
            type: 'stats',
            id: request.id,
            stats: {
              requests: simulator.requestCount,
              cpuUserMs: cpu.user / 1000,
              cpuSystemMs: cpu.system / 1000,
              rssBytes: process.memoryUsage.rss(),
            },
          });
          break;
        }
      }
    } catch (error) {
      send({
        type: 'error',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
  const stop = () => {
    simulator.stop().finally(() => process.exit(0));
  };
  process.once('disconnect', stop);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  send({
    type: 'error',
    id: null,
    message: error instanceof Error ? error.message : String(error),
  });
  process.stderr.write(`simulator child failed: ${String(error)}\n`);
  process.exit(1);
});
