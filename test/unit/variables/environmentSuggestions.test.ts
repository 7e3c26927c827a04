import { strict as assert } from 'node:assert';
import { environmentsDefining, undefinedVariablesIn } from '../../../src/core/variables/environmentSuggestions';
import { resolveReference } from '../../../src/core/variables/resolveReference';
import { createResolutionScope } from '../../../src/core/variables/resolveRequest';
import { parseHttpFile } from '../../../src/core/parser/parseHttpFile';

describe('environment suggestions for an undefined {{variable}}', () => {
  const sources = {
    setting: { $shared: { baseUrl: 'http://shared' }, staging: { token: 't' } },
    envFile: { demo: { baseUrl: 'http://127.0.0.1:8412' }, prod: { baseUrl: 'https://api' }, empty: {} },
    problems: [],
    files: [],
  };

  it('names every environment that defines it, $shared and the selected one excluded', () => {
    assert.deepEqual(environmentsDefining(sources, 'baseUrl', undefined), ['demo', 'prod']);
    assert.deepEqual(environmentsDefining(sources, 'baseUrl', 'prod'), ['demo']);
    assert.deepEqual(environmentsDefining(sources, 'token', undefined), ['staging']);
    assert.deepEqual(environmentsDefining(sources, 'nowhere', undefined), []);
  });

  it('reads the variable names back from the error a send shows', () => {
    const scope = createResolutionScope(parseHttpFile('GET {{baseUrl}}/items/1\n'), { environment: {}, environmentName: undefined } as never);
    const resolution = resolveReference('baseUrl', scope);
    assert.ok('error' in resolution);
    assert.deepEqual(undefinedVariablesIn(`line 1: ${resolution.error}`), ['baseUrl']);
    assert.deepEqual(undefinedVariablesIn('connection refused: is the server on 127.0.0.1:8080 running?'), []);
  });
});
