/**
 * Starts the local Delighted API simulator and prints its base URL.
 *
 *   ts-node scripts/delighted-simulator.ts --port 4010 --responses 5000 --seed 1 --api-key demo_key
 *
 * Options (all optional): --port (0 = any free port; default 4010), --responses (default 5000),
 * --seed (default 1), --api-key (repeatable; default demo_key), --span-days (default 730),
 * --end-at (Unix seconds; default today 00:00 UTC), --fault-rate 429=0.1,500=0.05,
 * --people N (print the first N people, default 5).
 */
import {
  DelightedSimulator,
  type SimulatedFaultKind,
  type SimulatedFaultRates,
} from '../tools/delighted-simulator/delighted-simulator';

interface CliOptions {
  port: number;
  responses: number;
  seed: number;
  apiKeys: string[];
  spanDays: number;
  endAt?: number;
  faultRates?: SimulatedFaultRates;
  people: number;
}

function usage(message: string): never {
  console.error(`${message}\n\nUsage: ts-node scripts/delighted-simulator.ts [--port 4010] \
[--responses 5000] [--seed 1] [--api-key demo_key] [--span-days 730] [--end-at SECONDS] \
[--fault-rate 429=0.1,500=0.05] [--people 5]`);
  process.exit(2);
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    port: 4010,
    responses: 5000,
    seed: 1,
    apiKeys: [],
    spanDays: 730,
    people: 5,
  };
  const integer = (name: string, raw: string | undefined, min: number): number => {
    if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) < min) {
      usage(`${name} needs a whole number >= ${min}`);
    }
    return Number(raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') && arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 0);
        break;
      case '--responses':
        options.responses = integer(flag, value(), 0);
        break;
      case '--seed':
        options.seed = integer(flag, value(), 0);
        break;
      case '--api-key': {
        const key = value();
        if (!key) usage('--api-key needs a value');
        options.apiKeys.push(key);
        break;
      }
      case '--span-days':
        options.spanDays = integer(flag, value(), 1);
        break;
      case '--end-at':
        options.endAt = integer(flag, value(), 0);
        break;
      case '--people':
        options.people = integer(flag, value(), 0);
        break;
      case '--fault-rate': {
        const raw = value() ?? '';
        const rates: SimulatedFaultRates = {};
        for (const part of raw.split(',').filter(Boolean)) {
          const [kind, rate] = part.split('=');
          if (!rate || Number.isNaN(Number(rate))) usage(`bad --fault-rate entry "${part}"`);
          rates[kind as SimulatedFaultKind] = Number(rate);
        }
        options.faultRates = rates;
        break;
      }
      case '--help':
      case '-h':
        usage('Local Delighted API simulator.');
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if (options.apiKeys.length === 0) options.apiKeys.push('demo_key');
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const startedAt = Date.now();
  const simulator = new DelightedSimulator({
    apiKey: options.apiKeys,
    responses: options.responses,
    seed: options.seed,
    spanSeconds: options.spanDays * 86_400,
    endAt: options.endAt,
  });
  if (options.faultRates) simulator.setFaultRate(options.faultRates, options.seed);
  const baseUrl = await simulator.start(options.port);
  const generatedMs = Date.now() - startedAt;

  console.log(baseUrl);
  console.error(
    `Delighted simulator: ${simulator.responseCount} responses (seed ${options.seed}) ` +
      `ready in ${generatedMs} ms; API key(s): ${simulator.apiKeys.join(', ')}`,
  );
  if (options.people > 0) {
    const people = simulator.listPeople().slice(0, options.people);
    for (const p of people) {
      console.error(`  person ${p.id}: email ${JSON.stringify(p.email)} phone ${p.phoneNumber}`);
    }
  }

  const shutdown = (signal: string) => {
    console.error(`${signal}: stopping after ${simulator.requestCount} requests`);
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
