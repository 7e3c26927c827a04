import * as vscode from 'vscode';
import { Views } from '../ids';
import type { ValidatorStore } from '../core/validators/validatorStore';
import type { StoredValidator } from '../core/validators/storedValidator';
import { clockOffsetSeconds, describeAge, describeClockOffset } from '../core/validators/describe';
import { freshestEtagOf } from '../core/validators/freshestValidators';
import { describeChangeSinceUsed, describeStaleRecord } from '../core/validators/tagOrigin';

export type ValidatorNode =
  | { kind: 'origin'; origin: string }
  | { kind: 'resource'; url: string }
  | { kind: 'detail'; url: string; label: string; value: string; icon: string }
  | { kind: 'history'; url: string }
  | { kind: 'observation'; url: string; index: number };

/**
 * The Validators tree: origin → resource → details. Children are computed only when a
 * node is expanded, so a store of 100k records costs one grouping pass per change.
 * It refreshes only from the store's change event.
 */
export class ValidatorsView implements vscode.TreeDataProvider<ValidatorNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ValidatorNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private byOrigin: Map<string, string[]> | undefined;
  private view: vscode.TreeView<ValidatorNode> | undefined;
  private readonly creatingView: ReturnType<typeof setImmediate>;

  constructor(private readonly store: ValidatorStore) {
    // Registered just after activation rather than during it: the view can't be drawn any sooner,
    // and activation is what every window start waits for (bench: extension.activation).
    this.creatingView = setImmediate(() => {
      this.view = vscode.window.createTreeView(Views.validators, { treeDataProvider: this, showCollapseAll: true });
      this.disposables.push(this.view);
      this.updateBadge();
    });
    this.disposables.push(this.changed);
    this.disposables.push(
      store.onDidChange(() => {
        this.byOrigin = undefined;
        this.updateBadge();
        this.changed.fire(undefined);
      }),
    );
  }

  /** The resource row as the view shows it (label and description), for the extension's test API. */
  rowFor(url: string): { label: string; description: string } | undefined {
    const record = this.store.get(url);
    if (!record) return undefined;
    const item = this.resourceItem(record.url);
    return { label: String(item.label), description: String(item.description ?? '') };
  }

  getChildren(node?: ValidatorNode): ValidatorNode[] {
    if (!node) return [...this.origins().keys()].sort().map((origin) => ({ kind: 'origin', origin }));
    switch (node.kind) {
      case 'origin':
        return (this.origins().get(node.origin) ?? []).sort().map((url) => ({ kind: 'resource', url }));
      case 'resource':
        return this.details(node.url);
      case 'history': {
        const record = this.store.get(node.url);
        return (record?.history ?? []).map((_, index) => ({ kind: 'observation', url: node.url, index }));
      }
      default:
        return [];
    }
  }

  getTreeItem(node: ValidatorNode): vscode.TreeItem {
    switch (node.kind) {
      case 'origin': {
        const item = new vscode.TreeItem(node.origin, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('globe');
        item.contextValue = 'origin';
        return item;
      }
      case 'resource':
        return this.resourceItem(node.url);
      case 'detail': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.value;
        item.tooltip = `${node.label}: ${node.value}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = 'detail';
        return item;
      }
      case 'history': {
        const count = this.store.get(node.url)?.history.length ?? 0;
        const item = new vscode.TreeItem('History', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${count} observation${count === 1 ? '' : 's'}`;
        item.iconPath = new vscode.ThemeIcon('history');
        return item;
      }
      case 'observation':
        return this.observationItem(node);
    }
  }

  private origins(): Map<string, string[]> {
    if (this.byOrigin) return this.byOrigin;
    const groups = new Map<string, string[]>();
    for (const record of this.store.all()) {
      const origin = originOf(record.url);
      const urls = groups.get(origin);
      if (urls) urls.push(record.url);
      else groups.set(origin, [record.url]);
    }
    this.byOrigin = groups;
    return groups;
  }

  private resourceItem(url: string): vscode.TreeItem {
    const record = this.store.get(url);
    const label = url.slice(originOf(url).length) || '/';
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `resource:${url}`;
    if (!record) return item;
    const badges = statusBadges(record, new Date());
    item.description = [record.etag ?? record.lastModified ?? 'no validator', ...badges].join('  ');
    item.iconPath = new vscode.ThemeIcon(record.state === 'gone' ? 'trash' : badges.length > 0 ? 'warning' : 'tag');
    item.contextValue = record.etag ? 'resource-etag' : 'resource';
    item.tooltip = resourceTooltip(record, badges);
    return item;
  }

  private details(url: string): ValidatorNode[] {
    const record = this.store.get(url);
    if (!record) return [];
    const now = new Date();
    const rows: Array<[string, string | undefined, string]> = [
      ['ETag', record.etag ? `${record.etag}  ${record.weak ? 'weak' : 'strong'}` : undefined, 'tag'],
      ['Last-Modified', record.lastModified ? `${record.lastModified}  (${describeAge(new Date(record.lastModified), now)})` : undefined, 'calendar'],
      ['Content-Encoding', record.contentEncoding ?? 'identity', 'file-zip'],
      ['Last response', `${record.status} to ${record.method}`, 'arrow-swap'],
      ['Observed', `${record.observedAt}  (${describeAge(new Date(record.observedAt), now)})`, 'clock'],
      ['Server Date', record.serverDate, 'server'],
      ['Clock offset', describeClockOffset(clockOffsetSeconds(record.serverDate, record.observedAt)), 'watch'],
    ];
    for (const representation of record.representations) {
      if (representation.contentEncoding === record.contentEncoding) continue;
      rows.push([`Representation (${representation.contentEncoding ?? 'identity'})`, representation.etag ?? representation.lastModified, 'files']);
    }
    const nodes: ValidatorNode[] = rows
      .filter((row): row is [string, string, string] => row[1] !== undefined)
      .map(([label, value, icon]) => ({ kind: 'detail', url, label, value, icon }));
    nodes.push({ kind: 'history', url });
    return nodes;
  }

  private observationItem(node: { url: string; index: number }): vscode.TreeItem {
    const entry = this.store.get(node.url)?.history[node.index];
    const item = new vscode.TreeItem(entry ? `${entry.method} → ${entry.status}` : '?', vscode.TreeItemCollapsibleState.None);
    if (entry) {
      item.description = `${entry.etag ?? entry.lastModified ?? 'no validator'}  ${describeAge(new Date(entry.observedAt), new Date())}`;
      item.tooltip = [entry.observedAt, entry.etag && `ETag ${entry.etag}`, entry.lastModified && `Last-Modified ${entry.lastModified}`].filter(Boolean).join('\n');
    }
    item.iconPath = new vscode.ThemeIcon('circle-small-filled');
    return item;
  }

  private updateBadge(): void {
    if (!this.view) return;
    const count = this.store.size;
    this.view.badge = count > 0 ? { value: count, tooltip: `${count} resource${count === 1 ? '' : 's'} with validators` } : undefined;
  }

  dispose(): void {
    clearImmediate(this.creatingView);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

export function originOf(url: string): string {
  const match = /^[a-z][\w+.-]*:\/\/[^/?#]*/i.exec(url);
  return match ? match[0] : url;
}

/** "changed" always says since when and by whom: our own write moving a resource on is no warning. */
function statusBadges(record: StoredValidator, now: Date): string[] {
  if (record.state === 'gone') return ['deleted'];
  if (record.state === 'changed-unknown') return [describeStaleRecord(record, now)];
  const change = describeChangeSinceUsed(record, freshestEtagOf(record), now);
  return change ? [change] : [];
}

function resourceTooltip(record: StoredValidator, badges: string[]): vscode.MarkdownString {
  const offset = describeClockOffset(clockOffsetSeconds(record.serverDate, record.observedAt));
  const lines = [
    `**${record.url}**`,
    '',
    `| | |`,
    `|---|---|`,
    `| ETag | \`${record.etag ?? '—'}\` ${record.etag ? (record.weak ? '(weak)' : '(strong)') : ''} |`,
    `| Last-Modified | ${record.lastModified ?? '—'} |`,
    `| Content-Encoding | ${record.contentEncoding ?? 'identity'} |`,
    `| Last response | ${record.status} to ${record.method} |`,
    `| Observed | ${record.observedAt} |`,
    `| Server Date | ${record.serverDate ?? '—'} |`,
    `| Clock | ${offset} |`,
  ];
  if (badges.length > 0) lines.push('', `$(warning) ${badges.join(', ')}`);
  const markdown = new vscode.MarkdownString(lines.join('\n'), true);
  return markdown;
}
