// Kept apart from report.ts, which loads on first explain: the panel needs only this at activation.
import type { SendResult } from '../http/types';
import { formatHttpDate } from '../preconditions/httpDate';
import { escapeText } from './markdown';

/**
 * The report once a later exchange of the same request succeeded: a notice under the title
 * says so, and the causes stay readable as the story of the earlier failure. Without it a
 * report on screen keeps saying "412" after the retry that fixed it.
 */
export function markReportResolved(markdown: string, resolvedBy: Pick<SendResult, 'method' | 'status' | 'statusText'>, at: Date, failedStatus: number): string {
  const notice = `> **Resolved:** ${escapeText(resolvedBy.method)} answered ${resolvedBy.status} ${escapeText(resolvedBy.statusText)} at ${formatHttpDate(at)}. What follows explains the earlier ${failedStatus}.`.replace(/ {2,}/g, ' ');
  const lines = markdown.split('\n');
  const title = lines.findIndex((line) => line.startsWith('# '));
  lines.splice(title + 1, 0, '', notice);
  return lines.join('\n');
}
