import type * as vscode from 'vscode';
import type { RedactionPolicy } from '../core/redaction/redactionPolicy';

/**
 * The output channel every feature logs to, with each message passed through the
 * redaction policy on the way in: logs get pasted into issues, and redacting at the one
 * sink means a new `log.info(…)` that quotes a URL or an error can't forget to.
 */
export class RedactingLog implements vscode.LogOutputChannel {
  constructor(
    private readonly channel: vscode.LogOutputChannel,
    /** Asked per message: the policy follows the settings and the secret values known by then. */
    private readonly policy: () => RedactionPolicy,
  ) {}

  get name(): string {
    return this.channel.name;
  }

  get logLevel(): vscode.LogLevel {
    return this.channel.logLevel;
  }

  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.channel.onDidChangeLogLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(this.redact(message), ...this.redactArgs(args));
  }

  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(this.redact(message), ...this.redactArgs(args));
  }

  info(message: string, ...args: unknown[]): void {
    this.channel.info(this.redact(message), ...this.redactArgs(args));
  }

  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(this.redact(message), ...this.redactArgs(args));
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.channel.error(typeof error === 'string' ? this.redact(error) : this.redact(error.stack ?? error.message), ...this.redactArgs(args));
  }

  append(value: string): void {
    this.channel.append(this.redact(value));
  }

  appendLine(value: string): void {
    this.channel.appendLine(this.redact(value));
  }

  replace(value: string): void {
    this.channel.replace(this.redact(value));
  }

  clear(): void {
    this.channel.clear();
  }

  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }

  hide(): void {
    this.channel.hide();
  }

  /** The composition root owns this wrapper only: disposing it disposes the channel it wraps. */
  dispose(): void {
    this.channel.dispose();
  }

  private redact(text: string): string {
    return this.policy().text(text);
  }

  private redactArgs(args: unknown[]): unknown[] {
    return args.map((arg) => (typeof arg === 'string' ? this.redact(arg) : arg instanceof Error ? this.redact(arg.stack ?? arg.message) : arg));
  }
}
