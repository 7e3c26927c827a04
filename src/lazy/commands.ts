// The commands nobody needs until they run one (Explain, Refresh & Retry, Compare, the
// fetching quick fixes, trace export, the Validators view's actions, the examples):
// scripts/build.mjs makes this file dist/commands.js, which src/extension.ts require()s on
// the first such command (src/features/commandsOnFirstUse.ts) instead of at activation.
import * as vscode from 'vscode';
import { Commands, WALKTHROUGH_ID } from '../ids';
import type { OnFirstUse } from '../core/lazy/onFirstUse';
import type { RedactionPolicy } from '../core/redaction/redactionPolicy';
import type { ExchangeHistory } from '../core/send/exchangeHistory';
import type { RequestExecutor } from '../core/send/requestExecutor';
import type { RequestPath } from '../core/send/requestPath';
import type { ServerProbes } from '../core/send/serverProbes';
import type { ValidatorStore } from '../core/validators/validatorStore';
import type { HttpDocuments } from '../features/documents';
import type { EnvironmentSelection } from '../features/environmentSelection';
import { registerExampleFileCommand } from '../features/exampleFile';
import { Examples } from '../features/examples';
import { ExplainCommand } from '../features/explainCommand';
import { FailureLocator } from '../features/failures';
import { FixCommands } from '../features/fixCommands';
import { ReportPanel } from '../features/reportPanel';
import type { ResponseDiagnostics } from '../features/responseDiagnostics';
import type { ResponseView } from '../features/responseView';
import { RetryCommands } from '../features/retryCommands';
import { TraceExport } from '../features/traceExport';
import { ValidatorCommands } from '../features/validatorCommands';
import { ValidatorItemCommands } from '../features/validatorItemCommands';
import type * as DemoServerCode from './demoServer';
import type * as DiagnosisCode from './diagnosis';

export interface CommandFeatureDependencies {
  context: vscode.ExtensionContext;
  documents: HttpDocuments;
  executor: RequestExecutor;
  environments: EnvironmentSelection;
  validators: ValidatorStore;
  history: ExchangeHistory;
  path: RequestPath;
  probes: ServerProbes;
  responses: ResponseView;
  responseDiagnostics: ResponseDiagnostics;
  log: vscode.LogOutputChannel;
  redaction: () => RedactionPolicy;
  diagnosisCode: OnFirstUse<typeof DiagnosisCode>;
  demoServerCode: OnFirstUse<typeof DemoServerCode>;
}

/** Everything built here, owned as one: disposing it disposes each feature. */
export interface CommandFeatures extends vscode.Disposable {
  report: ReportPanel;
}

/** Builds the features; each registers its own commands (the stubs that stood in for them are gone by then). */
export function buildCommandFeatures(deps: CommandFeatureDependencies): CommandFeatures {
  const { context, documents, executor, environments, validators, history, path, probes, responses, responseDiagnostics, log, redaction } = deps;
  const owned: vscode.Disposable[] = [];
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    owned.push(disposable);
    return disposable;
  };
  own(new FixCommands({ documents, environments, validators, probes, responses: responseDiagnostics, log }));
  const failures = new FailureLocator(documents, history, responseDiagnostics);
  const report = own(new ReportPanel(history, vscode.Uri.joinPath(context.extensionUri, 'media')));
  own(new ExplainCommand({ failures, history, validators, path, report, log, diagnosisCode: deps.diagnosisCode, redaction }));
  own(new RetryCommands({ documents, executor, environments, probes, failures, responses, validators, log }));
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  own(new TraceExport(failures, environments, context.globalStorageUri, version, deps.diagnosisCode, redaction));
  own(new ValidatorCommands({ validators, probes, log }));
  own(new ValidatorItemCommands(history));
  const examples = own(new Examples(context.extensionUri, context.globalStorageUri, environments, log, deps.demoServerCode));
  own(registerExampleFileCommand(() => examples.startDemo()));
  own(vscode.commands.registerCommand(Commands.openWalkthrough, () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false)));
  return {
    report,
    dispose: () => {
      for (const disposable of owned.reverse()) disposable.dispose();
    },
  };
}
