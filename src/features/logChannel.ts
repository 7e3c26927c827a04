import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** How long the host gets to create its log file before we decide it can't. */
const PROBE_MS = 1500;
type Level = 'trace' | 'debug' | 'info' | 'warning' | 'error';
const LEVELS: Record<Level, vscode.LogLevel> = {
  trace: vscode.LogLevel.Trace,
  debug: vscode.LogLevel.Debug,
  info: vscode.LogLevel.Info,
  warning: vscode.LogLevel.Warning,
  error: vscode.LogLevel.Error,
};

/**
 * The extension's one log: a `vscode.LogOutputChannel` whose text reaches the Output view
 * even where the host can't write log files. The workbench shows a log channel by reading
 * `<logUri>/<name>.log`, which the extension host writes through `@vscode/spdlog`; a host
 * without it (code-server as `npm start` runs it) leaves the file missing and the channel
 * empty. So after the first line we look: if the file is still missing we write it
 * ourselves, in the host's own format, and the same channel shows it.
 */
export class LogChannel implements vscode.LogOutputChannel {
  private mode: 'probing' | 'host' | 'ours' = 'probing';
  private pending: string[] = [];
  private writes: Promise<void> = Promise.resolve();
  private readonly probe: ReturnType<typeof setTimeout>;

  constructor(
    private readonly channel: vscode.LogOutputChannel,
    /** `<logUri>/<name>.log`; undefined when the log folder isn't on this machine's disk. */
    private readonly file: string | undefined,
  ) {
    this.probe = setTimeout(() => void this.decide(), PROBE_MS);
  }

  static create(name: string, logUri: vscode.Uri): LogChannel {
    const channel = vscode.window.createOutputChannel(name, { log: true });
    return new LogChannel(channel, logUri.scheme === 'file' ? path.join(logUri.fsPath, `${name.replace(/[\\/:*?"<>|]/g, '')}.log`) : undefined);
  }

  /** Where the lines go: 'host' (its own log file works), 'ours' (we write that file), or still 'probing'. */
  get backend(): 'probing' | 'host' | 'ours' {
    return this.mode;
  }

  private async decide(): Promise<void> {
    const hostWrites = !this.file || (await fs.stat(this.file).then((stat) => stat.size > 0, () => false));
    this.mode = hostWrites ? 'host' : 'ours';
    const lines = this.pending;
    this.pending = [];
    if (this.mode === 'ours') this.write(lines);
  }

  private log(level: Level, message: string | Error, args: unknown[]): void {
    const call = level === 'warning' ? 'warn' : level;
    this.channel[call](message as string, ...args);
    if (this.mode === 'host' || !this.file || !this.enabled(level)) return;
    const text = [message instanceof Error ? (message.stack ?? message.message) : message, ...args.map(String)].join(' ');
    const line = `${timestamp(new Date())} [${level}] ${text}`;
    if (this.mode === 'probing') this.pending.push(line);
    else this.write([line]);
  }

  private enabled(level: Level): boolean {
    const current = this.channel.logLevel;
    return current !== vscode.LogLevel.Off && LEVELS[level] >= current;
  }

  /** Appends in order; a failing disk must not break the commands that log. */
  private write(lines: string[]): void {
    if (lines.length === 0 || !this.file) return;
    const file = this.file;
    this.writes = this.writes.then(async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.appendFile(file, lines.map((line) => `${line}\n`).join(''), 'utf8');
    }).catch(() => undefined);
  }

  get logLevel(): vscode.LogLevel {
    return this.channel.logLevel;
  }
  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.channel.onDidChangeLogLevel;
  }
  get name(): string {
    return this.channel.name;
  }
  trace(message: string, ...args: unknown[]): void {
    this.log('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.log('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.log('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.log('warning', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.log('error', error, args);
  }
  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    clearTimeout(this.probe);
    this.channel.dispose();
  }
}

/** The host's own pattern (`%Y-%m-%d %H:%M:%S.%e [%l]`), local time, so both look alike. */
function timestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
