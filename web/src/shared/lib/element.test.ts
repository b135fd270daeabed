// Every Element Plus component a view uses is installed (shared/lib/element.ts): one left out
// renders as an unknown element — the notification bell showed its list instead of the bell and
// the dialogs of 政策匹配 had no buttons.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? vueFiles(p) : e.name.endsWith('.vue') ? [p] : [];
  });
}

describe('element', () => {
  it('installs every el-* component the views use', () => {
    const src = path.resolve(__dirname, '../..');
    const installed = readFileSync(path.join(src, 'shared/lib/element.ts'), 'utf8');
    const used = new Set(vueFiles(src).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/<el-([a-z0-9-]+)/g)].map((m) => m[1])));
    const pascal = (tag: string) => 'El' + tag.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
    const missing = [...used].filter((tag) => !new RegExp(`\\b${pascal(tag)}\\b`).test(installed));
    expect(missing).toEqual([]);
  });
});
