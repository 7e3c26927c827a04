import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MissingServerError, answersHttp, startServerProcess, type RunningServer } from './serverProcess';

/** Azurite's well-known development account (documented, public; it only ever opens Azurite). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
const AZURITE_KEY = Buffer.from('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==', 'base64');
/** The service version our SAS tokens are signed for (string-to-sign of 2020-12-06 and later). */
const SAS_VERSION = '2021-08-06';

export interface Azurite extends RunningServer {
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  blobEndpoint: string;
}

/**
 * Azurite's blob service on a free 127.0.0.1 port, in memory, from the `azurite` devDependency.
 * It runs in a temp dir (its working folder, for anything it writes beside the memory), removed on stop.
 */
export async function startAzurite(): Promise<Azurite> {
  let main: string;
  try {
    main = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'blob', 'main.js');
  } catch {
    throw new MissingServerError('Azurite is missing: run `npm ci` (it is a devDependency).');
  }
  const location = mkdtempSync(path.join(os.tmpdir(), 'pd-azurite-'));
  const args = [
    main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '64',
    '--skipApiVersionCheck', '--disableTelemetry', '--loose',
  ];
  try {
    const server = await startServerProcess({
      name: 'Azurite',
      command: process.execPath,
      args,
      cwd: location,
      portFrom: (output) => {
        const match = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        return match ? Number(match[1]) : undefined;
      },
      // Any answer from the account endpoint (a 400 for a bare GET) means the service is up.
      ready: (origin) => answersHttp(`${origin}/${AZURITE_ACCOUNT}`),
    });
    return {
      ...server,
      blobEndpoint: `${server.origin}/${AZURITE_ACCOUNT}`,
      stop: async () => {
        await server.stop();
        rmSync(location, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(location, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A service SAS query for one blob, signed with node:crypto per Azure's string-to-sign for
 * version 2020-12-06 and later (learn.microsoft.com "Create a service SAS"), so the tests need
 * no SDK. `start` lets two tokens for the same blob differ, as two clients' tokens do.
 */
export function blobSas(container: string, blob: string, permissions: string, start = new Date(Date.now() - 60_000)): string {
  const st = isoSeconds(start);
  const se = isoSeconds(new Date(Date.now() + 3_600_000));
  const stringToSign = [
    permissions, st, se, `/blob/${AZURITE_ACCOUNT}/${container}/${blob}`,
    '', '', 'http', SAS_VERSION, 'b', '', '', '', '', '', '', '',
  ].join('\n');
  const sig = createHmac('sha256', AZURITE_KEY).update(stringToSign, 'utf8').digest('base64');
  return new URLSearchParams({ sv: SAS_VERSION, st, se, sr: 'b', sp: permissions, spr: 'http', sig }).toString();
}

/** An account SAS for the blob service (containers and blobs), for setting up a test: creating a container needs one. */
export function accountSas(permissions = 'rwdlac'): string {
  const st = isoSeconds(new Date(Date.now() - 60_000));
  const se = isoSeconds(new Date(Date.now() + 3_600_000));
  const stringToSign = [AZURITE_ACCOUNT, permissions, 'b', 'sco', st, se, '', 'http', SAS_VERSION, '', ''].join('\n');
  const sig = createHmac('sha256', AZURITE_KEY).update(stringToSign, 'utf8').digest('base64');
  return new URLSearchParams({ sv: SAS_VERSION, ss: 'b', srt: 'sco', sp: permissions, st, se, spr: 'http', sig }).toString();
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
