// The yardstick for activation time (../measure.mjs): what any extension pays to be
// loaded and activated by VS Code, and one command registered the usual way.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module the extension host require()s */
const vscode = require('vscode');

exports.activate = function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('activationBaseline.hello', () => vscode.window.showInformationMessage('Hello')));
};

exports.deactivate = function deactivate() {};
