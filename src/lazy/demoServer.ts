// The demo API behind the walkthrough: scripts/build.mjs makes this file dist/demoServer.js,
// which src/extension.ts require()s when the demo is first started.
export { startDemoServer } from '../demo/server';
