import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { REPORT_VIEW_TYPE } from '../ids';
import { markReportResolved } from '../core/diagnosis/resolvedNotice';
import type { ExchangeHistory, RecordedExchange } from '../core/send/exchangeHistory';

export interface ReportButton {
  title: string;
  command: string;
  args: unknown[];
  /** Still useful once the request succeeded (Export trace). */
  keepWhenResolved?: boolean;
}

/** The request a report explains, so a later success of that request can mark it resolved. */
export interface ReportSubject {
  documentKey: string;
  requestLine: number;
  failedStatus: number;
}

/**
 * The 412 report: markdown rendered by VS Code's own markdown engine into one webview
 * panel, reused for every report, with buttons for the follow-up actions. Strict CSP:
 * no scripts but ours (by nonce), no remote content.
 */
export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private buttons: ReportButton[] = [];
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  /** The markdown of the report on screen, for tests and for copying. */
  private shownMarkdown = '';
  private subject: ReportSubject | undefined;
  private readonly historySubscription: vscode.Disposable;

  /** `media`: the folder of report.css, the only local resource the webview may load. */
  constructor(
    history: ExchangeHistory,
    private readonly media: vscode.Uri,
  ) {
    this.historySubscription = history.onDidRecord((exchange) => void this.resolveIfFixed(exchange));
  }

  async show(title: string, markdown: string, buttons: ReportButton[], subject?: ReportSubject): Promise<void> {
    this.subject = subject;
    await this.render(title, markdown, buttons);
  }

  /** The report on screen: its markdown and buttons (what the test API returns). */
  get shown(): { markdown: string; buttons: ReportButton[] } {
    return { markdown: this.shownMarkdown, buttons: [...this.buttons] };
  }

  /** A 2xx to the explained request: the report says it is resolved, and its fix buttons go (they would act on a fixed request). */
  private async resolveIfFixed(exchange: RecordedExchange): Promise<void> {
    const subject = this.subject;
    if (!subject || !this.panel || exchange.documentKey !== subject.documentKey || exchange.requestLine !== subject.requestLine) return;
    const { status } = exchange.result;
    if (status < 200 || status >= 300) return;
    this.subject = undefined;
    const markdown = markReportResolved(this.shownMarkdown, exchange.result, exchange.at, subject.failedStatus);
    await this.render(`Resolved: ${this.panel.title}`, markdown, this.buttons.filter((button) => button.keepWhenResolved));
  }

  private async render(title: string, markdown: string, buttons: ReportButton[]): Promise<void> {
    this.buttons = buttons;
    this.shownMarkdown = markdown;
    const panel = this.ensurePanel();
    panel.title = title;
    panel.webview.html = buildHtml(panel.webview, panel.webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'report.css')), await renderMarkdown(markdown), buttons);
    panel.reveal(vscode.ViewColumn.Beside, true);
  }

  get markdown(): string {
    return this.shownMarkdown;
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Explain this 412', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [this.media],
    });
    this.panelSubscriptions.push(
      panel.webview.onDidReceiveMessage((message: { button?: number }) => {
        const button = typeof message.button === 'number' ? this.buttons[message.button] : undefined;
        if (button) void vscode.commands.executeCommand(button.command, ...button.args);
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.disposePanelSubscriptions();
      }),
    );
    this.panel = panel;
    return panel;
  }

  private disposePanelSubscriptions(): void {
    for (const subscription of this.panelSubscriptions.splice(0)) subscription.dispose();
  }

  dispose(): void {
    this.historySubscription.dispose();
    this.panel?.dispose();
    this.disposePanelSubscriptions();
  }
}

/** VS Code's built-in markdown renderer; plain preformatted text if it is not there. */
async function renderMarkdown(markdown: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
    if (typeof html === 'string' && html.length > 0) return html;
  } catch {
    // the markdown extension is disabled: fall through
  }
  return `<pre>${escapeHtml(markdown)}</pre>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function buildHtml(webview: vscode.Webview, styleUri: vscode.Uri, body: string, buttons: ReportButton[]): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource} data:`].join('; ');
  const buttonHtml = buttons.map((button, index) => `<button data-index="${index}">${escapeHtml(button.title)}</button>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
</head>
<body>
<div class="actions">${buttonHtml}</div>
${body}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  for (const button of document.querySelectorAll('button[data-index]')) {
    button.addEventListener('click', () => vscode.postMessage({ button: Number(button.dataset.index) }));
  }
</script>
</body>
</html>`;
}
