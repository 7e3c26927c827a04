// Case 3, lints: lintHttpFile over an already parsed 2,000-request file, as the editor
// runs it (the parse comes from the version cache). The goal is absolute: the
// diagnostics of a big file must arrive within one frame of typing.
import { compare } from '../lib/stats.mjs';
import { generateHttpFile } from '../lib/generate.mjs';

export async function lintCases({ core, quick }) {
  const parsed = core.parseHttpFile(generateHttpFile(2000, 13));
  const validators = new core.ValidatorStore({ maxEntries: 5000 });
  const context = {
    environment: { host: '127.0.0.1:8080' },
    environmentName: 'bench',
    requestNames: new Set(parsed.requests.map((r) => r.name).filter(Boolean)),
    namedExchange: () => undefined,
    validators,
    now: () => new Date(Date.UTC(2026, 0, 1)),
    random: () => 0.5,
    processEnv: {},
    dotenv: {},
    lookupEnvironment: () => undefined,
  };
  const findings = core.lintHttpFile(parsed, context);
  // The generated file holds unquoted and weak If-Match tags and ignored dates: the lints must have work to do.
  if (findings.length < 100) throw new Error(`lint case: expected many findings, got ${findings.length}`);

  const result = await compare({ ours: () => core.lintHttpFile(parsed, context) }, quick ? { warmup: 3, runs: 9 } : { warmup: 5, runs: 21 });
  validators.dispose();
  return [{
    id: 'lint.2k',
    case: 'Lints',
    what: `lintHttpFile, 2,000-request file (${findings.length} findings)`,
    unit: 'ms',
    ours: result.ours,
    goal: { text: '< 50 ms', on: 'value', max: 50, strict: true },
  }];
}
