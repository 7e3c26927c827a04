/**
 * The demo's own endpoints, outside every scenario: the index, a reset to the seed data,
 * and "another client" editing a document behind the user's back.
 */
import { formatHttpDate } from '../core/preconditions/httpDate';
import { editAsAnotherClient, type ResourceStore } from './resourceStore';
import { jsonResponse, methodNotAllowed, notFound } from './responses';
import { resetScenarios, scenarioFor, type Scenario } from './scenarios';
import type { DemoRequest, DemoResponse } from './types';

export const RESET_PATH = '/_reset';
export const EDIT_PREFIX = '/_simulate/edit';

function index(scenarios: readonly Scenario[], store: ResourceStore, now: number): DemoResponse {
  return jsonResponse(
    200,
    {
      name: 'Precondition Doctor demo API',
      reset: `POST ${RESET_PATH} restores the seed documents and empties the cache`,
      anotherClient: `POST ${EDIT_PREFIX}/{path} edits a document as another client would, e.g. POST ${EDIT_PREFIX}/items/1`,
      scenarios: scenarios.map((scenario) => ({
        prefix: scenario.prefix,
        cause: scenario.cause,
        title: scenario.title,
        howTo: scenario.howTo,
        documents: scenario.seeds.map(([path]) => path).filter((path) => store.get(path) !== undefined),
      })),
    },
    () => now,
  );
}

/** Answers the control endpoints; undefined for any other path. */
export function handleControl(
  request: DemoRequest,
  store: ResourceStore,
  scenarios: readonly Scenario[],
  now: number,
): DemoResponse | undefined {
  const clock = () => now;
  if (request.path === '/') {
    return request.method === 'GET' || request.method === 'HEAD' ? index(scenarios, store, now) : methodNotAllowed(['GET', 'HEAD'], clock);
  }
  if (request.path === RESET_PATH) {
    if (request.method !== 'POST') return methodNotAllowed(['POST'], clock);
    resetScenarios(store, scenarios);
    return jsonResponse(200, { reset: true, documents: scenarios.flatMap((scenario) => scenario.seeds.map(([path]) => path)) }, clock);
  }
  if (request.path.startsWith(`${EDIT_PREFIX}/`)) {
    if (request.method !== 'POST') return methodNotAllowed(['POST'], clock);
    const target = request.path.slice(EDIT_PREFIX.length);
    const scenario = scenarioFor(scenarios, target);
    // Edits use the owning scenario's clock, so the clock-ahead documents stay in the future.
    const edited = scenario && editAsAnotherClient(store, target, scenario.clock());
    if (!edited) return notFound(target, clock);
    const lastModified = formatHttpDate(edited.lastModifiedMs);
    return jsonResponse(200, { edited: target, by: 'another-client', etag: edited.etag, lastModified }, clock);
  }
  return undefined;
}
