import * as vscode from 'vscode';
import { DISPLAY_NAME, Settings, StateKeys } from './ids';
import { HttpClient } from './core/http/client';
import { ParseCache } from './core/parser/parseCache';
import { ExchangeHistory } from './core/send/exchangeHistory';
import { RequestExecutor } from './core/send/requestExecutor';
import { ValidatorStore } from './core/validators/validatorStore';
import { toValidatorRecord } from './core/validators/storedValidator';
import type { ValidatorRecord } from './core/validators/types';
import { SendRequestCodeLens } from './features/codeLens';
import { HttpDocuments } from './features/documents';
import { EnvironmentSelection } from './features/environmentSelection';
import { registerExampleFileCommand } from './features/exampleFile';
import { RequestCommands } from './features/requestCommands';
import { ResponseView } from './features/responseView';
import { readMaxValidatorEntries } from './features/settings';
import { StatusBar } from './features/statusBar';
import { ValidatorCommands } from './features/validatorCommands';
import { ValidatorsView } from './features/validatorsView';

export interface PreconditionDoctorApi {
  validators(): ValidatorRecord[];
}

/** The composition root: every store is built once here and handed to the features that need it. */
export function activate(context: vscode.ExtensionContext): PreconditionDoctorApi {
  const log = vscode.window.createOutputChannel(DISPLAY_NAME, { log: true });
  const own = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  own(log);

  const validators = own(
    new ValidatorStore({
      persistence: {
        load: () => context.workspaceState.get(StateKeys.validators),
        save: (data) => context.workspaceState.update(StateKeys.validators, data),
      },
      maxEntries: readMaxValidatorEntries(),
      log: (message) => log.warn(message),
    }),
  );
  const client = own(new HttpClient());
  const history = own(new ExchangeHistory());
  const executor = new RequestExecutor({ client, validators, history, log: (message) => log.info(message) });
  const documents = new HttpDocuments(new ParseCache());

  const environments = own(new EnvironmentSelection(context.workspaceState));
  const statusBar = own(new StatusBar(environments));
  const responses = own(new ResponseView());
  own(new SendRequestCodeLens(documents));
  own(new RequestCommands({ documents, executor, environments, responses, statusBar, log }));
  own(new ValidatorsView(validators));
  own(new ValidatorCommands({ validators, client, log }));
  own(registerExampleFileCommand());
  own(vscode.workspace.onDidCloseTextDocument((document) => documents.forget(document)));
  own(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${Settings.section}.${Settings.validatorsMaxEntries}`)) validators.setMaxEntries(readMaxValidatorEntries());
    }),
  );

  return { validators: () => validators.all().map(toValidatorRecord) };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions; the store flushes its pending save when disposed.
}
