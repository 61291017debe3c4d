#!/usr/bin/env python3
"""Rewrites the README's first-case snippet from the console's real output (scripts/readme-first-case.sh).
Keeps the prompts, the card's head, reply, offers and questions, the release and the repeat; other card
lines are folded into '│ …'. Run after a change to drafting or rendering; the docs test checks the result."""
import re, subprocess, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
out = subprocess.run(['bash', str(root / 'scripts/readme-first-case.sh')], capture_output=True, text=True, check=True).stdout.splitlines()
keep, folded = [], False
section = ''
cards = 0
for line in out:
    if line.startswith('┌'):
        cards += 1
    if line.startswith('│ ') and not line.startswith('│  '):
        section = line[2:].split()[0] if line[2:].strip() else section
    show = (not line.startswith('│')) or (cards == 1 and (line.startswith('│ Class') or section in ('回复草稿', '补偿方案') or line.startswith('│ ⚠')))
    if line.startswith('✓') or line.startswith('c1 was already'):
        line = re.sub(r'rel_[0-9a-f-]{36}', 'rel_…', line)
    if line.startswith('亲') and len(line) > 60:
        line = line[:60] + ' …'
    if show:
        keep.append(line); folded = False
    elif not folded:
        keep.append('│ …'); folded = True
readme = (root / 'README.md').read_text()
start = readme.index('$ npm start\n') + len('$ npm start\n')
end = readme.index('```', start)
(root / 'README.md').write_text(readme[:start] + '\n'.join(keep) + '\n' + readme[end:])
print('\n'.join(keep))
