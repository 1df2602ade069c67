// Prints each failed test of the given .trx files with the head of its message, stack trace and output, so that the
// tail of a CI log says why a test failed, not only which. Used by test.sh; node is one of its prerequisites.
// Usage: node tests/report-failures.mjs RESULTS/*.trx
import { readFileSync } from 'node:fs';

const decode = (text) =>
  text
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const element = (xml, name) => {
  const match = xml.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`));
  return match ? decode(match[1]) : '';
};

const lines = (text) => text.split(/\r?\n/).filter((line) => line.trim().length > 0);

const show = (label, text, take, fromEnd = false) => {
  const all = lines(text);
  if (all.length === 0) return;
  const shown = fromEnd ? all.slice(-take) : all.slice(0, take);
  const left = all.length - shown.length;
  console.log(`    ${label}${left > 0 ? ` (${fromEnd ? 'last' : 'first'} ${shown.length} of ${all.length} lines)` : ''}:`);
  for (const line of shown) console.log(`      ${line}`);
};

for (const file of process.argv.slice(2)) {
  const xml = readFileSync(file, 'utf8');
  const results = xml.match(/<UnitTestResult [^>]*outcome="Failed"[^>]*?(?:\/>|>[\s\S]*?<\/UnitTestResult>)/g) ?? [];
  for (const result of results) {
    const name = decode(result.match(/testName="([^"]*)"/)?.[1] ?? '(unnamed)');
    const duration = result.match(/duration="([^"]*)"/)?.[1];
    console.log(`FAILED ${name}${duration ? ` [${duration}]` : ''}`);
    show('message', element(result, 'Message'), 20);
    show('stack', element(result, 'StackTrace'), 12);
    show('output', element(result, 'StdOut'), 25, true);
  }
}
