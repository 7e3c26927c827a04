// Goals and the printed table. A row's goal is either on the ratio (ours / baseline,
// both medians from the same run) or on the value (our median, a size or a count).

/** Adds `pass` (true, false, or null when there is no goal or no figure) and `measuredText`. */
export function evaluate(row) {
  const measured = row.goal.on === 'ratio' ? row.ratio : (row.value ?? row.ours?.median);
  const measuredText = row.goal.on === 'ratio' ? formatRatio(row.ratio) : formatValue(measured, row.unit);
  if (!row.goal.on || measured === undefined || Number.isNaN(measured)) return { ...row, pass: null, measuredText };
  const pass = row.goal.strict ? measured < row.goal.max : measured <= row.goal.max;
  return { ...row, pass, measuredText };
}

export function formatTable(rows) {
  const header = ['Case', 'Measure', 'Ours (median)', 'Baseline (median)', 'Ours min–max', 'Ratio', 'Goal', 'Result'];
  const body = rows.map((row) => [
    row.case,
    row.what,
    row.oursText ?? (row.ours ? formatValue(row.ours.median, row.unit) : row.value !== undefined ? formatValue(row.value, row.unit) : '—'),
    row.baseline ? `${formatValue(row.baseline.median, row.unit)} ${row.baseline.name}` : '—',
    row.ours && row.ours.samples > 1 ? `${formatValue(row.ours.min, row.unit)}–${formatValue(row.ours.max, row.unit)}` : '—',
    row.ratio !== undefined ? formatRatio(row.ratio) : '—',
    row.goal.text,
    row.pass === true ? 'pass' : row.pass === false ? 'MISSED' : row.goal.on ? 'not measured' : 'info',
  ]);
  return markdownTable([header, ...body]);
}

/** A Markdown table, padded so it also reads as plain text in a terminal. */
function markdownTable(lines) {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => String(line[column]).length)));
  const format = (line) => `| ${line.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
  return [format(lines[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...lines.slice(1).map(format)].join('\n');
}

export function formatRatio(ratio) {
  if (ratio === undefined || Number.isNaN(ratio)) return '—';
  return `${ratio < 0.1 ? ratio.toFixed(3) : ratio.toFixed(2)}×`;
}

export function formatValue(value, unit) {
  if (value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'bytes':
      return `${(value / 1024).toFixed(0)} KiB`;
    case 'count':
      return String(value);
    case 'MB':
      return `${value.toFixed(1)} MB`;
    default:
      return `${significant(value)} ${unit}`;
  }
}

function significant(value) {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}
