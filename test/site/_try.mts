import { buildSite, fixtureSite } from './fixture-site.ts';
await buildSite('/tmp/gk/site', fixtureSite());
console.log('built');
