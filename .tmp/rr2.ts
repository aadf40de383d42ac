import wrapAnsi from 'wrap-ansi';
import stringWidth from 'string-width';
import {renderMarkdown} from '/work/p-resume/src/ui/markdown/render-markdown.ts';
const ans = ['## A stored answer','','Here is a reply from the **Runware** test server — no real model wrote it. It exists so that','clients can check rendering, streaming and accounting, with `inline code`, *emphasis* and a café.','','- the answer arrives one token at a time;','- a list','','> A quoted line.','','```ts','export function greet(name: string): string {','  const greeting = `Hello, ${name}!`;','  return greeting.toUpperCase();','}','```','','Ask again.'].join('\n');
const blocks = ans.split('\n\n');
for (let rep = 0; rep < 3; rep++) {
let t = performance.now(); const out: string[] = [];
for (let i = 0; i < 50; i++) for (const b of blocks) out.push(renderMarkdown(b, {width: 100, color: true}));
const md = performance.now() - t; t = performance.now();
for (const o of out) wrapAnsi(o, 100, {trim: false, hard: true});
const wr = performance.now() - t; t = performance.now();
for (const o of out) for (const l of o.split('\n')) stringWidth(l);
console.log('md', md.toFixed(1), 'wrap', wr.toFixed(1), 'sw', (performance.now() - t).toFixed(1));
}
