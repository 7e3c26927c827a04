import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ParseCache } from '../core/parser/parseCache';
import type { ParsedHttpFile, ParsedRequest, Span } from '../core/parser/types';
import { findRequestAtLine } from '../core/parser/findRequest';
import type { RequestSource } from '../core/send/requestExecutor';

/** Converts between core positions and editor ones; the only place that does. */
export function toRange(span: Span): vscode.Range {
  return new vscode.Range(span.line, span.character, span.line, span.character + span.length);
}

/**
 * Commands accept a `vscode.Uri`, a URI string or an absolute path (CONTRACTS.md), or
 * nothing for the active editor.
 */
export function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') {
    if (path.isAbsolute(value) && !/^[a-z][\w+.-]+:\/\//i.test(value)) return vscode.Uri.file(value);
    return vscode.Uri.parse(value);
  }
  if (value && typeof value === 'object' && 'scheme' in value && 'path' in value) return vscode.Uri.from(value as vscode.Uri);
  return undefined;
}

export async function openTarget(uriArgument: unknown, lineArgument: unknown): Promise<{ document: vscode.TextDocument; line: number } | undefined> {
  const uri = toUri(uriArgument);
  const editor = vscode.window.activeTextEditor;
  if (!uri) {
    if (!editor) return undefined;
    return { document: editor.document, line: typeof lineArgument === 'number' ? lineArgument : editor.selection.active.line };
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const sameAsActive = editor && editor.document.uri.toString() === document.uri.toString();
  const line = typeof lineArgument === 'number' ? lineArgument : sameAsActive ? editor.selection.active.line : 0;
  return { document, line };
}

export class HttpDocuments {
  constructor(private readonly cache: ParseCache) {}

  parse(document: vscode.TextDocument): ParsedHttpFile {
    return this.cache.get(document.uri.toString(), document.version, () => document.getText());
  }

  requestAt(document: vscode.TextDocument, line: number): ParsedRequest | undefined {
    return findRequestAtLine(this.parse(document), line);
  }

  source(document: vscode.TextDocument): RequestSource {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return {
      documentKey: document.uri.toString(),
      filePath: document.uri.scheme === 'file' ? document.uri.fsPath : undefined,
      workspaceRoot: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined,
      parsed: this.parse(document),
    };
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }
}
