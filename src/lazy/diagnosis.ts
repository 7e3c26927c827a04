// The explain and trace code, about a quarter of the extension: scripts/build.mjs makes this
// file dist/diagnosis.js, which src/extension.ts require()s on the first Explain or Export
// trace instead of with the extension.
export { explainFailure } from '../core/diagnosis/explainFailure';
export { renderDiagnosisReport } from '../core/diagnosis/report';
export { renderRedactedTrace } from '../core/diagnosis/trace';
export { buildRedactedHar } from '../core/diagnosis/har';
