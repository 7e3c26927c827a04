import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The report's stylesheet, as the webview loads it from media/.
const css = readFileSync(resolve(__dirname, '../../../../media/report.css'), 'utf8');

function rule(selector: string): string {
  const match = new RegExp(`(?:^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{([^}]*)\\}`).exec(css);
  assert.ok(match, `a rule for ${selector}`);
  return match[1];
}

describe('the report stylesheet', () => {
  it('shows code spans in the text colour, not the red of preformatted text', () => {
    const code = rule('code');
    assert.match(code, /(^|;)\s*color: var\(--vscode-foreground\)/);
    assert.doesNotMatch(css, /textPreformat-foreground/);
  });

  it('gives table cells and code blocks no second background behind their code', () => {
    assert.match(rule('td code'), /background: transparent/);
    assert.match(rule('pre code'), /background: transparent/);
  });
});
