// Turns the workbench page's console messages back into the lines the extension
// host printed. The workbench forwards extension-host console calls in two shapes:
//  - while running extensionTestsPath ("test from CLI"), through its log service:
//      console.log('%c INFO', 'color: #33f', format, ...args)
//    which looks exactly like the workbench's own log lines, so known workbench
//    chatter is dropped by pattern (anything unknown is still shown);
//  - otherwise, labelled:
//      console.log('%c[Extension Host] %c' + format, 'color: blue', 'color: ', ...args)
import { format } from 'node:util';

const LOG_SERVICE = /^%c\s*(TRACE|DEBUG|INFO|WARN|ERR)$/;
const LABELLED = /^%c\[Extension Host\] %c/;

// Workbench and server lines that every run prints and no test cares about.
const WORKBENCH_NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[Service Worker\]/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
  /Cannot find (package|module) '(@vscode\/spdlog|native-watchdog|@vscode\/deviceid|vsda)'/, // native modules we don't install
  /open-vsx\.org/, // no marketplace here
  /^Failed to load resource: .*\/vsda\//, // a signing helper only Microsoft's builds ship
  /^The web worker extension host is started in a same-origin iframe/,
  /^An iframe which has both allow-scripts and allow-same-origin/,
  /^Overwriting extension <<.*>> to now point to mime/,
];

/**
 * @param {unknown[]} values the console call's arguments, as JSON values
 * @param {string} type the console method: 'log', 'warning', 'error', …
 * @returns {{ fromExtensionHost: boolean, severity: string, text: string } | undefined}
 *   undefined for lines that are known noise
 */
export function interpretConsoleArgs(values, type = 'log') {
  const [first, ...rest] = values;
  if (typeof first === 'string' && LOG_SERVICE.test(first)) {
    const severity = LOG_SERVICE.exec(first)[1];
    const text = format(...rest.slice(1)); // rest[0] is the CSS for '%c'
    return isNoise(text) ? undefined : { fromExtensionHost: true, severity, text };
  }
  if (typeof first === 'string' && LABELLED.test(first)) {
    let formatString = first.replace(LABELLED, '');
    let args = rest.slice(2); // the two CSS strings
    // A lone string argument also carries its caller as " %c(at …)" plus a CSS arg.
    if (/ %c\(.*\)$/s.test(formatString) && args.length === 1) {
      formatString = formatString.replace(/ %c\(.*\)$/s, '');
      args = [];
    }
    const text = format(formatString, ...args);
    return isNoise(text) ? undefined : { fromExtensionHost: true, severity: severityOf(type), text };
  }
  const text = format(...values);
  return isNoise(text) ? undefined : { fromExtensionHost: false, severity: severityOf(type), text };
}

function isNoise(text) {
  return WORKBENCH_NOISE.some((pattern) => pattern.test(text));
}

function severityOf(type) {
  return type === 'error' ? 'ERR' : type === 'warning' ? 'WARN' : 'INFO';
}
