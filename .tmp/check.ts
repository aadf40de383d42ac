import stringWidth from '../node_modules/wrap-ansi/node_modules/string-width/index.js';
const PLAIN = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u2500-\u257f]*$/;
const bad = [];
for (let c = 0x20; c < 0x2600; c++) { const ch = String.fromCodePoint(c); if (PLAIN.test(ch) && stringWidth(ch) !== 1) bad.push(c.toString(16)); }
console.log(bad.length, bad.slice(0, 40));
