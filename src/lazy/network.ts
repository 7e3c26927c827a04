// The HTTP client (undici comes later still, from dist/undici.js): scripts/build.mjs makes this
// file dist/network.js, which src/extension.ts require()s on the first request.
export { HttpClient } from '../core/http/client';
