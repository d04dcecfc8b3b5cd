// A local OpenID Connect provider for the browser test of the Entra sign-in path (no Microsoft servers here).
// Usage: node server.mjs PORT CLAIMS_FILE
// Every token it issues carries the claims in CLAIMS_FILE (JSON, read at each sign-in: tid, oid, name, roles);
// /authorize approves at once (no login form).
import { readFileSync } from 'node:fs';
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.argv[2]);
const claimsFile = process.argv[3];
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeTokenSigning', (token) => {
  Object.assign(token.payload, JSON.parse(readFileSync(claimsFile, 'utf8')));
});
await server.start(port, '127.0.0.1');
console.log(`ready ${server.issuer.url}`);
