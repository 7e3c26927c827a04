import * as vscode from 'vscode';
import { Commands, COMMANDS_LOADED_ON_FIRST_USE, DISPLAY_NAME, EXTENSION_ID, Settings, StateKeys } from './ids';
import { DeferredHttpClient } from './core/http/deferredClient';
import { OnFirstUse } from './core/lazy/onFirstUse';
import { SecretValues } from './core/redaction/redactionPolicy';
import { ParseCache } from './core/parser/parseCache';
import { ExchangeHistory } from './core/send/exchangeHistory';
import { RequestExecutor } from './core/send/requestExecutor';
import { RequestPath } from './core/send/requestPath';
import { ServerProbes } from './core/send/serverProbes';
import { ValidatorStore } from './core/validators/validatorStore';
import { toValidatorRecord } from './core/validators/storedValidator';
import type { ValidatorRecord } from './core/validators/types';
import { SendRequestCodeLens } from './features/codeLens';
import { DiagnosticsPublisher } from './features/diagnosticsPublisher';
import { HttpDocuments } from './features/documents';
import { CommandsOnFirstUse } from './features/commandsOnFirstUse';
import { LogChannel } from './features/logChannel';
import { PrivateEnvWarning } from './features/privateEnvWarning';
import { QuickFixes } from './features/quickFixes';
import { RequestLints } from './features/requestLints';
import { ResponseDiagnostics } from './features/responseDiagnostics';
import { EnvironmentSelection } from './features/environmentSelection';
import { RequestCommands } from './features/requestCommands';
import { ResponseView } from './features/responseView';
import { RedactingLog } from './features/redactingLog';
import { readIgnoredQueryParameters, readMaxValidatorEntries, redactionFor } from './features/settings';
import { StatusBar } from './features/statusBar';
import { TrustGate } from './features/trustGate';
import { ValidatorsView } from './features/validatorsView';
import { WalkthroughProgress } from './features/walkthroughProgress';
import type * as CommandsCode from './lazy/commands';
import type * as DiagnosisCode from './lazy/diagnosis';
import type * as DemoServerCode from './lazy/demoServer';
import type * as NetworkCode from './lazy/network';

export interface PreconditionDoctorApi {
  validators(): ValidatorRecord[];
  /** The Validators view's row for a resource, as the user reads it. */
  validatorRow(url: string): { label: string; description: string } | undefined;
  /** The request item of the status bar as shown, undefined when hidden. */
  statusBarRequestText(): string | undefined;
  /** The Explain report on screen: its markdown and buttons. */
  report(): { markdown: string; buttons: Array<{ title: string; command: string; args: unknown[] }> };
}

/** The composition root: every store is built once here and handed to the features that need it. */
export function activate(context: vscode.ExtensionContext): PreconditionDoctorApi {
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  // Values from private env files, .env and the process environment, as requests resolve them: every output hides them.
  const secrets = new SecretValues();
  const redaction = redactionFor(secrets);
  const log = own(new RedactingLog(LogChannel.create(DISPLAY_NAME, context.logUri), () => redaction()));
  // Also the line LogChannel checks for in the host's log file.
  log.info(`${DISPLAY_NAME} ${String(context.extension.packageJSON.version ?? '')} activated`);

  const validators = own(
    new ValidatorStore({
      persistence: {
        load: () => context.workspaceState.get(StateKeys.validators),
        save: (data) => context.workspaceState.update(StateKeys.validators, data),
      },
      maxEntries: readMaxValidatorEntries(),
      ignoredQueryParameters: readIgnoredQueryParameters(),
      log: (message) => log.warn(message),
    }),
  );
  // Code no activation needs, each in its own file in dist/ (scripts/build.mjs), read on first use.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const client = own(new DeferredHttpClient(() => new (require('./lazy/network') as typeof NetworkCode).HttpClient()));
  const diagnosisCode = new OnFirstUse(() => require('./lazy/diagnosis') as typeof DiagnosisCode);
  const demoServerCode = new OnFirstUse(() => require('./lazy/demoServer') as typeof DemoServerCode);
  /* eslint-enable @typescript-eslint/no-require-imports */
  const history = own(new ExchangeHistory());
  // The client goes into the request path and nowhere else: every request leaves through its trust gate and log.
  const path = new RequestPath({ client, validators, log: (line) => log.info(line), redaction, confirmSend: new TrustGate().confirmSend });
  const executor = new RequestExecutor({ path, validators, history, log: (message) => log.info(message), secrets, redaction });
  const probes = new ServerProbes({ path, executor, history, keyOf: (url) => validators.keyOf(url) });
  const documents = new HttpDocuments(new ParseCache());

  const environments = own(new EnvironmentSelection(context.workspaceState));
  const statusBar = own(new StatusBar(environments, history));
  const responses = own(new ResponseView());
  const newerEtagSources = {
    freshestEtag: (url: string) => validators.freshestEtag(url),
    get: (url: string) => validators.get(url),
    namedExchange: (documentKey: string, name: string) => history.namedExchange(documentKey, name),
    lastSentUrl: (documentKey: string, line: number) => history.lastSentUrl(documentKey, line),
  };
  own(new SendRequestCodeLens(documents, newerEtagSources, [validators.onDidChange, history.onDidRecord]));
  own(new RequestCommands({ documents, executor, environments, responses, statusBar, log, redaction }));
  const validatorsView = own(new ValidatorsView(validators));
  own(new WalkthroughProgress(history));
  const publisher = own(new DiagnosticsPublisher());
  own(new RequestLints(documents, executor, environments, publisher, [validators.onDidChange, history.onDidRecord]));
  const responseDiagnostics = own(new ResponseDiagnostics(documents, validators, history, publisher));
  own(new QuickFixes(documents, validators, publisher));
  // The commands only a click needs load with the first of them: activation never parses their code.
  const commands = own(
    new CommandsOnFirstUse(COMMANDS_LOADED_ON_FIRST_USE, () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('./lazy/commands') as typeof CommandsCode).buildCommandFeatures({
        context, documents, executor, environments, validators, history, path, probes, responses, responseDiagnostics, log, redaction, diagnosisCode, demoServerCode,
      }),
    ),
  );
  own(vscode.commands.registerCommand(Commands.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`)));
  own(new PrivateEnvWarning(log));
  own(vscode.workspace.onDidCloseTextDocument((document) => documents.forget(document)));
  own(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${Settings.section}.${Settings.validatorsMaxEntries}`)) validators.setMaxEntries(readMaxValidatorEntries());
      if (event.affectsConfiguration(`${Settings.section}.${Settings.validatorsIgnoredQueryParameters}`)) validators.setIgnoredQueryParameters(readIgnoredQueryParameters());
    }),
  );

  return { validators: () => validators.all().map(toValidatorRecord), validatorRow: (url) => validatorsView.rowFor(url),
    statusBarRequestText: () => statusBar.requestText,
    report: () => commands.ifLoaded?.report.shown ?? { markdown: '', buttons: [] },
  };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions; the store flushes its pending save when disposed.
}
