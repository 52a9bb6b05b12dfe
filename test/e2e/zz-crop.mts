// usage: crop.mts in.png out-prefix [sliceHeight]
import puppeteer from 'puppeteer';
import { readFileSync } from 'node:fs';
const [input, prefix, sliceArg] = process.argv.slice(2);
const slice = Number(sliceArg ?? 1300);
const b = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const p = await b.newPage();
const data = readFileSync(input!).toString('base64');
await p.setContent(`<body style="margin:0"><img id=i src="data:image/png;base64,${data}"></body>`);
const { w, h } = await p.$eval('#i', (i) => ({ w: (i as HTMLImageElement).naturalWidth, h: (i as HTMLImageElement).naturalHeight }));
await p.setViewport({ width: w, height: Math.min(h, slice) });
for (let y = 0, n = 1; y < h; y += slice, n++) await p.screenshot({ path: `${prefix}-${n}.png`, clip: { x: 0, y, width: w, height: Math.min(slice, h - y) }, captureBeyondViewport: true });
console.log(w, h);
await b.close();
