import { SHARED_ENVIRONMENT, type EnvironmentSources } from './environments';

/**
 * Which environments would make an undefined `{{name}}` resolve: the fix a new user
 * needs most often is "select the environment", not "define the variable".
 */
export function environmentsDefining(sources: EnvironmentSources, variable: string, selected: string | undefined): string[] {
  const names = new Set<string>();
  for (const document of [sources.setting, sources.envFile, sources.privateEnvFile]) {
    for (const [name, variables] of Object.entries(document ?? {})) {
      if (name === SHARED_ENVIRONMENT || name === selected) continue;
      if (variables && typeof variables === 'object' && Object.hasOwn(variables, variable)) names.add(name);
    }
  }
  return [...names];
}

/**
 * The variable names a send error reports as undefined. The executor's error is a
 * sentence (resolveReference.ts words it); a unit test keeps this pattern in step with it.
 */
export function undefinedVariablesIn(message: string): string[] {
  return [...message.matchAll(/variable '([^'{}]+)' is not defined/g)].map((match) => match[1]);
}
