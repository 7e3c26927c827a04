import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { ServerProbes } from '../core/send/serverProbes';
import { toValidatorRecord } from '../core/validators/storedValidator';
import type { ValidatorRecord } from '../core/validators/types';
import type { ValidatorStore } from '../core/validators/validatorStore';
import { withCancellableProgress } from './cancellableProgress';
import { showActionableError } from './errors';
import { readExecutorSettings } from './settings';

interface Dependencies {
  validators: ValidatorStore;
  probes: ServerProbes;
  log: vscode.LogOutputChannel;
}

/** How many resources Refresh All probes at once: enough to be quick, few enough not to hammer an API. */
const REFRESH_CONCURRENCY = 4;

/** The Validators view's actions; each also works from the palette with a URL. */
export class ValidatorCommands implements vscode.Disposable {
  private readonly registrations: vscode.Disposable[];

  constructor(private readonly deps: Dependencies) {
    this.registrations = [
      vscode.commands.registerCommand(Commands.refreshValidator, (target?: unknown) => this.refresh(target)),
      vscode.commands.registerCommand(Commands.refreshAllValidators, () => this.refreshAll()),
      vscode.commands.registerCommand(Commands.copyEtag, (target?: unknown) => this.copyEtag(target)),
      vscode.commands.registerCommand(Commands.forgetValidator, (target?: unknown) => this.forget(target)),
      vscode.commands.registerCommand(Commands.clearValidators, () => this.clear()),
      vscode.commands.registerCommand(Commands.clearValidatorsWithConfirmation, () => this.confirmAndClear()),
    ];
  }

  async refresh(target?: unknown): Promise<ValidatorRecord | undefined> {
    const url = await this.urlOf(target);
    if (!url) return undefined;
    const result = await this.deps.probes.fetchValidators(this.deps.probes.targetOfUrl(url), readExecutorSettings(), 'refresh');
    if (result.status === 0) {
      showActionableError(`Couldn't refresh ${url}: ${result.error}`);
      return undefined;
    }
    this.deps.log.info(`refreshed ${url}: ${result.method} → ${result.status}, ETag ${result.responseHeaders['etag'] ?? 'none'}`);
    const record = this.deps.validators.get(url);
    return record && toValidatorRecord(record);
  }

  private async refreshAll(): Promise<void> {
    const urls = this.deps.validators.all().map((record) => record.url);
    if (urls.length === 0) return;
    await withCancellableProgress('Refreshing validators', async (signal, progress) => {
      const settings = { ...readExecutorSettings(), signal };
      let next = 0;
      let failures = 0;
      const worker = async () => {
        while (next < urls.length && !signal.aborted) {
          const url = urls[next++];
          const result = await this.deps.probes.fetchValidators(this.deps.probes.targetOfUrl(url), settings, 'refresh');
          if (result.status === 0) failures++;
          progress.report({ increment: 100 / urls.length, message: url });
        }
      };
      await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, urls.length) }, worker));
      if (failures > 0) void vscode.window.showWarningMessage(`${failures} of ${urls.length} resources could not be refreshed; see the Precondition Doctor log.`);
    });
  }

  private async copyEtag(target?: unknown): Promise<string | undefined> {
    const url = await this.urlOf(target);
    const etag = url ? this.deps.validators.get(url)?.etag : undefined;
    if (!etag) {
      showActionableError(url ? `No ETag recorded for ${url}.` : 'No resource selected.');
      return undefined;
    }
    await vscode.env.clipboard.writeText(etag);
    void vscode.window.setStatusBarMessage(`$(copy) Copied ETag ${etag}`, 3000);
    return etag;
  }

  private async forget(target?: unknown): Promise<void> {
    const url = await this.urlOf(target);
    if (url) this.deps.validators.forget(url);
  }

  private clear(): void {
    this.deps.validators.clear();
  }

  /** The view's title button asks first; the command itself (palette, tests, keybindings) does not. */
  private async confirmAndClear(): Promise<void> {
    const count = this.deps.validators.size;
    if (count === 0) return;
    const answer = await vscode.window.showWarningMessage(
      `Forget all ${count} recorded validators in this workspace?`,
      { modal: true, detail: 'Quick fixes and {{$etag}} will have no ETag until you send requests again.' },
      'Clear All',
    );
    if (answer === 'Clear All') this.clear();
  }

  /** A tree node, a URL string, or nothing (then ask). */
  private async urlOf(target: unknown): Promise<string | undefined> {
    if (typeof target === 'string' && target !== '') return target;
    if (target && typeof target === 'object' && 'url' in target && typeof target.url === 'string') return target.url;
    const picked = await vscode.window.showQuickPick(
      this.deps.validators.all().map((record) => ({ label: record.url, description: record.etag })),
      { title: 'Select a resource' },
    );
    return picked?.label;
  }

  dispose(): void {
    for (const registration of this.registrations) registration.dispose();
  }
}
