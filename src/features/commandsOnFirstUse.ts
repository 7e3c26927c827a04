import * as vscode from 'vscode';

/**
 * Stands in for commands whose code is loaded the first time one of them runs: activation
 * then parses none of it (the code is about a fifth of the extension, and parsing is most of
 * what activation costs). Each id is registered at once, so the palette, key bindings, menus,
 * quick fixes and `executeCommand` find it from the first moment; the first call swaps the
 * stand-ins for the real registrations and runs the command again, with its arguments.
 */
export class CommandsOnFirstUse<T extends vscode.Disposable> implements vscode.Disposable {
  private standIns: vscode.Disposable[];
  private loaded: T | undefined;

  constructor(
    ids: readonly string[],
    private readonly load: () => T,
  ) {
    this.standIns = ids.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => this.runFirst(id, args)));
  }

  /** What was built, if a command has run yet. */
  get ifLoaded(): T | undefined {
    return this.loaded;
  }

  private runFirst(id: string, args: unknown[]): Thenable<unknown> {
    if (this.loaded === undefined) {
      // The real registrations need the ids free; after this, the stand-ins never run again.
      for (const standIn of this.standIns) standIn.dispose();
      this.standIns = [];
      this.loaded = this.load();
    }
    return vscode.commands.executeCommand(id, ...args);
  }

  dispose(): void {
    for (const standIn of this.standIns) standIn.dispose();
    this.loaded?.dispose();
  }
}
