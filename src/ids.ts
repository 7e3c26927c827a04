/** Every id the manifest, the code and the tests share. Keep in step with package.json. */
export const EXTENSION_ID = 'precondition-doctor.precondition-doctor';
export const LANGUAGE_ID = 'http';
export const DISPLAY_NAME = 'Precondition Doctor';

export const Commands = {
  sendRequest: 'preconditionDoctor.sendRequest',
  sendAllRequests: 'preconditionDoctor.sendAllRequests',
  cancelRequest: 'preconditionDoctor.cancelRequest',
  selectEnvironment: 'preconditionDoctor.selectEnvironment',
  copyAsCurl: 'preconditionDoctor.copyAsCurl',
  refreshValidator: 'preconditionDoctor.refreshValidator',
  refreshAllValidators: 'preconditionDoctor.refreshAllValidators',
  copyEtag: 'preconditionDoctor.copyEtag',
  forgetValidator: 'preconditionDoctor.forgetValidator',
  clearValidators: 'preconditionDoctor.clearValidators',
  /** The view's title button: asks before clearing. */
  clearValidatorsWithConfirmation: 'preconditionDoctor.clearValidatorsWithConfirmation',
  openExampleFile: 'preconditionDoctor.openExampleFile',
  /** Shown on a CodeLens whose request can't be sent: explains why. */
  showRequestProblems: 'preconditionDoctor.showRequestProblems',
  explainFailure: 'preconditionDoctor.explainFailure',
  refreshAndRetry: 'preconditionDoctor.refreshAndRetry',
  compareWithServer: 'preconditionDoctor.compareWithServer',
  exportTrace: 'preconditionDoctor.exportTrace',
  /** The Validators view's context menu: the same commands, for the request that last went to the row's URL. */
  compareValidatorWithServer: 'preconditionDoctor.compareValidatorWithServer',
  explainValidator: 'preconditionDoctor.explainValidator',
  /** Quick fixes that need a request first; called from code actions with (uri, line, documentVersion). */
  fetchEtagAndUpdateIfMatch: 'preconditionDoctor.fetchEtagAndUpdateIfMatch',
  fetchEtagAndAddIfMatch: 'preconditionDoctor.fetchEtagAndAddIfMatch',
  useFreshestEtag: 'preconditionDoctor.useFreshestEtag',
  /** Quick-fix internals, not in the palette: re-send a named request for a fix; note that an edit fix was applied. */
  resendForFix: 'preconditionDoctor.resendForFix',
  fixApplied: 'preconditionDoctor.fixApplied',
  openExamples: 'preconditionDoctor.openExamples',
  startDemoApi: 'preconditionDoctor.startDemoApi',
  stopDemoApi: 'preconditionDoctor.stopDemoApi',
  openSettings: 'preconditionDoctor.openSettings',
  openWalkthrough: 'preconditionDoctor.openWalkthrough',
} as const;

/** package.json `contributes.walkthroughs[0].id`, as the workbench names it. */
export const WALKTHROUGH_ID = 'precondition-doctor.precondition-doctor#gettingStarted';

/**
 * Registered by the features of src/lazy/commands.ts, whose code loads on the first of them:
 * until then a stand-in answers each (src/features/commandsOnFirstUse.ts). A command those
 * features register must be listed here, or it would not exist before that first call.
 */
export const COMMANDS_LOADED_ON_FIRST_USE: readonly string[] = [
  Commands.fetchEtagAndUpdateIfMatch,
  Commands.fetchEtagAndAddIfMatch,
  Commands.useFreshestEtag,
  Commands.resendForFix,
  Commands.fixApplied,
  Commands.explainFailure,
  Commands.refreshAndRetry,
  Commands.compareWithServer,
  Commands.exportTrace,
  Commands.refreshValidator,
  Commands.refreshAllValidators,
  Commands.copyEtag,
  Commands.forgetValidator,
  Commands.clearValidators,
  Commands.clearValidatorsWithConfirmation,
  Commands.compareValidatorWithServer,
  Commands.explainValidator,
  Commands.startDemoApi,
  Commands.stopDemoApi,
  Commands.openExamples,
  Commands.openExampleFile,
  Commands.openWalkthrough,
];

export const Views = {
  container: 'preconditionDoctor',
  validators: 'preconditionDoctor.validators',
} as const;

export const ContextKeys = {
  requestRunning: 'preconditionDoctor.requestRunning',
  /** Set once a request got a 2xx, and once one got a 412: the walkthrough's completion events. */
  requestSucceeded: 'preconditionDoctor.walkthrough.requestSucceeded',
  preconditionFailedSeen: 'preconditionDoctor.walkthrough.preconditionFailedSeen',
} as const;

export const Settings = {
  section: 'preconditionDoctor',
  environments: 'environments',
  defaultEnvironment: 'defaultEnvironment',
  timeoutMs: 'timeoutMs',
  maxResponseBodyBytes: 'maxResponseBodyBytes',
  followRedirects: 'followRedirects',
  rejectUnauthorized: 'rejectUnauthorized',
  validatorsMaxEntries: 'validators.maxEntries',
  validatorsIgnoredQueryParameters: 'validators.ignoredQueryParameters',
  diagnosisProbe: 'diagnosis.probe',
  retryMaxAttempts: 'retry.maxAttempts',
  retryBaseDelayMs: 'retry.baseDelayMs',
  redactHeaders: 'redact.headers',
  redactQueryParameters: 'redact.queryParameters',
  redactBodyFields: 'redact.bodyFields',
} as const;

export const StateKeys = {
  selectedEnvironment: 'preconditionDoctor.selectedEnvironment',
  validators: 'preconditionDoctor.validators.v1',
} as const;

/** Defined in core (lints produce them); re-exported so every id has one place to look. */
export { DiagnosticCodes } from './core/lint/findings';
export { FixTitles } from './core/edits/fixTitles';

export const RESPONSE_SCHEME = 'precondition-doctor-response';
export const COMPARE_SCHEME = 'precondition-doctor-compare';
export const REPORT_VIEW_TYPE = 'preconditionDoctor.report';
